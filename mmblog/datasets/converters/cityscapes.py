"""Cityscapes gtFine instance PNGs -> ``instancesonly_filtered_gtFine_{split}.json`` (COCO, RLE).

Follows MMDetection's converter: one annotation per instance id of the ``*_instanceIds.png``
(``labelId * 1000 + n`` for single instances, bare ``labelId`` for crowd regions), masks as RLE,
boxes from the masks, the 8 evaluated instance classes (caravan and trailer are skipped).
"""

import os
import os.path as osp
import sys
from functools import partial

import numpy as np

from .common import ConversionError, dump_json_atomic

# Cityscapes labels: id -> (name, hasInstances, ignoreInEval), from cityscapesscripts.
CS_LABELS = {
    0: ('unlabeled', False, True),
    1: ('ego vehicle', False, True),
    2: ('rectification border', False, True),
    3: ('out of roi', False, True),
    4: ('static', False, True),
    5: ('dynamic', False, True),
    6: ('ground', False, True),
    7: ('road', False, False),
    8: ('sidewalk', False, False),
    9: ('parking', False, True),
    10: ('rail track', False, True),
    11: ('building', False, False),
    12: ('wall', False, False),
    13: ('fence', False, False),
    14: ('guard rail', False, True),
    15: ('bridge', False, True),
    16: ('tunnel', False, True),
    17: ('pole', False, False),
    18: ('polegroup', False, True),
    19: ('traffic light', False, False),
    20: ('traffic sign', False, False),
    21: ('vegetation', False, False),
    22: ('terrain', False, False),
    23: ('sky', False, False),
    24: ('person', True, False),
    25: ('rider', True, False),
    26: ('car', True, False),
    27: ('truck', True, False),
    28: ('bus', True, False),
    29: ('caravan', True, True),
    30: ('trailer', True, True),
    31: ('train', True, False),
    32: ('motorcycle', True, False),
    33: ('bicycle', True, False),
}
CITYSCAPES_SPLITS = {
    'train': 'instancesonly_filtered_gtFine_train.json',
    'val': 'instancesonly_filtered_gtFine_val.json',
    'test': 'instancesonly_filtered_gtFine_test.json',
}
IMG_SUFFIX = '_leftImg8bit.png'
INST_SUFFIX = '_gtFine_instanceIds.png'


def collect_files(img_dir: str, gt_dir: str) -> list[tuple[str, str]]:
    """Pairs (image, instanceIds png) under ``img_dir``/``gt_dir`` (``<city>/`` subfolders)."""
    files = []
    for root, _, names in os.walk(img_dir):
        for name in sorted(names):
            if not name.endswith(IMG_SUFFIX):
                continue
            img_file = osp.join(root, name)
            rel = osp.relpath(img_file, img_dir)
            inst_file = osp.join(gt_dir, rel[: -len(IMG_SUFFIX)] + INST_SUFFIX)
            if not osp.isfile(inst_file):
                raise ConversionError(
                    f'{img_file}: its annotation {inst_file} is missing (unpack gtFine next to '
                    'leftImg8bit)'
                )
            files.append((img_file, inst_file))
    files.sort()
    return files


