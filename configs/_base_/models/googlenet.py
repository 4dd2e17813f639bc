# GoogLeNet as published: 9 inception modules, average pool, dropout 0.4, linear classifier,
# and two auxiliary classifiers on inception 4a/4d whose losses count with weight 0.3 in
# training only.
model = dict(
    type='ImageClassifier',
    data_preprocessor=dict(
        type='ImgDataPreprocessor',
        mean=[123.675, 116.28, 103.53],
        std=[58.395, 57.12, 57.375],
        bgr_to_rgb=True,
    ),
    backbone=dict(type='GoogLeNet', arch='paper', aux_outputs=True),
    neck=dict(type='GlobalAveragePooling'),
    head=dict(
        type='LinearClsHead',
        num_classes=1000,
        in_channels=1024,
        dropout=0.4,
        loss=dict(type='CrossEntropyLoss'),
    ),
    aux_heads=[
        dict(
            type='GoogLeNetAuxHead', num_classes=1000, in_channels=512, in_index=0, loss_weight=0.3
        ),
        dict(
            type='GoogLeNetAuxHead', num_classes=1000, in_channels=528, in_index=1, loss_weight=0.3
        ),
    ],
)
