"""Build a classifier from a config (and checkpoint) and classify single images."""

import copy
import os.path as osp

import numpy as np
import torch
from mmengine.config import Config
from mmengine.dataset import Compose, default_collate

from mmblog.structures import ClsDataSample

from .model import init_model


def init_classifier(config, checkpoint: str | None = None, device: str = 'cpu', cfg_options=None):
    """The classification demos' name for :func:`mmblog.apis.init_model`."""
    return init_model(config, checkpoint, device=device, cfg_options=cfg_options)


def _test_pipeline(cfg: Config, image_is_array: bool) -> Compose:
    dataloader = cfg.get('test_dataloader') or cfg.get('val_dataloader')
    dataset = dataloader['dataset']
    pipeline = dataset.get('pipeline') or dataset.get('dataset', {}).get('pipeline') or []
    pipeline = [copy.deepcopy(t) for t in pipeline]
    loads = [t.get('type') == 'LoadImageFromFile' for t in pipeline]
    if image_is_array:
        pipeline = [t for t, is_load in zip(pipeline, loads) if not is_load]
    elif not any(loads):
        # Datasets that decode in memory (MNIST idx, CIFAR pickles) have no loading step.
        pipeline.insert(0, dict(type='LoadImageFromFile'))
    return Compose([_build_transform(t) for t in pipeline])


def _build_transform(cfg: dict):
    from mmblog.registry import TRANSFORMS

    return TRANSFORMS.build(cfg)


def prepare_image(model, image: str | np.ndarray) -> tuple[dict, np.ndarray | None]:
    """One image through the model's test pipeline: ``(packed inputs, the array classified)``.

    Images read from a file are converted to the channels the model expects (grey for
    1-channel models such as the digit demos, RGB for CIFAR-style datasets).
    """
    is_array = isinstance(image, np.ndarray)
    if not is_array and not osp.isfile(image):
        raise FileNotFoundError(f'image not found: {image}')
    in_channels = _input_channels(model)
    pipeline = _test_pipeline(model.cfg, is_array)
    if is_array:
        results = dict(img=image, img_shape=image.shape[:2], ori_shape=image.shape[:2])
    else:
        results = dict(img_path=image)
        if in_channels == 1:
            import mmcv

            img = mmcv.imread(image, flag='grayscale')
            pipeline = _test_pipeline(model.cfg, True)
            results = dict(
                img=img, img_path=image, img_shape=img.shape[:2], ori_shape=img.shape[:2]
            )
        elif _dataset_is_rgb_array(model.cfg):
            # CIFAR-style datasets hand the model RGB arrays; a file is read as RGB to match.
            import mmcv

            img = mmcv.imread(image, channel_order='rgb')
            pipeline = _test_pipeline(model.cfg, True)
            results = dict(
                img=img, img_path=image, img_shape=img.shape[:2], ori_shape=img.shape[:2]
            )
    data = pipeline(results)
    shown = results.get('img')
    return data, shown


def inference_classifier(model, image: str | np.ndarray, topk: int = 5) -> dict:
    """Classify one image (a path, or an HxW / HxWxC array laid out as the dataset gives it).

    Returns:
        ``dict(pred_label, pred_score, pred_class, topk=[(label, score, class), ...],
        scores=np.ndarray, img=the array that was classified)``.
    """
    data, shown = prepare_image(model, image)
    batch = default_collate([data])
    with torch.no_grad():
        sample: ClsDataSample = model.test_step(batch)[0]
    scores = sample.pred_score.cpu().numpy()
    classes = (model.dataset_meta or {}).get('classes')
    order = np.argsort(-scores)[: max(1, min(topk, len(scores)))]

    def name(i):
        return str(classes[i]) if classes and i < len(classes) else str(i)

    top = [(int(i), float(scores[i]), name(int(i))) for i in order]
    return dict(
        pred_label=top[0][0],
        pred_score=top[0][1],
        pred_class=top[0][2],
        topk=top,
        scores=scores,
        img=shown,
    )


def _input_channels(model) -> int:
    first = next(
        (m for m in model.modules() if isinstance(m, (torch.nn.Conv2d, torch.nn.Linear))), None
    )
    if isinstance(first, torch.nn.Conv2d):
        return first.in_channels
    mean = getattr(model.data_preprocessor, 'mean', None)
    return int(mean.numel()) if mean is not None else 3


def _dataset_is_rgb_array(cfg: Config) -> bool:
    dataloader = cfg.get('test_dataloader') or cfg.get('val_dataloader')
    return 'CIFAR' in str(dataloader['dataset'].get('type', ''))
