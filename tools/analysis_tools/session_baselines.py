"""Popularity and last-item Markov next-item rankings on a converted session dataset.

Usage: python tools/analysis_tools/session_baselines.py data/demo/diginetica [--k 20]

Both are fitted on ``all_train_seq.txt`` (the training sessions) and scored on ``test.txt``
with the P@K / MRR@K of ``RankingMetric``.
"""

import argparse
import json
import os.path as osp

from mmblog.datasets.graph import read_session_pairs
from mmblog.evaluation.metrics import evaluate_baselines
from mmblog.utils import run_cli
from mmblog.utils.data_check import require_path


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('data_root', help='folder written by a session dataset converter')
    parser.add_argument('--k', type=int, default=20, help='list length K (default 20)')
    args = parser.parse_args(argv)
    how = 'python tools/misc/make_demo_data.py --only diginetica (or a dataset converter)'
    seq_path = require_path(osp.join(args.data_root, 'all_train_seq.txt'), how)
    test_prefixes, test_targets = read_session_pairs(
        require_path(osp.join(args.data_root, 'test.txt'), how)
    )
    with open(seq_path) as f:
        train_seqs = [[int(x) for x in line.split()] for line in f if line.strip()]
    with open(require_path(osp.join(args.data_root, 'stats.json'), how)) as f:
        num_items = int(json.load(f)['items'])
    result = evaluate_baselines(train_seqs, test_prefixes, test_targets, num_items, k=args.k)
    for name, metrics in result.items():
        print(f'{name}: ' + '  '.join(f'{m} {v:.2f}' for m, v in metrics.items()))


if __name__ == '__main__':
    run_cli(main)
