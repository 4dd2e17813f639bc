from .alexnet import AlexNet
from .googlenet import GoogLeNet
from .inception_v2 import InceptionV2
from .inception_v3 import InceptionV3
from .inception_v4 import InceptionV4
from .resnet import ResNet
from .resnet_cifar import ResNetCIFAR
from .vgg import VGG
from .vqvae_decoder import VQVAEDecoder
from .vqvae_encoder import VQVAEEncoder
from .zfnet import ZFNet

__all__ = [
    'VGG',
    'AlexNet',
    'GoogLeNet',
    'InceptionV2',
    'InceptionV3',
    'InceptionV4',
    'ResNet',
    'ResNetCIFAR',
    'VQVAEDecoder',
    'VQVAEEncoder',
    'ZFNet',
]
