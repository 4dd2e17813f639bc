# TVQA on the generated TV corpus: 5 options, accuracy (chance 20%).
_base_ = ['./tv_demo.py']

train_dataloader = dict(
    dataset=dict(type='TVQADataset', ann_file='tvqa_train.jsonl', video_list=None)
)
val_dataloader = dict(dataset=dict(type='TVQADataset', ann_file='tvqa_val.jsonl', video_list=None))
test_dataloader = val_dataloader
