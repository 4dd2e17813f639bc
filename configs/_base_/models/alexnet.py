# AlexNet as in the paper: 227x227 input, LRN after conv1/conv2, FC 4096-4096-1000, dropout 0.5.
model = dict(
    type='ImageClassifier',
    data_preprocessor=dict(
        type='ImgDataPreprocessor',
        mean=[123.675, 116.28, 103.53],
        std=[58.395, 57.12, 57.375],
        bgr_to_rgb=True,
    ),
    backbone=dict(
        type='AlexNet',
        arch='paper',
        norm_cfg=dict(type='LRN', size=5, alpha=1e-4, beta=0.75, k=2.0),
    ),
    head=dict(
        type='StackedLinearClsHead',
        num_classes=1000,
        in_channels=256 * 6 * 6,
        mid_channels=(4096, 4096),
        dropout=0.5,
        loss=dict(type='CrossEntropyLoss'),
    ),
)
