"""Fill in [MASK] with a trained masked-LM and plot the top candidates.

python demo/fill_mask_demo.py CONFIG CKPT "the colour of the sky is [MASK]" [--topk 5]
    [--out-file fill_mask.png] [--device cpu]
"""

import argparse

from mmblog.apis import fill_mask, init_classifier
from mmblog.utils import run_cli


def plot(text: str, candidates, out_file: str) -> None:
    import matplotlib

    matplotlib.use('Agg')
    import matplotlib.pyplot as plt

    fig, axes = plt.subplots(1, len(candidates), figsize=(4 * len(candidates), 3), squeeze=False)
    for k, (ax, cands) in enumerate(zip(axes[0], candidates)):
        tokens, probs = zip(*cands)
        ax.barh(range(len(tokens))[::-1], probs, color='tab:blue')
        ax.set_yticks(range(len(tokens))[::-1], tokens)
        ax.set_xlim(0, 1)
        ax.set_xlabel('probability')
        ax.set_title(f'mask {k + 1}')
    fig.suptitle(text)
    fig.tight_layout()
    fig.savefig(out_file, dpi=100)


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('config')
    parser.add_argument('checkpoint')
    parser.add_argument('text', help='text with [MASK] tokens')
    parser.add_argument('--topk', type=int, default=5)
    parser.add_argument('--out-file', help='save a bar chart of the candidates')
    parser.add_argument('--device', default='cpu')
    args = parser.parse_args(argv)
    model = init_classifier(args.config, args.checkpoint, device=args.device)
    candidates = fill_mask(model, args.text, args.topk)
    for k, cands in enumerate(candidates):
        print(f'mask {k + 1}: ' + ', '.join(f'{t} {p:.3f}' for t, p in cands))
    if args.out_file:
        plot(args.text, candidates, args.out_file)
        print(f'saved {args.out_file}')


if __name__ == '__main__':
    run_cli(main)
