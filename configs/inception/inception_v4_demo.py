# CPU demo: Inception v4 with one block of each kind (1xA, 1xB, 1xC) on the generated folder at
# 75x75, with the v3 demo's data and AdamW schedule (6 epochs).
_base_ = ['./inception_v3_demo.py']
model = dict(
    _delete_=True,
    type='ImageClassifier',
    data_preprocessor=dict(
        type='ImgDataPreprocessor', mean=[127.5] * 3, std=[127.5] * 3, bgr_to_rgb=True
    ),
    backbone=dict(type='InceptionV4', num_blocks=(1, 1, 1)),
    neck=dict(type='GlobalAveragePooling'),
    head=dict(
        type='LinearClsHead',
        num_classes=5,
        in_channels=1536,
        dropout=0.2,
        loss=dict(type='CrossEntropyLoss', label_smoothing=0.1),
    ),
)
# the v4 demo keeps the schedule it was measured with (v3's demo now trains a narrower net longer)
train_dataloader = dict(batch_size=8)
optim_wrapper = dict(optimizer=dict(lr=1e-3))
param_scheduler = [
    dict(type='LinearLR', start_factor=0.1, by_epoch=False, begin=0, end=25),
    dict(type='CosineAnnealingLR', by_epoch=True, T_max=6, eta_min=1e-4),
]
train_cfg = dict(max_epochs=6, val_interval=2)
