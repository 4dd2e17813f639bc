# y = softmax(W x + b) on the flattened 28x28 image scaled to [0, 1]; W and b start at zero.
model = dict(
    type='ImageClassifier',
    data_preprocessor=dict(type='ImgDataPreprocessor', mean=[0.0], std=[255.0]),
    head=dict(
        type='LinearClsHead',
        num_classes=10,
        in_channels=28 * 28,
        loss=dict(type='CrossEntropyLoss'),
        init_cfg=dict(type='Constant', layer='Linear', val=0.0, bias=0.0),
    ),
)
