"""Helpers shared by the VQ-VAE / CNP tools and demos: load a model, write image grids."""

import os

import numpy as np
import torch
from mmengine.config import Config
from mmengine.runner import load_checkpoint

from mmblog.registry import MODELS
from mmblog.utils import register_all_modules


def init_model(config: str | Config, checkpoint: str | None = None, device: str = 'cpu'):
    """Build ``config``'s model, load ``checkpoint`` (if given) and put it in eval mode."""
    register_all_modules()
    cfg = config if isinstance(config, Config) else Config.fromfile(config)
    model = MODELS.build(cfg.model)
    if checkpoint is not None:
        if not os.path.isfile(checkpoint):
            raise FileNotFoundError(f'checkpoint file not found: {checkpoint}')
        load_checkpoint(model, checkpoint, map_location='cpu', logger='silent')
    model.cfg = cfg
    return model.to(device).eval()


def image_grid(images: torch.Tensor, nrow: int, pad: int = 2) -> np.ndarray:
    """(N, C, H, W) images in [0, 1] -> one HxWxC uint8 grid, ``nrow`` images per row."""
    images = images.detach().float().clamp(0, 1).cpu()
    n, c, h, w = images.shape
    ncol = min(nrow, n)
    rows = (n + ncol - 1) // ncol
    grid = torch.ones(c, rows * (h + pad) + pad, ncol * (w + pad) + pad)
    for i in range(n):
        r, col = divmod(i, ncol)
        y, x = pad + r * (h + pad), pad + col * (w + pad)
        grid[:, y : y + h, x : x + w] = images[i]
    return (grid.permute(1, 2, 0).numpy() * 255).round().astype(np.uint8)


def save_image_grid(images: torch.Tensor, out_file: str, nrow: int = 8, scale: int = 1) -> str:
    """Write a grid of BGR images in [0, 1] to ``out_file`` (PNG), via a temp file."""
    import cv2

    grid = image_grid(images, nrow)
    if scale > 1:
        grid = cv2.resize(grid, None, fx=scale, fy=scale, interpolation=cv2.INTER_NEAREST)
    os.makedirs(os.path.dirname(os.path.abspath(out_file)), exist_ok=True)
    root, ext = os.path.splitext(out_file)
    tmp = f'{root}.tmp{ext or ".png"}'
    if not cv2.imwrite(tmp, grid):
        raise OSError(f'could not write {out_file}')
    os.replace(tmp, out_file)
    return out_file
