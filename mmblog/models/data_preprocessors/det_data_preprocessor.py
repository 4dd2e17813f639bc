"""Batch detection inputs: BGR->RGB, normalise, pad to a multiple of 32, record shapes."""

import torch
from mmengine.model import ImgDataPreprocessor
from mmengine.model.utils import stack_batch

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

        if mean is not None:
            # (x / 255 - mean / 255) / (std / 255) == (x - mean) / std, evaluated the way
            # torchvision's GeneralizedRCNNTransform does, so converted torchvision models see
            # bit-identical inputs (a random ResNet amplifies 1-ulp differences to ~1e-3).
            self.register_buffer(
                'mean01',
                (torch.tensor(mean, dtype=torch.float64) / 255).float().view(-1, 1, 1),
                False,
            )
            self.register_buffer(
                'std01',
                (torch.tensor(std, dtype=torch.float64) / 255).float().view(-1, 1, 1),
                False,
            )

    def _normalize(self, img: torch.Tensor) -> torch.Tensor:
        if self._channel_conversion:
            img = img[[2, 1, 0], ...] if img.dim() == 3 else img[:, [2, 1, 0], ...]
        img = img.float()
        if self._enable_normalize:
            img = (img / 255 - self.mean01) / self.std01
        return img

    def forward(self, data: dict, training: bool = False) -> dict:
        data = self.cast_data(data)
        inputs = data['inputs']
        if isinstance(inputs, torch.Tensor) and inputs.dim() == 3:
            inputs = [inputs]
        if isinstance(inputs, torch.Tensor):
            inputs = list(inputs)
        if not inputs or not all(isinstance(x, torch.Tensor) and x.dim() == 3 for x in inputs):
            raise TypeError('DetDataPreprocessor expects inputs as a list of (C, H, W) tensors')
        data['inputs'] = stack_batch(
            [self._normalize(x) for x in inputs], self.pad_size_divisor, self.pad_value
        )
        data.setdefault('data_samples', None)
        samples = data.get('data_samples')
        if samples:
            batch_shape = tuple(data['inputs'].shape[-2:])
            for sample in samples:
                if 'img_shape' not in sample:
                    raise KeyError('each DetDataSample needs metainfo img_shape (h, w)')
                sample.set_metainfo(dict(batch_input_shape=batch_shape, pad_shape=batch_shape))
        return data
