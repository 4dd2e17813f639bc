"""Image-text datasets: captions with detector region features (ERNIE-ViL)."""

from .ernie_vil_caption_dataset import ErnieVilCaptionDataset, region_locations
from .ernie_vil_collate import ernie_vil_collate
from .region_feature_lmdb import RegionFeatureFormatError, RegionFeatureLMDB

__all__ = [
    'ErnieVilCaptionDataset',
    'RegionFeatureFormatError',
    'RegionFeatureLMDB',
    'ernie_vil_collate',
    'region_locations',
]
