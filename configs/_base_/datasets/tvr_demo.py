# TVR on the generated TV corpus: train on tvr_train queries; evaluate every val query against
# every val video (the corpus in tvr_video2dur_idx.json) for R@K at IoU 0.5 / 0.7.
_base_ = ['./tv_demo.py']

train_dataloader = dict(
    dataset=dict(type='TVRDataset', ann_file='tvr_train.jsonl', split='train', video_list=None)
)
val_dataloader = dict(
    batch_size=64,
    dataset=dict(
        type='TVRDataset', ann_file='tvr_val.jsonl', split='val', corpus=True, video_list=None
    ),
)
test_dataloader = val_dataloader
val_evaluator = dict(type='MomentRetrievalMetric', ks=(1, 10, 100), iou_thresholds=(0.5, 0.7))
test_evaluator = val_evaluator
