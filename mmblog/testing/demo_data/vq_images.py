"""A small learnable image folder for VQ-VAE demos: 32x32 shapes, gradients and textures."""

import os

import numpy as np

CLASSES = ('shapes', 'gradients', 'textures')


def _random_colour(rng) -> tuple[int, int, int]:
    return tuple(int(c) for c in rng.integers(0, 256, 3))


def draw_vq_image(kind: str, rng: np.random.Generator, size: int = 32) -> np.ndarray:
    """One BGR uint8 image of ``kind`` (a class of ``CLASSES``) with random parameters."""
    import cv2

    if kind == 'shapes':
        img = np.full((size, size, 3), _random_colour(rng), dtype=np.uint8)
        for _ in range(int(rng.integers(1, 3))):
            colour = _random_colour(rng)
            cx, cy = (int(v) for v in rng.integers(6, size - 6, 2))
            r = int(rng.integers(4, 10))
            shape = rng.integers(0, 3)
            if shape == 0:
                cv2.circle(img, (cx, cy), r, colour, -1)
            elif shape == 1:
                cv2.rectangle(img, (cx - r, cy - r), (cx + r, cy + r), colour, -1)
            else:
                pts = np.array([[cx, cy - r], [cx - r, cy + r], [cx + r, cy + r]], np.int32)
                cv2.fillPoly(img, [pts], colour)
        return img
    yy, xx = np.mgrid[0:size, 0:size].astype(np.float32) / (size - 1)
    if kind == 'gradients':
        angle = rng.uniform(0, 2 * np.pi)
        t = np.cos(angle) * xx + np.sin(angle) * yy
        t = (t - t.min()) / max(t.max() - t.min(), 1e-6)
        a, b = np.array(_random_colour(rng)), np.array(_random_colour(rng))
        return (a * (1 - t[..., None]) + b * t[..., None]).astype(np.uint8)
    if kind == 'textures':
        freq = rng.uniform(2, 6)
        angle = rng.uniform(0, np.pi)
        phase = rng.uniform(0, 2 * np.pi)
        wave = np.sin(2 * np.pi * freq * (np.cos(angle) * xx + np.sin(angle) * yy) + phase)
        if rng.random() < 0.5:  # checker-like texture: product of two stripe patterns
            wave = wave * np.sin(2 * np.pi * freq * (np.cos(angle) * yy - np.sin(angle) * xx))
        t = (wave + 1) / 2
        a, b = np.array(_random_colour(rng)), np.array(_random_colour(rng))
        return (a * (1 - t[..., None]) + b * t[..., None]).astype(np.uint8)
    raise ValueError(f'unknown kind {kind!r}; expected one of {CLASSES}')


def make_vq_images_demo(
    out_dir: str, seed: int = 0, num_train: int = 3000, num_val: int = 300, size: int = 32
) -> dict:
    """Write ``out_dir/vq_images/{train,val}/{shapes,gradients,textures}/NNNNN.png``.

    The ImageNet-style folder layout (one sub-folder per class) is what ``ImageFolderDataset``
    reads; classes allow class-conditional priors. Each PNG is written to a temp name first.

    Returns:
        Number of images per split.
    """
    import cv2

    rng = np.random.default_rng(seed)
    counts = {}
    for split, total in (('train', num_train), ('val', num_val)):
        for kind in CLASSES:
            folder = os.path.join(out_dir, 'vq_images', split, kind)
            os.makedirs(folder, exist_ok=True)
            for i in range(total // len(CLASSES)):
                path = os.path.join(folder, f'{i:05d}.png')
                tmp = os.path.join(folder, f'.{i:05d}.tmp.png')
                cv2.imwrite(tmp, draw_vq_image(kind, rng, size))
                os.replace(tmp, path)
        counts[split] = (total // len(CLASSES)) * len(CLASSES)
    return counts
