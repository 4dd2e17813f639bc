from .cnp import CNP
from .pixelcnn import GatedPixelCNN, PixelSNAIL
from .pixelcnn_prior import PixelCNNPrior, classifier_rejection
from .vqvae import VQVAE, VQVAE2

__all__ = [
    'CNP',
    'GatedPixelCNN',
    'PixelCNNPrior',
    'PixelSNAIL',
    'VQVAE',
    'VQVAE2',
    'classifier_rejection',
]
