"""Sample code maps from trained priors and decode them with the VQ model to a PNG grid.

VQ-VAE:   ``python demo/vqvae_sample.py VQ_CFG VQ_CKPT --prior CFG CKPT --out-file s.png``
VQ-VAE-2: ``python demo/vqvae_sample.py VQ_CFG VQ_CKPT --prior TOP_CFG TOP_CKPT
          --bottom-prior BOTTOM_CFG BOTTOM_CKPT --out-file s.png``

Class-conditional priors get labels 0, 1, ... in turn (one class per grid row with
``--num`` a multiple of the number of classes). ``--classifier CFG CKPT --accept-fraction F``
keeps the F best samples by the classifier's probability of their class (VQ-VAE-2, sec. 3.3).
``--codes FILE`` names the extracted codes (``tools/misc/extract_vq_codes.py``) whose map sizes the
samples take, instead of the file in the prior's config; ``--cfg-options`` changes the VQ config.
"""

import argparse
import os.path as osp

import numpy as np
import torch
from mmengine.config import Config, DictAction

from mmblog.apis.generation import init_model, save_image_grid
from mmblog.models.generative import classifier_rejection
from mmblog.utils import DataFormatError, MissingDataError, merge_cfg_options, run_cli


def code_shape(prior, codes_file: str | None = None) -> tuple[int, int]:
    """The code-map size the prior was trained on, read from ``codes_file`` (default: the codes
    file of the prior's config)."""
    ds = prior.cfg.train_dataloader.dataset
    path = codes_file or ds.codes_file
    if not osp.isfile(path):
        raise MissingDataError(
            f'codes file not found: {path} (write it with tools/misc/extract_vq_codes.py, '
            'or pass --codes FILE)'
        )
    key = f'train_{ds.code_key}'
    with np.load(path) as archive:
        if key not in archive:
            raise DataFormatError(f'{path}: no array {key!r} (has {sorted(archive.files)})')
        return tuple(archive[key].shape[1:])


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('vq_config')
    parser.add_argument('vq_checkpoint')
    parser.add_argument(
        '--prior',
        nargs=2,
        required=True,
        metavar=('CONFIG', 'CKPT'),
        help='prior of the (top) code level',
    )
    parser.add_argument(
        '--bottom-prior',
        nargs=2,
        metavar=('CONFIG', 'CKPT'),
        help='VQ-VAE-2: prior of the bottom codes given the top codes',
    )
    parser.add_argument('--out-file', required=True, help='PNG to write')
    parser.add_argument('--num', type=int, default=16)
    parser.add_argument('--temperature', type=float, default=1.0)
    parser.add_argument('--seed', type=int, default=0)
    parser.add_argument('--nrow', type=int, default=8)
    parser.add_argument('--scale', type=int, default=2)
    parser.add_argument(
        '--classifier',
        nargs=2,
        metavar=('CONFIG', 'CKPT'),
        help='image classifier for rejection sampling',
    )
    parser.add_argument('--accept-fraction', type=float, default=1.0)
    parser.add_argument(
        '--codes',
        metavar='FILE',
        help='codes .npz whose map sizes to sample (default: the one in the prior config)',
    )
    parser.add_argument(
        '--cfg-options',
        nargs='+',
        action=DictAction,
        help='override keys of the VQ config, e.g. model.decay=0.9',
    )
    args = parser.parse_args(argv)

    torch.manual_seed(args.seed)
    vq_cfg = merge_cfg_options(Config.fromfile(args.vq_config), args.cfg_options)
    vq = init_model(vq_cfg, args.vq_checkpoint)
    levels = list(vq.levels)
    if (len(levels) == 2) != (args.bottom_prior is not None):
        raise ValueError(
            f'{type(vq).__name__} has code levels {levels}: give --bottom-prior exactly when '
            'there are two levels (top prior in --prior)'
        )
    prior = init_model(*args.prior)
    num_classes = prior.net.num_classes
    labels = torch.arange(args.num) % num_classes if num_classes else None
    if labels is not None:
        labels = labels.sort().values
    codes = {
        levels[0]: prior.sample(
            args.num, code_shape(prior, args.codes), labels=labels, temperature=args.temperature
        )
    }
    if args.bottom_prior is not None:
        bottom = init_model(*args.bottom_prior)
        codes[levels[1]] = bottom.sample(
            args.num,
            code_shape(bottom, args.codes),
            labels=labels if bottom.net.num_classes else None,
            cond=codes[levels[0]],
            temperature=args.temperature,
        )
    images = vq.to_unit_range(vq.decode_codes(codes)).clamp(0, 1)
    if args.classifier is not None:
        if labels is None:
            raise ValueError('--classifier needs a class-conditional prior (labels to score)')
        clf = init_model(*args.classifier)
        # The classifier sees the samples as its own preprocessor would see uint8 images.
        pixels = clf.data_preprocessor(dict(inputs=list(images * 255)), False)['inputs']
        keep = classifier_rejection(
            pixels, labels, lambda x: clf(x, mode='tensor'), args.accept_fraction
        )
        images = images[keep.sort().values]
    save_image_grid(images, args.out_file, nrow=args.nrow, scale=args.scale)
    shapes = {k: tuple(v.shape[1:]) for k, v in codes.items()}
    print(f'wrote {args.out_file}: {len(images)} samples from code maps {shapes}')


if __name__ == '__main__':
    run_cli(main)
