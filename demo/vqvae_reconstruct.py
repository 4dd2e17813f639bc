"""Write a grid of original | reconstruction pairs of a trained VQ-VAE / VQ-VAE-2.

``python demo/vqvae_reconstruct.py CONFIG CKPT --out-file recon.png [--num 16] [--split val]``
"""

import argparse
import copy

import numpy as np
import torch
from mmengine.config import Config, DictAction
from mmengine.dataset import default_collate

from mmblog.apis.generation import init_model, save_image_grid
from mmblog.registry import DATASETS
from mmblog.utils import merge_cfg_options, run_cli


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('config')
    parser.add_argument('checkpoint')
    parser.add_argument('--out-file', required=True, help='PNG to write')
    parser.add_argument('--num', type=int, default=16, help='images to reconstruct')
    parser.add_argument('--split', default='val', choices=['train', 'val', 'test'])
    parser.add_argument('--scale', type=int, default=2, help='nearest-neighbour zoom of the grid')
    parser.add_argument(
        '--cfg-options',
        nargs='+',
        action=DictAction,
        help='override config keys, e.g. val_dataloader.dataset.data_root=D',
    )
    args = parser.parse_args(argv)

    cfg = Config.fromfile(args.config)
    merge_cfg_options(cfg, args.cfg_options)
    model = init_model(cfg, args.checkpoint)
    dataset = DATASETS.build(copy.deepcopy(model.cfg[f'{args.split}_dataloader'].dataset))
    # Evenly spaced examples, so a class-sorted folder shows every class.
    picks = np.linspace(0, len(dataset) - 1, min(args.num, len(dataset))).round().astype(int)
    data = default_collate([dataset[int(i)] for i in picks])
    with torch.no_grad():
        results = model.test_step(data)
    pairs = []
    for r in results[: args.num]:
        pairs += [r['orig'], r['recon']]
    mse = sum(float((r['recon'] - r['orig']).pow(2).mean()) for r in results) / len(results)
    # 8 images per row: 4 original|reconstruction pairs.
    save_image_grid(torch.stack(pairs), args.out_file, nrow=8, scale=args.scale)
    print(f'wrote {args.out_file}: {len(results)} pairs, MSE on [0, 1] pixels {mse:.5f}')


if __name__ == '__main__':
    run_cli(main)
