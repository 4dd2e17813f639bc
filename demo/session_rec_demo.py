"""SR-GNN next-item demo: the top-k items for one session, with a picture of its session graph
(connection matrix A_s = [A_in | A_out]), the readout's attention over the clicks and the scores.

    python demo/session_rec_demo.py configs/srgnn/srgnn_diginetica_demo.py \
        work_dirs/srgnn_diginetica_demo/epoch_3.pth --session 12 40 12 7 --out-file srgnn.png

Items are the converted dataset's indices (1..num_items, see ``train.txt``).
"""

import argparse

import matplotlib

matplotlib.use('Agg')
import matplotlib.pyplot as plt  # noqa: E402
import torch  # noqa: E402

from mmblog.apis import init_model  # noqa: E402
from mmblog.models.graph.srgnn import build_session_graphs  # noqa: E402
from mmblog.utils import add_trust_checkpoint_arg, run_cli  # noqa: E402
from mmblog.utils.cli import ToolUsageError  # noqa: E402


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('config')
    parser.add_argument('checkpoint')
    parser.add_argument('--session', type=int, nargs='+', required=True, help='item indices')
    parser.add_argument('--topk', type=int, default=10)
    parser.add_argument('--out-file', help='save the picture here (png)')
    add_trust_checkpoint_arg(parser)
    args = parser.parse_args(argv)
    model = init_model(args.config, args.checkpoint, trust_checkpoint=args.trust_checkpoint)
    bad = [i for i in args.session if not 1 <= i <= model.num_items]
    if bad:
        raise ToolUsageError(f'--session: items {bad} are outside 1..{model.num_items}')
    seq = torch.tensor([args.session])
    with torch.no_grad():
        s, alpha = model.session_embedding(seq, return_attention=True)
        scores = (s @ model.embedding.weight[1:].t())[0]
    top = scores.topk(min(args.topk, model.num_items))
    items = (top.indices + 1).tolist()
    print(f'session {args.session} -> top-{len(items)}: {items}')
    if args.out_file:
        nodes, _, adj = build_session_graphs(seq)
        fig, axes = plt.subplots(1, 3, figsize=(14, 4))
        axes[0].imshow(adj[0], cmap='Blues', vmin=0, vmax=1)
        n = nodes.shape[1]
        axes[0].set_yticks(range(n), nodes[0].tolist())
        axes[0].set_xticks(range(2 * n), nodes[0].tolist() * 2, fontsize=7)
        axes[0].set_title('A_s = [A_in | A_out]')
        axes[1].bar(range(len(args.session)), alpha[0].tolist())
        axes[1].set_xticks(range(len(args.session)), args.session)
        axes[1].set_title('readout attention per click')
        axes[2].bar(range(len(items)), top.values.tolist())
        axes[2].set_xticks(range(len(items)), items, rotation=60, fontsize=7)
        axes[2].set_title(f'top-{len(items)} next items (score)')
        fig.tight_layout()
        fig.savefig(args.out_file, dpi=100)
        print(f'-> {args.out_file}')


if __name__ == '__main__':
    run_cli(main)
