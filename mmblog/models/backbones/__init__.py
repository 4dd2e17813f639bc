from .resnet import ResNet

__all__ = ['ResNet']
from .vqvae_nets import VQVAEDecoder, VQVAEEncoder  # noqa: E402

__all__ += ['VQVAEDecoder', 'VQVAEEncoder']
