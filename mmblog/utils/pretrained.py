"""Pretrained backbone starts (``torchvision://resnet50``, ``open-mmlab://detectron2/...``).

The paper detection configs start their backbone from ImageNet weights, as MMDetection's do.
mmengine downloads those through torch's hub cache; without a network (or a cached copy) it
fails deep inside a urllib traceback. These loaders read the cached file when it is there
(``torch.load(weights_only=True)``: data, never code), else try the download, else stop with one
line naming the cache file, the URL and the commands that provide or replace it.
"""

import os.path as osp

import torch
from mmengine.runner.checkpoint import (
    CheckpointLoader,
    get_external_models,
    get_torchvision_models,
)

from .data_check import MissingDataError

OFFLINE_ENV = 'MMBLOG_OFFLINE'  # kept for old scripts: no download is ever attempted
SCHEMES = ('torchvision://', 'modelzoo://', 'open-mmlab://', 'openmmlab://')


def pretrained_url(name: str) -> str:
    """The download URL behind ``torchvision://NAME`` or ``open-mmlab://NAME``."""
    scheme, _, model = name.partition('://')
    table = get_torchvision_models() if scheme in ('torchvision', 'modelzoo') else None
    if table is None:
        table = get_external_models()
    if model not in table:
        raise MissingDataError(f'unknown pretrained model {name!r}; known: {sorted(table)[:8]}...')
    return table[model]


def pretrained_cache_path(name: str) -> str:
    """Where torch's hub cache keeps the file of ``name`` (``$TORCH_HOME/hub/checkpoints``)."""
    return osp.join(torch.hub.get_dir(), 'checkpoints', osp.basename(pretrained_url(name)))


def load_pretrained(filename: str, map_location=None):
    """mmengine checkpoint loader for the pretrained schemes: the local cache or one line.

    Nothing is downloaded at run time (machines running mmblog may have no internet); the
    error says how to fetch the file where there is.
    """
    url = pretrained_url(filename)
    path = pretrained_cache_path(filename)
    if osp.isfile(path):
        return torch.load(path, map_location=map_location, weights_only=True)
    torchvision_hint = (
        ' (a torchvision classifier converted by tools/model_converters/torchvision2mmblog.py '
        'SRC.pth LOCAL.pth --config CLS_CONFIG, with model.backbone.init_cfg.prefix=backbone.)'
        if filename.startswith(('torchvision://', 'modelzoo://'))
        else ''
    )
    raise MissingDataError(
        f'pretrained backbone {filename} (model.backbone.init_cfg) not found: {path} is not cached '
        f'(mmblog never downloads at run time); on a machine with internet run: python -c '
        f'"import torch; torch.hub.load_state_dict_from_url(\'{url}\')" and copy the file to {path}, '
        f'or pass --cfg-options model.backbone.init_cfg.checkpoint=LOCAL.pth{torchvision_hint}, '
        'or model.backbone.init_cfg=None to train from scratch'
    )


def install_pretrained_loaders() -> None:
    """Route the pretrained schemes through :func:`load_pretrained` (called by the tools)."""
    CheckpointLoader.register_scheme(prefixes=SCHEMES, loader=load_pretrained, force=True)
