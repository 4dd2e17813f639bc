from .base_vq_autoencoder import BaseVQAutoEncoder
from .vqvae import VQVAE
from .vqvae2 import VQVAE2

__all__ = ['BaseVQAutoEncoder', 'VQVAE', 'VQVAE2']
