"""Synthetic images whose class is a shape drawn at a random place, size and colour on a noisy
background: learnable by a CNN, not by a colour histogram."""

import cv2
import numpy as np

SHAPES = (
    'circle',
    'square',
    'triangle',
    'plus',
    'cross',
    'ring',
    'hstripes',
    'vstripes',
    'frame',
    'dots',
)


def draw_shape(kind: str, size: int, rng: np.random.Generator) -> np.ndarray:
    """One ``size x size`` RGB uint8 image of ``kind``."""
    bg = rng.integers(0, 256, 3)
    fg = rng.integers(0, 256, 3)
    while np.abs(fg - bg).sum() < 200:  # keep the shape visible
        fg = rng.integers(0, 256, 3)
    img = np.empty((size, size, 3), np.float32)
    img[:] = bg
    s = size / 32.0
    r = int(round(rng.uniform(7, 11) * s))
    cx, cy = (int(round(size / 2 + rng.uniform(-4, 4) * s)) for _ in range(2))
    color = tuple(int(c) for c in fg)
    t = max(1, int(round(2 * s)))
    if kind == 'circle':
        cv2.circle(img, (cx, cy), r, color, -1)
    elif kind == 'square':
        cv2.rectangle(img, (cx - r, cy - r), (cx + r, cy + r), color, -1)
    elif kind == 'triangle':
        pts = np.array([[cx, cy - r], [cx - r, cy + r], [cx + r, cy + r]], np.int32)
        cv2.fillPoly(img, [pts], color)
    elif kind == 'plus':
        cv2.line(img, (cx - r, cy), (cx + r, cy), color, 2 * t)
        cv2.line(img, (cx, cy - r), (cx, cy + r), color, 2 * t)
    elif kind == 'cross':
        cv2.line(img, (cx - r, cy - r), (cx + r, cy + r), color, 2 * t)
        cv2.line(img, (cx - r, cy + r), (cx + r, cy - r), color, 2 * t)
    elif kind == 'ring':
        cv2.circle(img, (cx, cy), r, color, t)
    elif kind in ('hstripes', 'vstripes'):
        period = max(3, int(round(rng.uniform(5, 7) * s)))
        for k in range(-r, r + 1, period):
            if kind == 'hstripes':
                cv2.line(img, (cx - r, cy + k), (cx + r, cy + k), color, t)
            else:
                cv2.line(img, (cx + k, cy - r), (cx + k, cy + r), color, t)
    elif kind == 'frame':
        cv2.rectangle(img, (cx - r, cy - r), (cx + r, cy + r), color, t)
    elif kind == 'dots':
        d = max(2, r // 2)
        cv2.circle(img, (cx - d, cy), max(2, r // 3), color, -1)
        cv2.circle(img, (cx + d, cy), max(2, r // 3), color, -1)
    else:
        raise KeyError(f'unknown shape {kind!r}; choose from {SHAPES}')
    img += rng.normal(0, 12, img.shape)
    return np.clip(img, 0, 255).astype(np.uint8)
