from .alexnet import AlexNet, ZFNet
from .googlenet import GoogLeNet
from .inception_v3 import InceptionV3
from .inception_v4 import InceptionV4
from .resnet import ResNet
from .resnet_cifar import ResNetCIFAR
from .vgg import VGG

__all__ = [
    'AlexNet',
    'GoogLeNet',
    'InceptionV3',
    'InceptionV4',
    'ResNet',
    'ResNetCIFAR',
    'VGG',
    'ZFNet',
]
