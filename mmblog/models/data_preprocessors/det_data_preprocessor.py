"""Batch detection inputs: BGR->RGB, normalise, pad to a multiple of 32, record shapes."""

import torch
from mmengine.model import ImgDataPreprocessor

from mmblog.registry import MODELS


@MODELS.register_module()
class DetDataPreprocessor(ImgDataPreprocessor):
    """mmengine's image preprocessor plus the metainfo detection heads need.

    Args:
        mean, std: Per-channel normalisation (of the channels after ``bgr_to_rgb``).
        bgr_to_rgb: Flip the channels (mmcv loads BGR; torchvision/caffe weights differ).
        pad_size_divisor: Pad height and width up to a multiple of this (32 for FPN).
        pad_value: Value of the padded pixels (after normalisation).

    Each data sample gets ``batch_input_shape`` (padded batch h, w) and ``pad_shape``.
    Ground-truth masks stay at ``img_shape``: heads crop them by box, so padding is not needed.
    """

    def __init__(
        self,
        mean=None,
        std=None,
        pad_size_divisor: int = 32,
        pad_value: float = 0,
        bgr_to_rgb: bool = False,
        rgb_to_bgr: bool = False,
        non_blocking: bool = False,
    ):
        super().__init__(
            mean=mean,
            std=std,
            pad_size_divisor=pad_size_divisor,
            pad_value=pad_value,
            bgr_to_rgb=bgr_to_rgb,
            rgb_to_bgr=rgb_to_bgr,
            non_blocking=non_blocking,
        )

    def forward(self, data: dict, training: bool = False) -> dict:
        inputs = data['inputs']
        if isinstance(inputs, torch.Tensor) and inputs.dim() == 3:
            data = dict(data, inputs=[inputs])
        data = super().forward(data, training)
        samples = data.get('data_samples')
        if samples:
            batch_shape = tuple(data['inputs'].shape[-2:])
            for sample in samples:
                if 'img_shape' not in sample:
                    raise KeyError('each DetDataSample needs metainfo img_shape (h, w)')
                sample.set_metainfo(dict(batch_input_shape=batch_shape, pad_shape=batch_shape))
        return data
