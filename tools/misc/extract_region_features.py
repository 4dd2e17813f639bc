"""Extract region features with a trained mmblog Faster R-CNN into a ViLBERT-layout LMDB.

    python tools/misc/extract_region_features.py CONFIG CKPT IMG_DIR --out feats.lmdb
    python tools/misc/extract_region_features.py CONFIG CKPT IMG_DIR --out feats_gt.lmdb \
        --ann-file annotations/instances_val.json --gt-boxes

Keeps the boxes scoring >= --score-thr, at least --min-boxes and at most --max-boxes per image
(bottom-up attention's 0.2 / 10 / 36); each record holds height, width, number of boxes, boxes,
RoI-pooled features and the detector's class distribution. With --ann-file the COCO image ids
name the records (else the file stems); --gt-boxes pools at the annotated boxes instead of
detecting. Resumable: images already in the LMDB are skipped, records are committed in chunks.
"""

import argparse
import json
import os
import os.path as osp

import numpy as np
from mmengine.utils import ProgressBar

from mmblog.apis import extract_region_features, init_model
from mmblog.datasets.image_text import RegionFeatureLMDB
from mmblog.utils import ToolUsageError, run_cli

IMAGE_EXTS = ('.jpg', '.jpeg', '.png', '.bmp')


def _images(img_dir: str, ann_file: str | None, gt_boxes: bool) -> list[tuple]:
    """``[(record id, image path, gt boxes or None)]``."""
    if not osp.isdir(img_dir):
        raise ToolUsageError(f'image folder not found: {img_dir}')
    if ann_file is None:
        if gt_boxes:
            raise ToolUsageError('--gt-boxes needs --ann-file (the COCO json with the boxes)')
        names = sorted(n for n in os.listdir(img_dir) if n.lower().endswith(IMAGE_EXTS))
        return [(osp.splitext(n)[0], osp.join(img_dir, n), None) for n in names]
    if not osp.isfile(ann_file):
        raise ToolUsageError(f'annotation file not found: {ann_file}')
    with open(ann_file, encoding='utf-8') as f:
        try:
            coco = json.load(f)
            images = coco['images']
        except (json.JSONDecodeError, KeyError) as e:
            raise ToolUsageError(f'{ann_file}: not a COCO json with "images" ({e})') from e
    boxes: dict = {}
    for k, a in enumerate(coco.get('annotations', [])):
        try:
            x, y, w, h = a['bbox']
            boxes.setdefault(a['image_id'], []).append([x, y, x + w, y + h])
        except (KeyError, ValueError, TypeError) as e:
            raise ToolUsageError(f'{ann_file}: annotations[{k}]: bbox: {e}') from e
    out = []
    for im in images:
        path = osp.join(img_dir, im['file_name'])
        gt = np.array(boxes.get(im['id'], []), np.float32).reshape(-1, 4) if gt_boxes else None
        if gt is not None and not len(gt):
            continue  # an image without boxes has no ground-truth regions
        out.append((str(im['id']), path, gt))
    return out


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('config')
    parser.add_argument('checkpoint')
    parser.add_argument('img_dir')
    parser.add_argument('--out', required=True, help='output LMDB directory')
    parser.add_argument('--ann-file', help='COCO json: image ids (and boxes for --gt-boxes)')
    parser.add_argument('--gt-boxes', action='store_true', help='pool at the annotated boxes')
    parser.add_argument('--score-thr', type=float, default=0.2)
    parser.add_argument('--min-boxes', type=int, default=10)
    parser.add_argument('--max-boxes', type=int, default=36)
    parser.add_argument('--chunk', type=int, default=50, help='records per LMDB commit')
    parser.add_argument('--device', default='cpu')
    parser.add_argument('--trust-checkpoint', action='store_true')
    args = parser.parse_args(argv)
    if not 1 <= args.min_boxes <= args.max_boxes:
        raise ToolUsageError(
            f'need 1 <= --min-boxes <= --max-boxes, got {args.min_boxes}, {args.max_boxes}'
        )
    todo = _images(args.img_dir, args.ann_file, args.gt_boxes)
    model = init_model(
        args.config, args.checkpoint, device=args.device, trust_checkpoint=args.trust_checkpoint
    )
    db = RegionFeatureLMDB(args.out, write=True)
    todo = [t for t in todo if t[0] not in db]
    bar = ProgressBar(len(todo))
    chunk: list[tuple] = []
    for image_id, path, gt in todo:
        if not osp.isfile(path):
            raise ToolUsageError(f'image not found: {path}')
        r = extract_region_features(model, path, gt, args.score_thr, args.min_boxes, args.max_boxes)
        chunk.append((image_id, r['height'], r['width'], r['boxes'], r['features'], r['cls_prob']))
        if len(chunk) >= args.chunk:
            db.put_many(chunk)
            chunk = []
        bar.update()
    if chunk:
        db.put_many(chunk)
    print(f'\n{len(db)} images in {args.out} ({len(todo)} new)')
    db.close()


if __name__ == '__main__':
    run_cli(main)
