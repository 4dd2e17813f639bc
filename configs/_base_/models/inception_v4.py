# Inception v4 (299x299): stem, 4xA, Reduction-A, 7xB, Reduction-B, 3xC, dropout keep 0.8.
model = dict(
    type='ImageClassifier',
    data_preprocessor=dict(
        type='ImgDataPreprocessor', mean=[127.5] * 3, std=[127.5] * 3, bgr_to_rgb=True
    ),
    backbone=dict(type='InceptionV4', num_blocks=(4, 7, 3)),
    neck=dict(type='GlobalAveragePooling'),
    head=dict(
        type='LinearClsHead',
        num_classes=1000,
        in_channels=1536,
        dropout=0.2,
        loss=dict(type='CrossEntropyLoss', label_smoothing=0.1),
    ),
)
