"""Zero-shot image retrieval with ERNIE-ViL's matching head on the held-out scenes.

    python tools/analysis_tools/ernie_vil_retrieval.py CONFIG CKPT [--candidates 20] [--seed 0]

For every val caption, its image and --candidates - 1 other val images are scored by the
image-text matching head; R@1 / R@5 is the share of captions whose own image ranks first / in
the top 5 (chance 1 / candidates, 5 / candidates). The reference fine-tunes this ranking with
circle loss and 20 negatives: ``model.retrieval_loss='circle'``
(configs/ernie_vil/ernie_vil_retrieval_circle_scenes_demo.py); any checkpoint with the matching
head can be measured here.
"""

import argparse
import os.path as osp

import numpy as np
import torch
from mmengine.config import Config

from mmblog.apis import init_model
from mmblog.datasets.image_text import ErnieVilCaptionDataset, ernie_vil_collate
from mmblog.utils import ToolUsageError, run_cli


def expected_hit(scores: torch.Tensor, k: int) -> float:
    """Probability that candidate 0 ranks in the top k, ties broken uniformly at random.

    A head that gives every candidate the same score must score chance, not R@1 = 100.
    """
    above = int((scores[1:] > scores[0]).sum())
    tied = int((scores[1:] == scores[0]).sum())
    return min(max(k - above, 0) / (tied + 1), 1.0)


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('config')
    parser.add_argument('checkpoint')
    parser.add_argument('--candidates', type=int, default=20)
    parser.add_argument('--seed', type=int, default=0)
    args = parser.parse_args(argv)
    if not osp.isfile(args.config):
        raise ToolUsageError(f'config file not found: {args.config}')
    if args.candidates < 2:
        raise ToolUsageError('--candidates must be at least 2')
    cfg = Config.fromfile(args.config)
    ds_cfg = {k: v for k, v in cfg.val_dataloader.dataset.items() if k != 'type'}
    ds = ErnieVilCaptionDataset(**dict(ds_cfg, mode='pretrain'))
    model = init_model(args.config, args.checkpoint)
    images = sorted({ds.get_data_info(i)['image_id'] for i in range(len(ds))})
    rng = np.random.default_rng(args.seed)
    hits1 = hits5 = 0.0
    ties = 0
    for i in range(len(ds)):
        item = ds[i]
        others = [im for im in images if im != item['image_id']]
        cands = [item['image_id'], *rng.choice(others, args.candidates - 1, replace=False)]
        rows = [dict(item, image_id=c, **ds.regions(c)) for c in cands]
        scores = model.match_scores(ernie_vil_collate(rows)['inputs'])
        ties += bool((scores[1:] == scores[0]).any())
        hits1 += expected_hit(scores, 1)
        hits5 += expected_hit(scores, 5)
    n = len(ds)
    print(
        f'image retrieval over {args.candidates} candidates, {n} captions: '
        f'R@1 {100 * hits1 / n:.1f} (chance {100 / args.candidates:.1f}), '
        f'R@5 {100 * hits5 / n:.1f} (chance {100 * min(5, args.candidates) / args.candidates:.1f}); '
        f'{ties} captions with a candidate tied with their own image (ties broken at random)'
    )


if __name__ == '__main__':
    torch.set_num_threads(1)
    run_cli(main)
