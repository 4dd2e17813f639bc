"""ERNIE-ViL CPU throughput: region-feature extraction (images/s) and pre-training (samples/s).

    python tools/analysis_tools/ernie_vil_benchmark.py DET_CONFIG DET_CKPT ERNIE_VIL_CONFIG \
        [--images 40] [--iters 30] [--threads 1]

Extraction runs mmblog's Faster R-CNN on the first --images images of the ERNIE-ViL config's
val split (detected boxes, then ground-truth boxes); pre-training times --iters optimiser steps
of the config's model on its train loader (after 3 warm-up steps). Numbers depend on the load
of the machine: report it with them.
"""

import argparse
import json
import os.path as osp
import time

import numpy as np
import torch
from mmengine.config import Config
from mmengine.registry import init_default_scope

from mmblog.apis import extract_region_features, init_model
from mmblog.utils import ToolUsageError, run_cli


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('det_config')
    parser.add_argument('det_checkpoint')
    parser.add_argument('config')
    parser.add_argument('--images', type=int, default=40)
    parser.add_argument('--iters', type=int, default=30)
    parser.add_argument('--threads', type=int, default=1)
    args = parser.parse_args(argv)
    for path in (args.det_config, args.det_checkpoint, args.config):
        if not osp.isfile(path):
            raise ToolUsageError(f'file not found: {path}')
    torch.set_num_threads(args.threads)
    cfg = Config.fromfile(args.config)
    root = cfg.val_dataloader.dataset.data_root
    ann = osp.join(root, 'annotations', 'instances_val.json')
    if not osp.isfile(ann):
        raise ToolUsageError(
            f'{ann} not found -- run: python tools/misc/make_demo_data.py --only ernie_vil_scenes'
        )
    with open(ann, encoding='utf-8') as f:
        coco = json.load(f)
    boxes: dict = {}
    for a in coco['annotations']:
        x, y, w, h = a['bbox']
        boxes.setdefault(a['image_id'], []).append([x, y, x + w, y + h])
    images = coco['images'][: args.images]
    det = init_model(args.det_config, args.det_checkpoint)
    rows = []
    for name, use_gt in (('extraction, detected boxes', False), ('extraction, gt boxes', True)):
        t0 = time.perf_counter()
        n_boxes = 0
        for im in images:
            gt = np.array(boxes[im['id']], np.float32) if use_gt else None
            r = extract_region_features(det, osp.join(root, 'val', im['file_name']), gt)
            n_boxes += len(r['boxes'])
        dt = time.perf_counter() - t0
        rows.append(
            (name, f'{len(images) / dt:.2f} images/s', f'{n_boxes / len(images):.1f} boxes/image')
        )

    from mmblog.registry import DATASETS, FUNCTIONS, MODELS

    init_default_scope('mmblog')
    ds = DATASETS.build(cfg.train_dataloader.dataset)
    collate = FUNCTIONS.get(cfg.train_dataloader.collate_fn.type.split('.')[-1])
    bs = cfg.train_dataloader.batch_size
    model = MODELS.build(cfg.model)
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    rng = np.random.default_rng(0)
    batches = [collate([ds[int(i)] for i in rng.integers(len(ds), size=bs)]) for _ in range(4)]
    model.train()
    for step in range(3 + args.iters):
        if step == 3:
            t0 = time.perf_counter()
        b = batches[step % len(batches)]
        loss = sum(model.loss(b['inputs'], b['data_samples']).values())
        opt.zero_grad()
        loss.backward()
        opt.step()
    dt = time.perf_counter() - t0
    rows.append(('pre-training step', f'{args.iters * bs / dt:.1f} samples/s', f'batch {bs}'))
    print(f'| ERNIE-ViL CPU benchmark ({args.threads} thread(s)) | throughput | note |')
    print('|---|---|---|')
    for r in rows:
        print('| ' + ' | '.join(r) + ' |')


if __name__ == '__main__':
    run_cli(main)
