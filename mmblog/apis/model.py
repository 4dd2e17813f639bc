"""``init_model``: build any mmblog model from its config and load a checkpoint safely."""

import copy
import os.path as osp
import sys

from mmengine.config import Config
from mmengine.registry import init_default_scope
from mmengine.runner import load_checkpoint
from mmengine.utils import import_modules_from_strings

from mmblog.registry import DATASETS, MODELS
from mmblog.utils import (
    check_checkpoint_covers,
    check_legacy_config,
    describe_missing,
    install_checkpoint_loader,
    merge_cfg_options,
    register_all_modules,
    resolve_checkpoint,
)


def _dataset_meta(cfg: Config) -> dict | None:
    """Class names/palette of the config's test dataset (its metainfo or the class default)."""
    loader = cfg.get('test_dataloader') or cfg.get('val_dataloader') or {}
    ds = loader.get('dataset')
    while ds is not None and 'dataset' in ds:  # RepeatDataset and other wrappers
        ds = ds['dataset']
    if ds is None:
        return None
    cls = DATASETS.get(ds.get('type', '')) if isinstance(ds.get('type'), str) else None
    meta = dict(getattr(cls, 'METAINFO', {}) or {})
    if ds.get('metainfo'):
        meta.update(ds['metainfo'])
        if 'palette' in meta and len(meta['palette']) != len(meta.get('classes', ())):
            meta.pop('palette')
    return meta or None


def init_model(
    config: str | Config,
    checkpoint: str | None = None,
    device: str = 'cpu',
    cfg_options: dict | None = None,
    trust_checkpoint: bool | None = None,
):
    """Build the model of ``config`` (path or Config), load ``checkpoint``, put it in eval mode.

    Works for every task (detector, classifier, generative model, ...). The config's
    ``custom_imports`` are imported and its ``default_scope`` (``'mmblog'``) is set first;
    ``cfg_options`` are checked (a key the config lacks is an error) and merged.

    The checkpoint is loaded with the allow-list unpickler (``trust_checkpoint=True`` or
    ``MMBLOG_TRUST_CHECKPOINT=1`` loads it fully). A checkpoint with none of the model's weights
    is an error; a partial one prints the missing keys.

    Returns:
        The model, with ``model.cfg`` (its config, whose test pipeline the inferencers use) and
        ``model.dataset_meta`` (class names from the checkpoint's meta, else the config's dataset).

    Examples:
        >>> from mmblog.apis import init_model
        >>> model = init_model('configs/mnist/softmax_regression_mnist_demo.py')
        >>> model.training
        False
    """
    if isinstance(config, str):
        if not osp.isfile(config):
            raise FileNotFoundError(f'config file not found: {config}')
        path = config
        config = Config.fromfile(config)
        check_legacy_config(config, path)
    elif not isinstance(config, Config):
        raise TypeError(f'config must be a path or a Config, got {type(config).__name__}')
    cfg = copy.deepcopy(config)
    merge_cfg_options(cfg, cfg_options)
    register_all_modules(init_default_scope=False)
    init_default_scope(cfg.get('default_scope', 'mmblog'))
    if cfg.get('custom_imports'):
        import_modules_from_strings(**cfg.custom_imports)
    model = MODELS.build(copy.deepcopy(cfg.model))
    meta = _dataset_meta(cfg)
    if checkpoint is not None:
        # the MMDetection 2.x habit work_dirs/<cfg>/latest.pth (mmengine writes last_checkpoint)
        checkpoint = resolve_checkpoint(checkpoint)
        if not osp.isfile(checkpoint):
            raise FileNotFoundError(f'checkpoint file not found: {checkpoint}')
        install_checkpoint_loader(trust=trust_checkpoint)
        ckpt = load_checkpoint(model, checkpoint, map_location='cpu', logger='silent')
        missing = check_checkpoint_covers(model, ckpt, checkpoint)
        if missing:
            print(f'warning: {describe_missing(checkpoint, missing)}', file=sys.stderr)
        ckpt_meta = ckpt.get('meta', {}) if isinstance(ckpt, dict) else {}
        meta = (ckpt_meta or {}).get('dataset_meta') or meta
    model.dataset_meta = meta
    model.cfg = cfg
    return model.to(device).eval()
