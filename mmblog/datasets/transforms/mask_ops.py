"""Instance masks in a results dict: a uint8 bitmap array or per-instance polygons.

``results['gt_masks']`` is either a ``np.ndarray`` of shape (N, H, W) (bitmaps) or a list of N
instances, each a list of flat float arrays ``[x0, y0, x1, y1, ...]`` (polygons, kept as
polygons when ``LoadAnnotations(poly2mask=False)`` so geometric transforms stay exact and cheap).
The helpers below apply the same geometric operation to either form.
"""

import cv2
import numpy as np
import pycocotools.mask as mask_util

Polygons = list  # list[list[np.ndarray]]


def is_polygons(masks) -> bool:
    """Whether ``masks`` is the polygon form (a list) rather than a bitmap array."""
    return isinstance(masks, list)


def polygons_to_bitmap(polygons: list, height: int, width: int) -> np.ndarray:
    """Rasterise one instance's polygons (flat xy arrays) into an (H, W) uint8 mask."""
    valid = [np.asarray(p, dtype=np.float64).tolist() for p in polygons if len(p) >= 6]
    if not valid:
        return np.zeros((height, width), dtype=np.uint8)
    rles = mask_util.frPyObjects(valid, height, width)
    return mask_util.decode(mask_util.merge(rles)).astype(np.uint8)


def rle_to_bitmap(rle: dict, height: int, width: int) -> np.ndarray:
    """Decode a COCO RLE (compressed ``counts`` str/bytes or uncompressed list) to (H, W)."""
    if isinstance(rle.get('counts'), list):
        rle = mask_util.frPyObjects(rle, height, width)
    return mask_util.decode(rle).astype(np.uint8)


def to_bitmap(masks, height: int, width: int) -> np.ndarray:
    """Either mask form as an (N, H, W) uint8 array."""
    if not is_polygons(masks):
        return np.asarray(masks, dtype=np.uint8)
    if not masks:
        return np.zeros((0, height, width), dtype=np.uint8)
    return np.stack([polygons_to_bitmap(p, height, width) for p in masks])


def _map_points(polys: list, fn) -> list:
    out = []
    for inst in polys:
        new_inst = []
        for p in inst:
            xy = np.asarray(p, dtype=np.float64).reshape(-1, 2)
            new_inst.append(fn(xy).reshape(-1))
        out.append(new_inst)
    return out


def resize_masks(masks, out_hw: tuple, scale_factor: tuple):
    """Resize to ``out_hw`` (h, w); polygons are scaled by ``scale_factor`` (w, h)."""
    if is_polygons(masks):
        s = np.array(scale_factor, dtype=np.float64)
        return _map_points(masks, lambda xy: xy * s)
    h, w = out_hw
    if len(masks) == 0:
        return np.zeros((0, h, w), dtype=np.uint8)
    return np.stack(
        [cv2.resize(m, (w, h), interpolation=cv2.INTER_NEAREST) for m in np.asarray(masks)]
    ).astype(np.uint8)


def flip_masks(masks, img_hw: tuple, direction: str):
    """Flip like ``mmcv.imflip``; ``img_hw`` is the image size the masks live in."""
    h, w = img_hw
    if is_polygons(masks):

        def fn(xy):
            xy = xy.copy()
            if direction in ('horizontal', 'diagonal'):
                xy[:, 0] = w - xy[:, 0]
            if direction in ('vertical', 'diagonal'):
                xy[:, 1] = h - xy[:, 1]
            return xy

        return _map_points(masks, fn)
    masks = np.asarray(masks)
    if direction in ('horizontal', 'diagonal'):
        masks = masks[:, :, ::-1]
    if direction in ('vertical', 'diagonal'):
        masks = masks[:, ::-1, :]
    return np.ascontiguousarray(masks)


def pad_masks(masks, out_hw: tuple, pad_val: int = 0):
    """Pad bitmaps at the bottom/right to ``out_hw``; polygons need no change."""
    if is_polygons(masks):
        return masks
    masks = np.asarray(masks)
    h, w = out_hw
    out = np.full((len(masks), h, w), pad_val, dtype=np.uint8)
    out[:, : masks.shape[1], : masks.shape[2]] = masks[:, :h, :w]
    return out


def warp_masks(masks, matrix: np.ndarray, out_hw: tuple, border_value: int = 0):
    """Apply a 2x3 affine ``matrix`` (source -> destination pixel coordinates)."""
    if is_polygons(masks):
        m = np.asarray(matrix, dtype=np.float64)
        return _map_points(masks, lambda xy: xy @ m[:, :2].T + m[:, 2])
    h, w = out_hw
    masks = np.asarray(masks)
    if len(masks) == 0:
        return np.zeros((0, h, w), dtype=np.uint8)
    return np.stack(
        [
            cv2.warpAffine(
                m,
                matrix.astype(np.float64),
                (w, h),
                flags=cv2.INTER_NEAREST,
                borderMode=cv2.BORDER_CONSTANT,
                borderValue=border_value,
            )
            for m in masks
        ]
    ).astype(np.uint8)


def select_masks(masks, keep: np.ndarray):
    """Keep the instances where the boolean array ``keep`` is True."""
    if is_polygons(masks):
        return [m for m, k in zip(masks, keep) if k]
    return np.asarray(masks)[keep]


def bitmap_to_rle(mask: np.ndarray) -> dict:
    """Encode one (H, W) mask as a COCO RLE with a ``str`` ``counts`` (json-serialisable)."""
    rle = mask_util.encode(np.asfortranarray(mask.astype(np.uint8)))
    rle['counts'] = rle['counts'].decode('ascii')
    return rle
