"""Generated scenes for ERNIE-ViL: coloured shapes in COCO json, captions with scene graphs.

``make_ernie_vil_scenes_demo(out_dir)`` writes ``ernie_vil_scenes/``:

* ``{train,val}/*.jpg`` + ``annotations/instances_{train,val}.json``: COCO instances (classes
  circle, square, triangle), so mmblog's Faster R-CNN trains on them as on any COCO set;
* ``captions_{train,val}.jsonl``: one caption a line, ``{"image_id", "caption", "scene_graph"}``
  with captions such as ``"a small red circle left of a blue square"`` and their ground-truth
  graph ``{"objects": [[name, ann_id], ...], "attributes": [[obj, attr], ...],
  "relations": [[subj, relation, obj], ...]}`` (object indices into ``objects``);
* ``vocab.txt``: the WordPiece vocabulary of the captions (every word is one token).

Each scene holds 2-4 shapes, no two with the same colour and shape, so a caption names its
objects unambiguously; which colour, shape, size and relation it names can only be read from
the image (the cloze test's point).
"""

import json
import os
import os.path as osp

import cv2
import numpy as np

from .shapes import textured_background

SCENE_CLASSES = ('circle', 'square', 'triangle')
# BGR colours, far apart in hue so that a from-scratch detector's features keep them apart.
COLOURS = {
    'red': (40, 40, 220),
    'green': (60, 190, 40),
    'blue': (220, 90, 30),
    'yellow': (30, 220, 230),
}
SIZES = {'small': (26, 36), 'large': (52, 64)}
RELATIONS = ('left of', 'right of', 'above', 'below')
SPECIALS = ['[PAD]', '[UNK]', '[CLS]', '[SEP]', '[MASK]', '[IMG]']


def caption_vocabulary() -> list[str]:
    """Every token the captions (and the demo's VQA questions) use, specials first."""
    words = ['a', 'the', 'of', 'left', 'right', 'above', 'below', 'what', 'colour', 'shape', 'is']
    words += list(SIZES) + list(COLOURS) + list(SCENE_CLASSES)
    return SPECIALS + list(dict.fromkeys(words))


def _polygon(kind: str, cx: float, cy: float, size: float, rng) -> np.ndarray:
    r = size / 2
    if kind == 'circle':
        t = np.linspace(0, 2 * np.pi, 28, endpoint=False)
    elif kind == 'square':
        t = np.pi / 4 + np.arange(4) * np.pi / 2
        r = size / np.sqrt(2) / 2 * 1.2
    else:  # an upright triangle, so "triangle" is easy to tell from the others
        t = -np.pi / 2 + np.arange(3) * 2 * np.pi / 3
    return np.stack([cx + r * np.cos(t), cy + r * np.sin(t)], axis=1)


def draw_ernie_vil_scene(rng: np.random.Generator, h: int = 192, w: int = 256):
    """One scene: the BGR image and its objects ``[dict(shape, colour, size, box)]``."""
    img = textured_background(rng, h, w)
    n = int(rng.integers(2, 5))
    objects, used = [], set()
    for _ in range(n * 30):
        if len(objects) == n:
            break
        kind = SCENE_CLASSES[int(rng.integers(3))]
        colour = list(COLOURS)[int(rng.integers(len(COLOURS)))]
        if (kind, colour) in used:
            continue
        size_name = list(SIZES)[int(rng.integers(2))]
        size = rng.uniform(*SIZES[size_name])
        cx = rng.uniform(size / 2 + 4, w - size / 2 - 4)
        cy = rng.uniform(size / 2 + 4, h - size / 2 - 4)
        poly = _polygon(kind, cx, cy, size, rng)
        x0, y0 = poly.min(0)
        x1, y1 = poly.max(0)
        box = [float(x0), float(y0), float(x1), float(y1)]
        if any(
            box[0] - 6 < b[2] and b[0] < box[2] + 6 and box[1] - 6 < b[3] and b[1] < box[3] + 6
            for b in (o['box'] for o in objects)
        ):
            continue
        bgr = np.clip(np.array(COLOURS[colour]) + rng.integers(-20, 21, size=3), 0, 255)
        pts = np.round(poly).astype(np.int32)
        cv2.fillPoly(img, [pts], tuple(int(c) for c in bgr))
        cv2.polylines(img, [pts], True, tuple(int(c * 0.6) for c in bgr), 1)
        objects.append(dict(shape=kind, colour=colour, size=size_name, box=box))
        used.add((kind, colour))
    return img, objects


def relation_of(a: dict, b: dict, ratio: float = 1.5) -> str | None:
    """``a`` REL ``b`` from box centres when one axis clearly dominates, else None."""
    ax, ay = (a['box'][0] + a['box'][2]) / 2, (a['box'][1] + a['box'][3]) / 2
    bx, by = (b['box'][0] + b['box'][2]) / 2, (b['box'][1] + b['box'][3]) / 2
    dx, dy = ax - bx, ay - by
    if abs(dx) > ratio * abs(dy):
        return 'left of' if dx < 0 else 'right of'
    if abs(dy) > ratio * abs(dx):
        return 'above' if dy < 0 else 'below'
    return None


def _phrase(obj: dict, with_size: bool) -> tuple[str, list[str]]:
    attrs = ([obj['size']] if with_size else []) + [obj['colour']]
    return ' '.join(['a', *attrs, obj['shape']]), attrs


