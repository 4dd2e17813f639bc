"""Normalisation layers through mmcv's ``build_norm_layer``, plus the paper-era LRN.

Every backbone builds its norm layers here, so ``eps``, ``requires_grad`` and the layer types
mean the same thing everywhere (mmcv's defaults: ``eps=1e-5``, ``requires_grad=True``).
"""

import mmcv.cnn  # noqa: F401  (registers BN, SyncBN, GN, ... in mmengine's MODELS)
import torch.nn as nn
from mmcv.cnn import build_norm_layer

from mmblog.registry import MODELS


@MODELS.register_module('LRN')
class LRN(nn.LocalResponseNorm):
    """Local response normalisation (AlexNet section 3.3) as an mmcv norm layer.

    Defaults are the paper's (``n=5, alpha=1e-4, beta=0.75, k=2``). ``num_features`` and
    ``eps`` are accepted (``build_norm_layer`` passes them) and unused: LRN has no parameters.
    """

    _abbr_ = 'lrn'

    def __init__(
        self,
        num_features: int,
        size: int = 5,
        alpha: float = 1e-4,
        beta: float = 0.75,
        k: float = 2.0,
        eps: float | None = None,
    ):
        super().__init__(size, alpha, beta, k)


def build_norm2d(norm_cfg: dict | None, num_features: int) -> nn.Module:
    """``None`` -> ``nn.Identity``; otherwise mmcv's ``build_norm_layer`` (its layer only).

    The type is looked up in mmblog's ``MODELS`` (which falls back to mmengine's, where mmcv
    registers ``BN``/``SyncBN``/``GN``), so it works with or without a default scope.
    """
    if norm_cfg is None:
        return nn.Identity()
    cfg = dict(norm_cfg)
    kind = cfg.get('type')
    if isinstance(kind, str):
        layer_cls = MODELS.get(kind)
        if layer_cls is None:
            raise ValueError(f'unknown norm type {kind!r} in norm_cfg={norm_cfg}')
        cfg['type'] = layer_cls
    return build_norm_layer(cfg, num_features)[1]
