# Seed 004 "Margin-based Loss": a linear binary classifier f(x) = w.x + b on the pixels of two
# digit classes (3 vs 8), trained on phi(y f(x)). Switch the loss with the one line below
# (PerceptronLoss, L1HingeLoss, SmoothedL1HingeLoss, ModifiedHuberLoss, DWDMarginLoss,
# L2MarginLoss, L2HingeLoss, SigmoidLoss, LogitMarginLoss, ExpLoss) or from the command line:
#   --cfg-options model.head.loss.type=ExpLoss
margin_loss = dict(type='L1HingeLoss')

_base_ = ['../_base_/default_runtime.py']

model = dict(
    type='ImageClassifier',
    data_preprocessor=dict(type='ImgDataPreprocessor', mean=[0.0], std=[255.0]),
    head=dict(type='BinaryClsHead', in_channels=28 * 28, loss=margin_loss),
)

data_root = 'data/mnist'
groups = [[3], [8]]
pipeline = [dict(type='PackClsInputs')]
train_dataloader = dict(
    batch_size=32,
    num_workers=0,
    sampler=dict(type='DefaultSampler', shuffle=True),
    collate_fn=dict(type='default_collate'),
    dataset=dict(
        type='ClassGroupDataset',
        groups=groups,
        group_names=['3', '8'],
        dataset=dict(type='MNISTDataset', data_root=data_root, split='train'),
        pipeline=pipeline,
    ),
)
val_dataloader = dict(
    batch_size=100,
    num_workers=0,
    sampler=dict(type='DefaultSampler', shuffle=False),
    collate_fn=dict(type='default_collate'),
    dataset=dict(
        type='ClassGroupDataset',
        groups=groups,
        group_names=['3', '8'],
        dataset=dict(type='MNISTDataset', data_root=data_root, split='test'),
        pipeline=pipeline,
    ),
)
test_dataloader = val_dataloader
val_evaluator = [dict(type='Accuracy', topk=(1,)), dict(type='ZeroOneError')]
test_evaluator = val_evaluator

optim_wrapper = dict(type='OptimWrapper', optimizer=dict(type='SGD', lr=0.01, momentum=0.9))
param_scheduler = []
train_cfg = dict(type='EpochBasedTrainLoop', max_epochs=5, val_interval=1)
val_cfg = dict(type='ValLoop')
test_cfg = dict(type='TestLoop')
visualizer = dict(type='ClsVisualizer')
