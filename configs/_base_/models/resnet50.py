# ResNet-50 for ImageNet: the shared ResNet backbone (last stage only), global average pooling,
# one linear layer; BN after every conv, no dropout.
model = dict(
    type='ImageClassifier',
    data_preprocessor=dict(
        type='ImgDataPreprocessor',
        mean=[123.675, 116.28, 103.53],
        std=[58.395, 57.12, 57.375],
        bgr_to_rgb=True,
    ),
    backbone=dict(type='ResNet', depth=50, out_indices=(3,), style='pytorch'),
    neck=dict(type='GlobalAveragePooling'),
    head=dict(
        type='LinearClsHead', num_classes=1000, in_channels=2048, loss=dict(type='CrossEntropyLoss')
    ),
)
