from .resnet import ResNet

__all__ = ['ResNet']

# Classification backbones.
from .alexnet import AlexNet, ZFNet  # noqa: E402
from .googlenet import GoogLeNet  # noqa: E402
from .inception_v3 import InceptionV3  # noqa: E402
from .inception_v4 import InceptionV4  # noqa: E402
from .resnet_cifar import ResNetCIFAR  # noqa: E402
from .vgg import VGG  # noqa: E402

__all__ += ['AlexNet', 'GoogLeNet', 'InceptionV3', 'InceptionV4', 'ResNetCIFAR', 'VGG', 'ZFNet']
