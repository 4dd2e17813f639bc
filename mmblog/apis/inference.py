"""High-level detection API of seed 001: ``init_detector`` and ``inference_detector``."""

import copy
import os.path as osp

import numpy as np
import torch
from mmengine.config import Config
from mmengine.dataset import Compose, pseudo_collate

from mmblog.registry import TRANSFORMS

from .model import init_model


def init_detector(config, checkpoint: str | None = None, device: str = 'cpu', cfg_options=None):
    """The seed's (MMDetection 2.x) name for :func:`mmblog.apis.init_model`."""
    return init_model(config, checkpoint, device=device, cfg_options=cfg_options)


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
