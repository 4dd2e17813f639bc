"""Encode a dataset with a trained VQ-VAE / VQ-VAE-2 and write its code maps for prior training.

``python tools/misc/extract_vq_codes.py CONFIG CKPT --out codes.npz [--splits train val]``

The ``.npz`` holds ``{split}_{level}`` (N, H, W) code maps (``codes`` for VQ-VAE,
``top``/``bottom`` for VQ-VAE-2), ``{split}_labels`` when the images have classes and
``num_codes_{level}`` (K); ``VQCodesDataset`` reads it.
"""

import argparse
import copy
import os

import numpy as np
import torch
from mmengine.config import Config, DictAction
from mmengine.runner import Runner
from mmengine.utils import ProgressBar

from mmblog.apis.generation import init_model
from mmblog.utils import merge_cfg_options, run_cli


def parse_args(argv=None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description='Extract VQ code maps of a dataset')
    parser.add_argument('config', help='the VQ-VAE / VQ-VAE-2 config')
    parser.add_argument('checkpoint', help='its trained checkpoint')
    parser.add_argument('--out', required=True, help='output .npz file')
    parser.add_argument(
        '--splits',
        nargs='+',
        default=['train', 'val'],
        choices=['train', 'val', 'test'],
        help='dataloaders of the config to encode (default: train val)',
    )
    parser.add_argument('--device', default='cpu')
    parser.add_argument(
        '--cfg-options', nargs='+', action=DictAction, help='override config keys (keys must exist)'
    )
    return parser.parse_args(argv)


@torch.no_grad()
def encode_split(model, dataloader_cfg) -> dict[str, np.ndarray]:
    """Code maps (and labels, if every image has one) of one dataloader, in dataset order."""
    cfg = copy.deepcopy(dataloader_cfg)
    cfg['sampler'] = dict(type='DefaultSampler', shuffle=False)
    dataloader = Runner.build_dataloader(cfg, seed=0)
    codes, labels = {}, []
    bar = ProgressBar(len(dataloader.dataset))
    for data in dataloader:
        data = model.data_preprocessor(data, False)
        for level, maps in model.encode_codes(data['inputs']).items():
            codes.setdefault(level, []).append(maps.cpu().numpy())
        for ds in data['data_samples']:
            labels.append(int(ds.gt_label[0]) if 'gt_label' in ds else None)
        for _ in range(len(data['data_samples'])):
            bar.update()
    print()
    out = {level: np.concatenate(maps).astype(np.int32) for level, maps in codes.items()}
    if labels and all(lab is not None for lab in labels):
        out['labels'] = np.asarray(labels, dtype=np.int64)
    return out


def main(argv=None) -> None:
    args = parse_args(argv)
    if not args.out.endswith('.npz'):
        raise ValueError(f'--out must be a .npz file, got {args.out}')
    cfg = Config.fromfile(args.config)
    merge_cfg_options(cfg, args.cfg_options)
    model = init_model(cfg, args.checkpoint, device=args.device)
    if not hasattr(model, 'encode_codes'):
        raise ValueError(f'{args.config}: {type(model).__name__} has no discrete codes to extract')
    arrays = {f'num_codes_{level}': np.int64(k) for level, k in model.levels.items()}
    for split in args.splits:
        key = f'{split}_dataloader'
        if cfg.get(key) is None:
            raise ValueError(f'{args.config} has no {key}')
        print(f'encoding {split} ...')
        for name, array in encode_split(model, cfg[key]).items():
            arrays[f'{split}_{name}'] = array
    os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
    tmp = args.out[: -len('.npz')] + '.tmp.npz'
    np.savez_compressed(tmp, **arrays)
    os.replace(tmp, args.out)
    shapes = {k: v.shape for k, v in arrays.items() if v.ndim > 0}
    print(f'wrote {args.out}: {shapes}')


if __name__ == '__main__':
    run_cli(main)
