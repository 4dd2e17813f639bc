from .classifier_rejection import classifier_rejection
from .gated_pixelcnn import GatedPixelCNN
from .pixelcnn_prior import PixelCNNPrior
from .pixelsnail import PixelSNAIL

__all__ = ['GatedPixelCNN', 'PixelCNNPrior', 'PixelSNAIL', 'classifier_rejection']
