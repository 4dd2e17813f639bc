"""ILSVRC-2012 (ImageNet) in its folder layout."""

from mmblog.registry import DATASETS

from .custom import CustomDataset


@DATASETS.register_module()
class ImageNet(CustomDataset):
    """ILSVRC-2012 laid out as ``train/<wnid>/*.JPEG`` or with ``meta/{train,val}.txt``."""
