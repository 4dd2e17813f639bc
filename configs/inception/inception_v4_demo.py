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
