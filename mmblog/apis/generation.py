"""Helpers shared by the VQ-VAE / CNP tools and demos: write image grids (``init_model`` is
:func:`mmblog.apis.init_model`)."""

import os

import numpy as np
import torch
from torchvision.utils import make_grid

from .model import init_model  # noqa: F401  (the tools and demos import it from here)


def image_grid(images: torch.Tensor, nrow: int, pad: int = 2) -> np.ndarray:
    """(N, C, H, W) images in [0, 1] -> one HxWxC uint8 grid, ``nrow`` images per row."""
    images = images.detach().float().clamp(0, 1).cpu()
    grid = make_grid(images, nrow=nrow, padding=pad, pad_value=1.0)
    # make_grid repeats a single channel to three; keep the input's channels.
    grid = grid[: images.shape[1]]
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
