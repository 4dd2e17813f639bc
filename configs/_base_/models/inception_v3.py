# Inception v3 (299x299): factorised convolutions, grid reductions, one auxiliary head on
# Mixed_6e (weight 0.3, training only), dropout 0.5, label smoothing 0.1 as in the paper.
model = dict(
    type='ImageClassifier',
    data_preprocessor=dict(
        type='ImgDataPreprocessor', mean=[127.5] * 3, std=[127.5] * 3, bgr_to_rgb=True
    ),
    backbone=dict(type='InceptionV3', aux_outputs=True),
    neck=dict(type='GlobalAveragePooling'),
    head=dict(
        type='LinearClsHead',
        num_classes=1000,
        in_channels=2048,
        dropout=0.5,
        loss=dict(type='CrossEntropyLoss', label_smoothing=0.1),
    ),
    aux_heads=[
        dict(
            type='InceptionV3AuxHead',
            num_classes=1000,
            in_channels=768,
            in_index=0,
            loss_weight=0.3,
            loss=dict(type='CrossEntropyLoss', label_smoothing=0.1),
        )
    ],
)
