# Seed 004 "Margin-based Loss": a linear binary classifier f(x) = w.x + b on the pixels of two
# digit classes (3 vs 8), trained on phi(y f(x)). Switch the loss with the one line below
# (PerceptronLoss, L1HingeLoss, SmoothedL1HingeLoss, ModifiedHuberLoss, DWDMarginLoss,
# L2MarginLoss, L2HingeLoss, SigmoidLoss, LogitMarginLoss, ExpLoss) or from the command line:
#   --cfg-options model.head.loss.type=ExpLoss
margin_loss = dict(type='L1HingeLoss')

_base_ = [
    '../_base_/datasets/mnist_3v8.py',
    '../_base_/schedules/sgd_5e.py',
    '../_base_/default_runtime.py',
]

model = dict(
    type='ImageClassifier',
    data_preprocessor=dict(type='ImgDataPreprocessor', mean=[0.0], std=[255.0]),
    head=dict(type='BinaryClsHead', in_channels=28 * 28, loss=margin_loss),
)

optim_wrapper = dict(optimizer=dict(lr=0.01, momentum=0.9))
visualizer = dict(type='ClsVisualizer')
auto_scale_lr = dict(base_batch_size=32)
