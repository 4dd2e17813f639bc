# Seed 004: VGG-16, batch 256, SGD momentum 0.9, lr 0.01 / 10 on plateau, weight decay 5e-4,
# dropout 0.5 in FC6/FC7, no LRN.
_base_ = [
    '../_base_/models/vgg16.py',
    '../_base_/datasets/imagenet_bs32.py',
    '../_base_/schedules/imagenet_sgd_plateau.py',
    '../_base_/default_runtime.py',
]
model = dict(backbone=dict(depth=16))
train_dataloader = dict(batch_size=32)  # x 8 GPUs = 256
auto_scale_lr = dict(base_batch_size=256)
visualizer = dict(type='ClsVisualizer')
