"""Coloured circles / rectangles / triangles on textured backgrounds, in three public formats.

``make_shapes_demo(out_dir)`` writes (all from the same drawing code, with exact polygons):

* ``shapes/``: COCO instances, ``{train,val}/*.jpg`` + ``annotations/instances_{train,val}.json``
  (classes circle, rectangle, triangle; 120 train / 40 val images of 256x192).
* ``balloon/``: the balloon dataset's VIA layout, ``{train,val}/*.jpg`` +
  ``{train,val}/via_region_data.json`` (one class: round "balloons"), for ``balloon2coco.py``.
* ``cityscapes/``: ``leftImg8bit/{train,val}/<city>/*_leftImg8bit.png`` and
  ``gtFine/{split}/<city>/*_gtFine_{instanceIds,labelIds}.png`` + ``*_gtFine_polygons.json`` with
  Cityscapes label ids (circle -> person 24, rectangle -> car 26, triangle -> bicycle 33, some crowd
  car regions), for ``tools/dataset_converters/cityscapes.py``.
"""

import json
import os
import os.path as osp

import cv2
import numpy as np

SHAPE_CLASSES = ('circle', 'rectangle', 'triangle')
# Cityscapes label ids used by the Cityscapes-style tree.
CS_LABEL_OF_SHAPE = {
    'circle': ('person', 24),
    'rectangle': ('car', 26),
    'triangle': ('bicycle', 33),
}
CS_ROAD, CS_BUILDING, CS_SKY = 7, 11, 23


def _write_json(obj, path: str) -> None:
    tmp = path + '.tmp'
    with open(tmp, 'w', encoding='utf-8') as f:
        json.dump(obj, f)
    os.replace(tmp, path)


