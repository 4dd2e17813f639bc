from .checkpoint_ensemble import checkpoint_ensemble, predict_ratings
from .cls_inferencer import ClsInferencer
from .det_inferencer import DetInferencer
from .generation import image_grid, save_image_grid
from .inference import inference_detector, init_detector
from .inference_cls import inference_classifier, init_classifier
from .inference_text import fill_mask
from .model import init_model
from .region_features import extract_region_features

__all__ = [
    'ClsInferencer',
    'checkpoint_ensemble',
    'predict_ratings',
    'DetInferencer',
    'fill_mask',
    'image_grid',
    'inference_classifier',
    'inference_detector',
    'init_classifier',
    'init_detector',
    'init_model',
    'save_image_grid',
    'extract_region_features',
]
