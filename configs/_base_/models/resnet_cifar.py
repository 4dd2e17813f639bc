# The TF cifar10_estimator's ResNetCifar10 (--num-layers, default 44): 3x3 conv 16, three stages
# of basic blocks (16/32/64), parameter-free shortcuts, global average pool, FC 10.
# Its input scaling is x / 128 - 1.
model = dict(
    type='ImageClassifier',
    data_preprocessor=dict(type='ImgDataPreprocessor', mean=[128.0] * 3, std=[128.0] * 3),
    backbone=dict(type='ResNetCIFAR', depth=44, shortcut='A'),
    neck=dict(type='GlobalAveragePooling'),
    head=dict(
        type='LinearClsHead', num_classes=10, in_channels=64, loss=dict(type='CrossEntropyLoss')
    ),
)