def load_img_info(files: tuple[str, str], img_dir: str = '') -> dict:
    """The COCO image entry and RLE annotations of one image."""
    import cv2
    import pycocotools.mask as mask_util

    img_file, inst_file = files
    inst_img = cv2.imread(inst_file, cv2.IMREAD_UNCHANGED)
    if inst_img is None:
        raise ConversionError(f'{inst_file}: cannot read the instanceIds png')
    if inst_img.ndim != 2:
        raise ConversionError(
            f'{inst_file}: instanceIds must be a single-channel id image, got shape {inst_img.shape}'
        )
    inst_img = inst_img.astype(np.int64)
    anno_info = []
    # ids < 24 are stuff classes (no instances)
    for inst_id in np.unique(inst_img[inst_img >= 24]):
        label_id = int(inst_id // 1000 if inst_id >= 1000 else inst_id)
        if label_id not in CS_LABELS:
            raise ConversionError(
                f'{inst_file}: pixel value {int(inst_id)} means label id {label_id}, '
                'an unknown Cityscapes class'
            )
        _, has_instances, ignore_in_eval = CS_LABELS[label_id]
        if not has_instances or ignore_in_eval:
            continue
        mask = np.asarray(inst_img == inst_id, dtype=np.uint8, order='F')
        rle = mask_util.encode(mask[:, :, None])[0]
        area = float(mask_util.area(rle))
        bbox = mask_util.toBbox(rle).tolist()
        rle['counts'] = rle['counts'].decode()
        anno_info.append(
            dict(
                iscrowd=int(inst_id < 1000),
                category_id=label_id,
                bbox=bbox,
                area=area,
                segmentation=rle,
            )
        )
    city = osp.basename(osp.dirname(img_file))
    return dict(
        file_name=osp.join(city, osp.basename(img_file)),
        height=int(inst_img.shape[0]),
        width=int(inst_img.shape[1]),
        anno_info=anno_info,
        segm_file=osp.join(city, osp.basename(inst_file)),
    )


def cvt_annotations(image_infos: list[dict], out_json_name: str) -> dict:
    """Number images and annotations, add the categories, write the json (atomically)."""
    out = dict(images=[], categories=[], annotations=[])
    ann_id = 0
    for img_id, info in enumerate(image_infos):
        info = dict(info, id=img_id)
        annos = info.pop('anno_info')
        out['images'].append(info)
        for anno in annos:
            out['annotations'].append(dict(anno, image_id=img_id, id=ann_id))
            ann_id += 1
    for label_id, (name, has_instances, ignore_in_eval) in CS_LABELS.items():
        if has_instances and not ignore_in_eval:
            out['categories'].append(dict(id=label_id, name=name))
    dump_json_atomic(out, out_json_name)
    return out


def convert_cityscapes_split(img_dir: str, gt_dir: str, out_file: str, nproc: int = 1) -> dict:
    """Convert one split folder pair (e.g. ``leftImg8bit/train``, ``gtFine/train``)."""
    from mmengine.utils import track_parallel_progress, track_progress

    files = collect_files(img_dir, gt_dir)
    if not files:
        raise ConversionError(f'{img_dir}: no *{IMG_SUFFIX} images found')
    print(f'Loaded {len(files)} images from {img_dir}')
    print('Loading annotation images')
    fn = partial(load_img_info, img_dir=img_dir)
    if nproc > 1:
        infos = track_parallel_progress(fn, files, nproc=nproc, file=sys.stdout)
    else:
        infos = track_progress(fn, files, file=sys.stdout)
    return cvt_annotations(infos, out_file)


def convert_cityscapes(
    cityscapes_path: str,
    out_dir: str,
    img_dir: str = 'leftImg8bit',
    gt_dir: str = 'gtFine',
    nproc: int = 1,
    splits=('train', 'val', 'test'),
) -> dict:
    """Convert every split present under ``cityscapes_path``; returns ``{split: json path}``."""
    import time

    img_root = osp.join(cityscapes_path, img_dir)
    gt_root = osp.join(cityscapes_path, gt_dir)
    for folder in (img_root, gt_root):
        if not osp.isdir(folder):
            raise ConversionError(f'{folder}: folder not found (is {cityscapes_path} Cityscapes?)')
    written = {}
    for split in splits:
        if split not in CITYSCAPES_SPLITS:
            raise ConversionError(f'unknown split {split!r}; use {list(CITYSCAPES_SPLITS)}')
        if not osp.isdir(osp.join(img_root, split)):
            print(f'skip {split}: {osp.join(img_root, split)} not found')
            continue
        json_name = CITYSCAPES_SPLITS[split]
        print(f'Converting {split} into {json_name}')
        start = time.time()
        out_file = osp.join(out_dir, json_name)
        convert_cityscapes_split(
            osp.join(img_root, split), osp.join(gt_root, split), out_file, nproc=nproc
        )
        print(f'It took {time.time() - start}s to convert Cityscapes annotation')
        written[split] = out_file
    if not written:
        raise ConversionError(f'{img_root}: none of the splits {list(splits)} found')
    return written
