# ZFNet: AlexNet with a 7x7/2 conv1 and a 5x5/2 conv2 (224x224 input).
_base_ = ['./alexnet.py']
model = dict(backbone=dict(_delete_=True, type='ZFNet'))