def scene_captions(rng, objects: list[dict], ann_ids: list[int], max_captions: int = 3) -> list:
    """Captions ``"a [size] colour shape REL a [size] colour shape"`` with their graphs."""
    pairs = [
        (i, j, rel)
        for i in range(len(objects))
        for j in range(len(objects))
        if i != j and (rel := relation_of(objects[i], objects[j])) is not None
    ]
    rng.shuffle(pairs)
    out = []
    for i, j, rel in pairs[:max_captions]:
        subj, subj_attrs = _phrase(objects[i], bool(rng.random() < 0.5))
        obj, obj_attrs = _phrase(objects[j], bool(rng.random() < 0.5))
        graph = dict(
            objects=[[objects[i]['shape'], ann_ids[i]], [objects[j]['shape'], ann_ids[j]]],
            attributes=[[0, a] for a in subj_attrs] + [[1, a] for a in obj_attrs],
            relations=[[0, rel, 1]],
        )
        out.append(dict(caption=f'{subj} {rel} {obj}', scene_graph=graph))
    return out


def _write(path: str, text: str) -> None:
    tmp = path + '.tmp'
    with open(tmp, 'w', encoding='utf-8') as f:
        f.write(text)
    os.replace(tmp, path)


def _split(rng, root: str, split: str, n_images: int) -> tuple[int, int]:
    os.makedirs(osp.join(root, split), exist_ok=True)
    images, anns, lines = [], [], []
    for i in range(n_images):
        img, objects = draw_ernie_vil_scene(rng)
        name = f'{split}_{i:04d}.jpg'
        cv2.imwrite(osp.join(root, split, name), img, [cv2.IMWRITE_JPEG_QUALITY, 92])
        h, w = img.shape[:2]
        images.append(dict(id=i + 1, file_name=name, height=h, width=w))
        ann_ids = []
        for o in objects:
            x0, y0, x1, y1 = o['box']
            ann_ids.append(len(anns) + 1)
            anns.append(
                dict(
                    id=len(anns) + 1,
                    image_id=i + 1,
                    category_id=SCENE_CLASSES.index(o['shape']) + 1,
                    bbox=[x0, y0, x1 - x0 + 1, y1 - y0 + 1],
                    area=(x1 - x0 + 1) * (y1 - y0 + 1),
                    iscrowd=0,
                    attributes=[o['colour'], o['size']],
                )
            )
        for cap in scene_captions(rng, objects, ann_ids):
            lines.append(json.dumps(dict(image_id=i + 1, file_name=name, **cap)))
    cats = [dict(id=i + 1, name=c, supercategory='shape') for i, c in enumerate(SCENE_CLASSES)]
    os.makedirs(osp.join(root, 'annotations'), exist_ok=True)
    coco = dict(images=images, annotations=anns, categories=cats)
    _write(osp.join(root, 'annotations', f'instances_{split}.json'), json.dumps(coco))
    _write(osp.join(root, f'captions_{split}.jsonl'), '\n'.join(lines) + '\n')
    return len(anns), len(lines)


def make_ernie_vil_scenes_demo(
    out_dir: str, seed: int = 0, n_train: int = 400, n_val: int = 100
) -> dict:
    """Write ``ernie_vil_scenes/`` (images, COCO boxes, captions, vocabulary) under ``out_dir``.

    Args:
        out_dir: Output root, e.g. ``data/demo``.
        seed: Random seed (the output is a deterministic function of it).
        n_train / n_val: Images per split.

    Returns:
        Counts of images, boxes and captions written.
    """
    rng = np.random.default_rng(seed)
    root = osp.join(out_dir, 'ernie_vil_scenes')
    os.makedirs(root, exist_ok=True)
    n_box_train, n_cap_train = _split(rng, root, 'train', n_train)
    n_box_val, n_cap_val = _split(rng, root, 'val', n_val)
    _write(osp.join(root, 'vocab.txt'), '\n'.join(caption_vocabulary()) + '\n')
    return dict(
        images=[n_train, n_val],
        boxes=[n_box_train, n_box_val],
        captions=[n_cap_train, n_cap_val],
    )


def write_oracle_region_features(
    root: str, split: str, feat_dim: int = 128, noise: float = 0.1, seed: int = 0
) -> str:
    """``feats_oracle_<split>.lmdb``: ground-truth boxes with one-hot shape + colour features.

    A detector-free stand-in for tests (and an upper bound): the first 3 + 4 feature dims
    encode the shape and colour, the rest is Gaussian noise; ``cls_prob`` is the one-hot class.
    """
    from mmblog.datasets.image_text import RegionFeatureLMDB

    with open(osp.join(root, 'annotations', f'instances_{split}.json'), encoding='utf-8') as f:
        coco = json.load(f)
    rng = np.random.default_rng(seed)
    per_image: dict = {}
    for a in coco['annotations']:
        per_image.setdefault(a['image_id'], []).append(a)
    out = osp.join(root, f'feats_oracle_{split}.lmdb')
    db = RegionFeatureLMDB(out, write=True)
    records = []
    for im in coco['images']:
        anns = per_image.get(im['id'], [])
        x, y, w, h = np.array([a['bbox'] for a in anns], np.float32).T
        boxes = np.stack([x, y, x + w, y + h], 1)
        feats = rng.normal(0, noise, size=(len(anns), feat_dim)).astype(np.float32)
        probs = np.zeros((len(anns), len(SCENE_CLASSES) + 1), np.float32)
        for k, a in enumerate(anns):
            feats[k, a['category_id'] - 1] += 1
            feats[k, 3 + list(COLOURS).index(a['attributes'][0])] += 1
            probs[k, a['category_id'] - 1] = 1
        records.append((im['id'], im['height'], im['width'], boxes, feats, probs))
    db.put_many(records)
    db.close()
    return out