def textured_background(rng: np.random.Generator, h: int, w: int) -> np.ndarray:
    """A low-saturation BGR texture: smooth blobs, stripes and pixel noise."""
    base = rng.uniform(70, 180, size=3)
    grey = base.mean()
    base = grey + (base - grey) * 0.3  # mostly grey, so the shapes' colours stand out
    coarse = rng.normal(0, 25, size=(max(2, h // 32), max(2, w // 32), 1))
    smooth = cv2.resize(coarse, (w, h), interpolation=cv2.INTER_CUBIC)[..., None]
    freq, phase = rng.uniform(0.05, 0.3), rng.uniform(0, 2 * np.pi)
    angle = rng.uniform(0, np.pi)
    yy, xx = np.mgrid[0:h, 0:w]
    stripes = 10 * np.sin(freq * (xx * np.cos(angle) + yy * np.sin(angle)) + phase)[..., None]
    noise = rng.normal(0, 6, size=(h, w, 1))
    img = base[None, None, :] + smooth + stripes + noise
    return np.clip(img, 0, 255).astype(np.uint8)


def _bright_colour(rng: np.random.Generator) -> tuple:
    hsv = np.uint8([[[rng.integers(0, 180), rng.integers(170, 256), rng.integers(170, 256)]]])
    return tuple(int(c) for c in cv2.cvtColor(hsv, cv2.COLOR_HSV2BGR)[0, 0])


def shape_polygon(kind: str, cx: float, cy: float, size: float, rng) -> np.ndarray:
    """The (K, 2) float polygon of a shape centred at (cx, cy) with extent ``size``."""
    if kind == 'circle':
        t = np.linspace(0, 2 * np.pi, 24, endpoint=False)
        r = size / 2
        return np.stack([cx + r * np.cos(t), cy + r * np.sin(t)], axis=1)
    if kind == 'rectangle':
        aspect = rng.uniform(0.55, 1.8)
        hw, hh = size / 2 * min(1.0, aspect), size / 2 * min(1.0, 1 / aspect)
        return np.array(
            [[cx - hw, cy - hh], [cx + hw, cy - hh], [cx + hw, cy + hh], [cx - hw, cy + hh]]
        )
    if kind == 'triangle':
        t0 = rng.uniform(0, 2 * np.pi)
        t = t0 + np.array([0, 2 * np.pi / 3, 4 * np.pi / 3])
        r = size / 2
        return np.stack([cx + r * np.cos(t), cy + r * np.sin(t)], axis=1)
    raise ValueError(f'unknown shape {kind!r}')


def draw_scene(rng, h: int, w: int, kinds, n_range=(2, 5), size_range=(28, 80)):
    """Draw non-overlapping shapes; returns the BGR image and ``[(kind, polygon, mask)]``."""
    img = textured_background(rng, h, w)
    objects, boxes = [], []
    n = int(rng.integers(n_range[0], n_range[1] + 1))
    for _ in range(n * 20):
        if len(objects) == n:
            break
        kind = kinds[int(rng.integers(len(kinds)))]
        size = rng.uniform(*size_range)
        cx, cy = (
            rng.uniform(size / 2 + 2, w - size / 2 - 2),
            rng.uniform(size / 2 + 2, h - size / 2 - 2),
        )
        poly = shape_polygon(kind, cx, cy, size, rng)
        box = np.concatenate([poly.min(0) - 3, poly.max(0) + 3])
        if any(box[0] < b[2] and b[0] < box[2] and box[1] < b[3] and b[1] < box[3] for b in boxes):
            continue
        poly = np.round(poly).astype(np.int32)
        mask = np.zeros((h, w), np.uint8)
        cv2.fillPoly(mask, [poly], 1)
        colour = _bright_colour(rng)
        img[mask.astype(bool)] = colour
        # A darker outline and slight shading make the shapes look less flat.
        cv2.polylines(img, [poly], True, tuple(int(c * 0.6) for c in colour), 1)
        objects.append((kind, poly, mask))
        boxes.append(box)
    return img, objects


def _coco_split(rng, root: str, split: str, n_images: int, h: int, w: int) -> int:
    os.makedirs(osp.join(root, split), exist_ok=True)
    images, annotations = [], []
    for i in range(n_images):
        img, objects = draw_scene(rng, h, w, SHAPE_CLASSES)
        name = f'{split}_{i:04d}.jpg'
        cv2.imwrite(osp.join(root, split, name), img, [cv2.IMWRITE_JPEG_QUALITY, 92])
        images.append(dict(id=i + 1, file_name=name, height=h, width=w))
        for kind, poly, mask in objects:
            x0, y0 = poly.min(0)
            x1, y1 = poly.max(0)
            annotations.append(
                dict(
                    id=len(annotations) + 1,
                    image_id=i + 1,
                    category_id=SHAPE_CLASSES.index(kind) + 1,
                    bbox=[float(x0), float(y0), float(x1 - x0 + 1), float(y1 - y0 + 1)],
                    area=float(mask.sum()),
                    segmentation=[poly.astype(float).reshape(-1).tolist()],
                    iscrowd=0,
                )
            )
    categories = [
        dict(id=i + 1, name=c, supercategory='shape') for i, c in enumerate(SHAPE_CLASSES)
    ]
    os.makedirs(osp.join(root, 'annotations'), exist_ok=True)
    _write_json(
        dict(images=images, annotations=annotations, categories=categories),
        osp.join(root, 'annotations', f'instances_{split}.json'),
    )
    return len(annotations)


def _balloon_split(rng, root: str, split: str, n_images: int, h: int, w: int) -> None:
    folder = osp.join(root, split)
    os.makedirs(folder, exist_ok=True)
    via = {}
    for i in range(n_images):
        img, objects = draw_scene(rng, h, w, ('circle',), n_range=(1, 3), size_range=(36, 90))
        name = f'{split}_{i:04d}.jpg'
        path = osp.join(folder, name)
        cv2.imwrite(path, img, [cv2.IMWRITE_JPEG_QUALITY, 92])
        regions = {
            str(j): dict(
                shape_attributes=dict(
                    name='polygon',
                    all_points_x=poly[:, 0].tolist(),
                    all_points_y=poly[:, 1].tolist(),
                ),
                region_attributes={},
            )
            for j, (_, poly, _) in enumerate(objects)
        }
        size = osp.getsize(path)
        via[f'{name}{size}'] = dict(
            fileref='',
            size=size,
            filename=name,
            base64_img_data='',
            file_attributes={},
            regions=regions,
        )
    _write_json(via, osp.join(folder, 'via_region_data.json'))


def _cityscapes_split(rng, root: str, split: str, cities, per_city: int, h: int, w: int) -> None:
    for city in cities:
        img_dir = osp.join(root, 'leftImg8bit', split, city)
        gt_dir = osp.join(root, 'gtFine', split, city)
        os.makedirs(img_dir, exist_ok=True)
        os.makedirs(gt_dir, exist_ok=True)
        for i in range(per_city):
            img, objects = draw_scene(rng, h, w, SHAPE_CLASSES, size_range=(24, 60))
            label_ids = np.full((h, w), CS_ROAD, np.uint8)
            label_ids[: h // 3] = CS_SKY
            label_ids[h // 3 : h // 2] = CS_BUILDING
            inst_ids = label_ids.astype(np.int32)
            polygons = [
                dict(label='sky', polygon=[[0, 0], [w - 1, 0], [w - 1, h // 3], [0, h // 3]]),
                dict(
                    label='road', polygon=[[0, h // 2], [w - 1, h // 2], [w - 1, h - 1], [0, h - 1]]
                ),
            ]
            counters = {}
            for j, (kind, poly, mask) in enumerate(objects):
                name, label_id = CS_LABEL_OF_SHAPE[kind]
                # Every 7th object is a crowd region: labelId without an instance number.
                crowd = (i + j) % 7 == 6
                if crowd:
                    value = label_id
                    name += 'group'
                else:
                    counters[label_id] = counters.get(label_id, -1) + 1
                    value = label_id * 1000 + counters[label_id]
                label_ids[mask.astype(bool)] = label_id
                inst_ids[mask.astype(bool)] = value
                polygons.append(dict(label=name, polygon=poly.tolist()))
            stem = f'{city}_{i:06d}_000019'
            cv2.imwrite(osp.join(img_dir, f'{stem}_leftImg8bit.png'), img)
            cv2.imwrite(osp.join(gt_dir, f'{stem}_gtFine_labelIds.png'), label_ids)
            cv2.imwrite(
                osp.join(gt_dir, f'{stem}_gtFine_instanceIds.png'), inst_ids.astype(np.uint16)
            )
            _write_json(
                dict(imgHeight=h, imgWidth=w, objects=polygons),
                osp.join(gt_dir, f'{stem}_gtFine_polygons.json'),
            )


def _convert_quietly(balloon_root: str, cs_root: str) -> None:
    import contextlib
    import io

    from mmblog.datasets.converters import convert_balloon_to_coco, convert_cityscapes

    with contextlib.redirect_stdout(io.StringIO()):
        for split in ('train', 'val'):
            folder = osp.join(balloon_root, split)
            convert_balloon_to_coco(
                osp.join(folder, 'via_region_data.json'),
                osp.join(folder, 'annotation_coco.json'),
                folder,
            )
        convert_cityscapes(cs_root, osp.join(cs_root, 'annotations'), splits=('train', 'val'))


def make_shapes_demo(
    out_dir: str,
    seed: int = 0,
    n_train: int = 120,
    n_val: int = 40,
    n_balloon: tuple = (30, 10),
    n_cityscapes: tuple = (16, 8),
    convert: bool = True,
) -> dict:
    """Write ``shapes/`` (COCO), ``balloon/`` (VIA) and ``cityscapes/`` (gtFine) under ``out_dir``.

    Args:
        out_dir: Output root, e.g. ``data/demo``.
        seed: Random seed (the output is a deterministic function of it).
        n_train / n_val: COCO shapes images per split.
        n_balloon: (train, val) VIA images.
        n_cityscapes: (train, val) images per city (2 train cities, 1 val city).
        convert: Also run the walkthrough's conversions (``balloon2coco.py`` ->
            ``balloon/{split}/annotation_coco.json``, ``cityscapes.py`` ->
            ``cityscapes/annotations/instancesonly_filtered_gtFine_{split}.json``), so the demo
            configs train right away; the converter commands redo exactly this.

    Returns:
        Counts of images and instances written.
    """
    rng = np.random.default_rng(seed)
    shapes_root = osp.join(out_dir, 'shapes')
    n_inst_train = _coco_split(rng, shapes_root, 'train', n_train, 192, 256)
    n_inst_val = _coco_split(rng, shapes_root, 'val', n_val, 192, 256)
    balloon_root = osp.join(out_dir, 'balloon')
    _balloon_split(rng, balloon_root, 'train', n_balloon[0], 192, 256)
    _balloon_split(rng, balloon_root, 'val', n_balloon[1], 192, 256)
    cs_root = osp.join(out_dir, 'cityscapes')
    _cityscapes_split(rng, cs_root, 'train', ('aachen', 'bochum'), n_cityscapes[0], 160, 320)
    _cityscapes_split(rng, cs_root, 'val', ('frankfurt',), n_cityscapes[1], 160, 320)
    if convert:
        _convert_quietly(balloon_root, cs_root)
    return dict(
        shapes_train=n_train,
        shapes_val=n_val,
        instances_train=n_inst_train,
        instances_val=n_inst_val,
        balloon=list(n_balloon),
        cityscapes=[2 * n_cityscapes[0], n_cityscapes[1]],
    )
