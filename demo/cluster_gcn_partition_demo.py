"""Cluster-GCN demo: METIS vs random clusters of the generated GraphSAGE-format graph, drawn on
a spectral layout, with the fraction of edges each partition cuts (what a batch loses).

    python tools/misc/make_demo_data.py --only graphsage
    python demo/cluster_gcn_partition_demo.py --out work_dirs/cluster_gcn_partition.png
"""

import argparse
import os

import matplotlib

matplotlib.use('Agg')
import matplotlib.pyplot as plt  # noqa: E402
import torch  # noqa: E402

from mmblog.datasets.graph import metis_partition, random_partition, read_graphsage  # noqa: E402
from mmblog.models.layers.graph_normalization import laplacian  # noqa: E402
from mmblog.utils import run_cli  # noqa: E402


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('--root', default='data/demo/graphsage')
    parser.add_argument('--prefix', default='sbm')
    parser.add_argument('--parts', type=int, default=20)
    parser.add_argument('--nodes', type=int, default=1200, help='draw the first N nodes only')
    parser.add_argument('--out', default='work_dirs/cluster_gcn_partition.png')
    args = parser.parse_args(argv)
    g = read_graphsage(args.root, args.prefix)
    n = min(args.nodes, g.num_nodes)
    r, c = g.edge_index
    keep = (r < n) & (c < n)
    ei = g.edge_index[:, keep]
    _, vecs = torch.linalg.eigh(laplacian(ei, n, 'sym'))
    pos = vecs[:, 1:3].numpy()
    fig, axes = plt.subplots(1, 2, figsize=(12, 6))
    for ax, name, cluster in (
        (axes[0], 'METIS (pymetis)', metis_partition(ei, n, args.parts)),
        (axes[1], 'random', random_partition(n, args.parts)),
    ):
        cut = (cluster[ei[0]] != cluster[ei[1]]).float().mean().item()
        ax.scatter(pos[:, 0], pos[:, 1], c=cluster.numpy(), cmap='tab20', s=6)
        ax.set_title(f'{name}: {args.parts} clusters, {100 * cut:.0f}% of edges cut')
        ax.set_xticks([])
        ax.set_yticks([])
        print(f'{name}: {100 * cut:.1f}% of edges between clusters')
    fig.suptitle('Cluster-GCN batches keep only within-batch edges: METIS keeps most of them')
    fig.tight_layout()
    os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
    fig.savefig(args.out, dpi=100)
    print(f'figure: {args.out}')


if __name__ == '__main__':
    run_cli(main)
