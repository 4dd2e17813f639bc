# VGG-16 (configuration D): 13 3x3 convs, FC 4096-4096-1000, dropout 0.5, 224x224 input.
model = dict(
    type='ImageClassifier',
    data_preprocessor=dict(
        type='ImgDataPreprocessor',
        mean=[123.675, 116.28, 103.53],
        std=[58.395, 57.12, 57.375],
        bgr_to_rgb=True,
    ),
    backbone=dict(type='VGG', depth=16),  # norm_cfg=dict(type='BN') for VGG-BN
    head=dict(
        type='StackedLinearClsHead',
        num_classes=1000,
        in_channels=512 * 7 * 7,
        mid_channels=(4096, 4096),
        dropout=0.5,
        loss=dict(type='CrossEntropyLoss'),
    ),
)
