# Inception v2 = BN-Inception (Ioffe & Szegedy 2015, figure 5): BN after every conv, 5x5 convs
# factorised into two 3x3, no LRN and no dropout (both removed in the paper), global average pool
# and a linear classifier.
model = dict(
    type='ImageClassifier',
    data_preprocessor=dict(
        type='ImgDataPreprocessor',
        mean=[123.675, 116.28, 103.53],
        std=[58.395, 57.12, 57.375],
        bgr_to_rgb=True,
    ),
    backbone=dict(type='InceptionV2'),
    neck=dict(type='GlobalAveragePooling'),
    head=dict(
        type='LinearClsHead', num_classes=1000, in_channels=1024, loss=dict(type='CrossEntropyLoss')
    ),
)
