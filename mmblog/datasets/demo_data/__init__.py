"""Generators of small, learnable datasets written in the real public formats.

Each family adds ``name: function(out_dir, seed) -> summary`` to ``DEMO_GENERATORS``;
``tools/misc/make_demo_data.py`` runs them.
"""

from .cifar10 import make_cifar10_demo
from .imagenet_folder import make_imagenet_folder_demo
from .mnist_digits import make_mnist_demo
from .shapes import make_shapes_demo
from .vq_images import make_vq_images_demo

DEMO_GENERATORS = {
    'mnist': make_mnist_demo,
    'shapes': make_shapes_demo,
    'vq_images': make_vq_images_demo,
    'cifar10': make_cifar10_demo,
    'imagenet_folder': make_imagenet_folder_demo,
}

__all__ = [
    'DEMO_GENERATORS',
    'make_cifar10_demo',
    'make_imagenet_folder_demo',
    'make_mnist_demo',
    'make_shapes_demo',
    'make_vq_images_demo',
]
