"""High-level detection API of seed 001: ``init_detector`` and ``inference_detector``."""

import copy
import os.path as osp

import numpy as np
import torch
from mmengine.config import Config
from mmengine.dataset import Compose, pseudo_collate
from mmengine.registry import init_default_scope
from mmengine.runner import load_checkpoint
from mmengine.utils import import_modules_from_strings

from mmblog.registry import DATASETS, MODELS, TRANSFORMS
from mmblog.utils import merge_cfg_options, register_all_modules


def _dataset_meta(cfg: Config) -> dict | None:
    """Class names/palette of the config's test dataset (its metainfo or the class default)."""
    ds = cfg.get('test_dataloader', {}).get('dataset')
    while ds is not None and 'dataset' in ds:  # RepeatDataset and other wrappers
        ds = ds['dataset']
    if ds is None:
        return None
    cls = DATASETS.get(ds.get('type', ''))
    meta = dict(getattr(cls, 'METAINFO', {}) or {})
    if ds.get('metainfo'):
        meta.update(ds['metainfo'])
        if 'palette' in meta and len(meta['palette']) != len(meta.get('classes', ())):
            meta.pop('palette')
    return meta or None


def init_detector(config, checkpoint: str | None = None, device: str = 'cpu', cfg_options=None):
    """Build the detector of ``config`` (path or Config), load ``checkpoint``, put it in eval mode.

    The model keeps its config in ``model.cfg`` (``inference_detector`` uses its test pipeline)
    and the class names in ``model.dataset_meta``.
    """
    if isinstance(config, str):
        if not osp.isfile(config):
            raise FileNotFoundError(f'config file not found: {config}')
        config = Config.fromfile(config)
    elif not isinstance(config, Config):
        raise TypeError(f'config must be a path or a Config, got {type(config).__name__}')
    cfg = copy.deepcopy(config)
    merge_cfg_options(cfg, cfg_options)
    register_all_modules(init_default_scope=False)
    init_default_scope(cfg.get('default_scope', 'mmblog'))
    if cfg.get('custom_imports'):
        import_modules_from_strings(**cfg.custom_imports)
    model_cfg = copy.deepcopy(cfg.model)
    model = MODELS.build(model_cfg)
    meta = _dataset_meta(cfg)
    if checkpoint is not None:
        if not osp.isfile(checkpoint):
            raise FileNotFoundError(f'checkpoint file not found: {checkpoint}')
        ckpt = load_checkpoint(model, checkpoint, map_location='cpu')
        ckpt_meta = ckpt.get('meta', {}) if isinstance(ckpt, dict) else {}
        meta = ckpt_meta.get('dataset_meta') or meta
    model.dataset_meta = meta
    model.cfg = cfg
    model.to(device)
    model.eval()
    return model


def _test_pipeline(cfg: Config, from_array: bool) -> Compose:
    steps = copy.deepcopy(cfg.test_dataloader.dataset.get('pipeline'))
    if steps is None:
        raise KeyError('the config has no test_dataloader.dataset.pipeline')
    # a single image has no annotations
    steps = [s for s in steps if s['type'] != 'LoadAnnotations']
    if from_array:
        steps = [s for s in steps if s['type'] != 'LoadImageFromFile']
    for s in steps:
        if s['type'] == 'PackDetInputs' and 'meta_keys' in s:
            s['meta_keys'] = tuple(k for k in s['meta_keys'] if k != 'img_path') + ('img_path',)
    return Compose([TRANSFORMS.build(s) for s in steps])


def inference_detector(model, imgs):
    """Detect objects in one image or a list (file paths or HxWx3 BGR arrays, as mmcv loads).

    Returns a DetDataSample (a list for a list input) whose ``pred_instances`` hold ``bboxes``
    (xyxy in the original image), ``scores``, ``labels`` and, for Mask R-CNN, ``masks``.
    """
    single = not isinstance(imgs, (list, tuple))
    imgs = [imgs] if single else list(imgs)
    if not imgs:
        raise ValueError('inference_detector got an empty list of images')
    from_array = isinstance(imgs[0], np.ndarray)
    pipeline = _test_pipeline(model.cfg, from_array)
    results = []
    for i, img in enumerate(imgs):
        if from_array:
            if not (isinstance(img, np.ndarray) and img.ndim == 3):
                raise TypeError('images must all be paths or all be HxWx3 arrays')
            data = dict(
                img=img, img_id=i, img_path=None, img_shape=img.shape[:2], ori_shape=img.shape[:2]
            )
        else:
            if not osp.isfile(img):
                raise FileNotFoundError(f'image not found: {img}')
            data = dict(img_path=img, img_id=i)
        data = pipeline(data)
        with torch.no_grad():
            results.extend(model.test_step(pseudo_collate([data])))
    return results[0] if single else results
