"""The tutorial's inputs ``demo/demo.jpg`` and ``demo/demo.mp4``, drawn from the shapes data.

Seed 001 runs ``inference_detector`` on ``demo/demo.jpg`` and on every frame of
``demo/demo.mp4``. The jpg is small and committed; the video is written on demand:

    python tools/misc/make_demo_data.py --out demo --only demo_media
"""

import os
import os.path as osp

import cv2
import numpy as np

from .shapes import SHAPE_CLASSES, _bright_colour, draw_scene, shape_polygon, textured_background


def _write_atomic_image(path: str, img: np.ndarray) -> None:
    tmp = path + '.part.jpg'
    if not cv2.imwrite(tmp, img, [cv2.IMWRITE_JPEG_QUALITY, 90]):
        raise OSError(f'could not write {path}')
    os.replace(tmp, path)


def _write_video(path: str, rng, n_frames: int, h: int, w: int, fps: int) -> None:
    """Shapes gliding over a fixed textured background, bouncing off the borders (mp4v)."""
    background = textured_background(rng, h, w)
    movers = []
    for kind in SHAPE_CLASSES:
        size = rng.uniform(36, 64)
        pos = np.array([rng.uniform(size, w - size), rng.uniform(size, h - size)])
        vel = rng.uniform(-6, 6, size=2)
        movers.append([kind, size, pos, vel, _bright_colour(rng), rng.integers(1 << 30)])
    tmp = path + '.part.mp4'
    writer = cv2.VideoWriter(tmp, cv2.VideoWriter_fourcc(*'mp4v'), fps, (w, h))
    if not writer.isOpened():
        raise OSError(f'OpenCV cannot write mp4v video {path}')
    try:
        for _ in range(n_frames):
            frame = background.copy()
            for m in movers:
                kind, size, pos, vel, colour, shape_seed = m
                # the same shape (same rectangle aspect / triangle angle) in every frame
                poly = shape_polygon(kind, *pos, size, np.random.default_rng(shape_seed))
                poly = np.round(poly).astype(np.int32)
                cv2.fillPoly(frame, [poly], colour)
                cv2.polylines(frame, [poly], True, tuple(int(c * 0.6) for c in colour), 1)
                pos += vel
                for axis, limit in ((0, w), (1, h)):
                    if not size / 2 < pos[axis] < limit - size / 2:
                        vel[axis] = -vel[axis]
                        pos[axis] = np.clip(pos[axis], size / 2, limit - size / 2)
            writer.write(frame)
    finally:
        writer.release()
    os.replace(tmp, path)


def make_demo_media(
    out_dir: str, seed: int = 0, n_frames: int = 48, size: tuple = (240, 320), fps: int = 12
) -> dict:
    """Write ``demo.jpg`` (one shapes scene) and ``demo.mp4`` (``n_frames`` frames) to ``out_dir``.

    Returns:
        The two paths and the frame count.
    """
    h, w = size
    rng = np.random.default_rng(seed)
    os.makedirs(out_dir, exist_ok=True)
    img, _ = draw_scene(rng, h, w, SHAPE_CLASSES, n_range=(3, 5), size_range=(36, 90))
    image_path, video_path = osp.join(out_dir, 'demo.jpg'), osp.join(out_dir, 'demo.mp4')
    _write_atomic_image(image_path, img)
    _write_video(video_path, rng, n_frames, h, w, fps)
    return dict(image=image_path, video=video_path, frames=n_frames)
