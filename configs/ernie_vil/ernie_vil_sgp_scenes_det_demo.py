# ERNIE-ViL demo on region features of mmblog's Faster R-CNN (detected boxes, >= 0.2 score,
# 10-36 per image) instead of ground-truth boxes.
_base_ = ['./ernie_vil_sgp_scenes_demo.py']

train_dataloader = dict(dataset=dict(feature_file='feats_det_train.lmdb'))
val_dataloader = dict(dataset=dict(feature_file='feats_det_val.lmdb'))
test_dataloader = val_dataloader
