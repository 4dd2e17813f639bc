"""APPNP demo: test accuracy against the number of propagation steps K (or the teleport
probability alpha), and a t-SNE picture of the propagated node outputs.

    python tools/misc/make_demo_data.py --only planetoid
    python demo/appnp_demo.py configs/appnp/appnp_planetoid_sbm_demo.py --values 0 1 2 5 10 20
    # real Cora (Planetoid split), the alpha sweep:
    python demo/appnp_demo.py configs/appnp/appnp_planetoid_cora.py \
        --data-root ../shared/data/planetoid --sweep alpha --values 0.05 0.1 0.2 0.5

K = 0 is the network without propagation (an MLP on the features). Every point trains the config
through mmengine's Runner (early stopping as configured) and tests the restored best weights; the
t-SNE panel shows the test nodes' outputs of the config's own K/alpha, coloured by true class.
"""

import argparse
import copy
import json
import os
import os.path as osp
import tempfile

import matplotlib

matplotlib.use('Agg')
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import torch  # noqa: E402
from mmengine.config import Config, DictAction  # noqa: E402
from mmengine.runner import Runner  # noqa: E402

from mmblog.utils import quiet_repeat_run, register_all_modules, run_cli  # noqa: E402

SWEEPS = {'K': 'model.backbone.K', 'alpha': 'model.backbone.alpha'}


def quiet_cfg(cfg: Config, work_dir: str, data_root: str | None, seed: int) -> Config:
    """One sweep point: the data root, then no checkpoints, no log files, a fresh visualizer."""
    if data_root:
        for split in ('train', 'val', 'test'):
            cfg[f'{split}_dataloader'].dataset.data_root = data_root
    return quiet_repeat_run(cfg, work_dir, seed)


def train_and_test(cfg: Config) -> tuple[float, Runner]:
    runner = Runner.from_cfg(cfg)
    runner.train()
    metrics = runner.test()
    return 100 * float(metrics['accuracy/top1']), runner


@torch.no_grad()
def test_outputs(runner: Runner) -> tuple[np.ndarray, np.ndarray]:
    """The backbone's outputs and true labels of the test nodes (eval mode, best weights)."""
    model = runner.model.eval()
    graph = runner.test_dataloader.dataset[0]['inputs']
    out = model.backbone(graph)
    mask = graph.test_mask
    return out[mask].numpy(), graph.y[mask].numpy()


def parse_args(argv=None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('config', help='an APPNP config (configs/appnp/...)')
    parser.add_argument('--data-root', help="folder of the ind.* files (else the config's)")
    parser.add_argument('--sweep', choices=sorted(SWEEPS), default='K')
    parser.add_argument('--values', type=float, nargs='+', default=[0, 1, 2, 5, 10, 20])
    parser.add_argument('--seeds', type=int, default=1, help='runs per value (seeds 0..N-1)')
    parser.add_argument('--max-epochs', type=int, help='cap the training steps of every run')
    parser.add_argument('--no-tsne', action='store_true', help='draw the sweep curve only')
    parser.add_argument('--out', default='work_dirs/appnp_demo.png')
    parser.add_argument('--cfg-options', nargs='+', action=DictAction, default={})
    args = parser.parse_args(argv)
    if args.sweep == 'K' and any(v < 0 or v != int(v) for v in args.values):
        parser.error(f'--values for K must be non-negative integers, got {args.values}')
    if args.sweep == 'alpha' and any(not 0 < v <= 1 for v in args.values):
        parser.error(f'--values for alpha must be in (0, 1], got {args.values}')
    if args.seeds < 1:
        parser.error(f'--seeds must be >= 1, got {args.seeds}')
    return args


def main(argv=None) -> None:
    args = parse_args(argv)
    register_all_modules(init_default_scope=False)
    base = Config.fromfile(args.config)
    base.merge_from_dict(args.cfg_options)
    if base.model.backbone.get('type') != 'APPNP':
        raise ValueError(f'{args.config}: model.backbone.type must be APPNP for a K/alpha sweep')
    if args.max_epochs:
        base.train_cfg.max_epochs = args.max_epochs
    key = SWEEPS[args.sweep]
    default = base.model.backbone[args.sweep]
    values = [int(v) if args.sweep == 'K' else v for v in args.values]
    results, embedding = {}, None
    with tempfile.TemporaryDirectory() as tmp:
        for value in values:
            accs = []
            for seed in range(args.seeds):
                cfg = quiet_cfg(copy.deepcopy(base), osp.join(tmp, 'run'), args.data_root, seed)
                cfg.merge_from_dict({key: value})
                acc, runner = train_and_test(cfg)
                accs.append(acc)
                if value == default and seed == 0 and not args.no_tsne:
                    embedding = test_outputs(runner)
            results[value] = accs
            print(json.dumps({args.sweep: value, 'test_acc': accs}), flush=True)
        if embedding is None and not args.no_tsne:
            cfg = quiet_cfg(copy.deepcopy(base), osp.join(tmp, 'run'), args.data_root, 0)
            embedding = test_outputs(train_and_test(cfg)[1])
    for value, accs in results.items():
        print(f'{args.sweep}={value}: {np.mean(accs):.2f} +- {np.std(accs):.2f} ({len(accs)} runs)')
    draw(results, embedding, args, default)


def draw(results: dict, embedding, args, default) -> None:
    panels = 1 if embedding is None else 2
    fig, axes = plt.subplots(1, panels, figsize=(6 * panels, 5), squeeze=False)
    ax = axes[0, 0]
    xs = list(results)
    means = [np.mean(results[x]) for x in xs]
    stds = [np.std(results[x]) for x in xs]
    ax.errorbar(xs, means, yerr=stds, marker='o', capsize=3)
    if args.sweep == 'K' and 0 in results:
        ax.axhline(means[xs.index(0)], color='grey', ls='--', label='K = 0 (no propagation)')
        ax.legend()
    ax.set_xlabel('propagation steps K' if args.sweep == 'K' else 'teleport probability alpha')
    ax.set_ylabel('test accuracy (%)')
    ax.set_title(f'{osp.basename(args.config)}: {args.seeds} run(s) per point')
    ax.grid(alpha=0.3)
    if embedding is not None:
        from sklearn.manifold import TSNE

        out, y = embedding
        xy = TSNE(2, init='pca', perplexity=min(30, len(y) - 1), random_state=0).fit_transform(out)
        axes[0, 1].scatter(xy[:, 0], xy[:, 1], c=y, cmap='tab10', s=5)
        axes[0, 1].set_title(f"t-SNE of the test nodes' outputs ({args.sweep} = {default})")
        axes[0, 1].set_xticks([])
        axes[0, 1].set_yticks([])
    fig.tight_layout()
    os.makedirs(osp.dirname(osp.abspath(args.out)), exist_ok=True)
    fig.savefig(args.out, dpi=100)
    print(f'figure: {args.out}')


if __name__ == '__main__':
    run_cli(main)
