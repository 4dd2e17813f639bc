from .generation import image_grid, save_image_grid
from .inference import inference_detector, init_detector
from .inference_cls import inference_classifier, init_classifier
from .inference_text import fill_mask

__all__ = [
    'fill_mask',
    'image_grid',
    'inference_classifier',
    'inference_detector',
    'init_classifier',
    'init_detector',
    'save_image_grid',
]
