# Generated downstream questions on the ERNIE-ViL scenes (detector features): set `task` to
# 'vqa', 'vcr' or 'grounding' in the derived config; the metric is the task's accuracy with its
# chance level.
_base_ = ['./ernie_vil_scenes_demo.py']

train_dataloader = dict(
    dataset=dict(feature_file='feats_det_train.lmdb', coco_file='annotations/instances_train.json')
)
val_dataloader = dict(
    dataset=dict(feature_file='feats_det_val.lmdb', coco_file='annotations/instances_val.json')
)
test_dataloader = val_dataloader
val_evaluator = dict(type='TaskAccuracy', prefix='downstream')
test_evaluator = val_evaluator
