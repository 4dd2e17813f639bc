from .base import BaseGenerativeModel
from .pixelcnn import GatedPixelCNN, PixelCNNPrior, PixelSNAIL, classifier_rejection
from .vqvae import VQVAE, VQVAE2, BaseVQAutoEncoder

__all__ = [
    'BaseGenerativeModel',
    'BaseVQAutoEncoder',
    'GatedPixelCNN',
    'PixelCNNPrior',
    'PixelSNAIL',
    'VQVAE',
    'VQVAE2',
    'classifier_rejection',
]
