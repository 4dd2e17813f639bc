"""Plot a trained CNP on a test GP curve as the notebook does: target curve (dotted), context
points, predicted mean and a +-sigma band, to a PNG.

``python demo/cnp_demo.py CONFIG CKPT --out-file cnp.png [--index 0]``
"""

import argparse
import os

import numpy as np
import torch

from mmblog.apis.generation import init_model
from mmblog.registry import DATASETS
from mmblog.utils import run_cli


def plot_functions(out_file, target_x, target_y, context_x, context_y, pred_y, sigma) -> None:
    """The notebook's ``plot_functions`` for the first curve of the batch, saved to a file."""
    import matplotlib

    matplotlib.use('Agg')
    import matplotlib.pyplot as plt

    fig = plt.figure(figsize=(8, 5))
    plt.plot(target_x[0], pred_y[0], 'b', linewidth=2, label='predicted mean')
    plt.plot(target_x[0], target_y[0], 'k:', linewidth=2, label='target curve')
    plt.plot(context_x[0], context_y[0], 'ko', markersize=10, label='context points')
    plt.fill_between(
        target_x[0, :, 0],
        pred_y[0, :, 0] - sigma[0, :, 0],
        pred_y[0, :, 0] + sigma[0, :, 0],
        alpha=0.2,
        facecolor='#65c9f7',
        interpolate=True,
        label='+-sigma',
    )
    plt.yticks([-2, 0, 2], fontsize=16)
    plt.xticks([-2, 0, 2], fontsize=16)
    plt.ylim([-2, 2])
    plt.grid(False)
    plt.gca().set_facecolor('white')
    plt.legend(loc='upper right')
    os.makedirs(os.path.dirname(os.path.abspath(out_file)), exist_ok=True)
    root, ext = os.path.splitext(out_file)
    tmp = f'{root}.tmp{ext or ".png"}'
    fig.savefig(tmp, dpi=100, bbox_inches='tight')
    plt.close(fig)
    os.replace(tmp, out_file)


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('config')
    parser.add_argument('checkpoint')
    parser.add_argument('--out-file', required=True, help='PNG to write')
    parser.add_argument('--index', type=int, default=0, help='which test curve to plot')
    args = parser.parse_args(argv)

    model = init_model(args.config, args.checkpoint)
    dataset = DATASETS.build(model.cfg.test_dataloader.dataset)
    data = model.data_preprocessor(dataset[args.index], False)
    with torch.no_grad():
        result = model(**data, mode='predict')[0]
    as_np = {k: v.numpy()[None] for k, v in result.items() if torch.is_tensor(v)}
    plot_functions(
        args.out_file,
        as_np['target_x'],
        as_np['target_y'],
        as_np['context_x'],
        as_np['context_y'],
        as_np['mu'],
        as_np['sigma'],
    )
    dist = np.abs(as_np['target_x'][0, :, 0, None] - as_np['context_x'][0, None, :, 0]).min(1)
    sigma = as_np['sigma'][0, :, 0]
    print(
        f'wrote {args.out_file}: {as_np["context_x"].shape[1]} contexts, test NLL '
        f'{result["nll"]:.3f}, sigma at contexts {sigma[dist <= 0.05].mean():.3f}, '
        f'far from them {sigma[dist >= 0.5].mean() if (dist >= 0.5).any() else float("nan"):.3f}'
    )


if __name__ == '__main__':
    run_cli(main)
