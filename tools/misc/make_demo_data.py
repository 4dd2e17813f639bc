"""Write the embedded demo datasets (real formats, learnable content) under ``data/demo``."""

import argparse

from mmblog.datasets.demo_data import DEMO_GENERATORS
from mmblog.testing.demo_data import TEXT_DEMO_GENERATORS
from mmblog.testing.demo_data.ernie_typing import make_ernie_typing_demo
from mmblog.testing.demo_data.graph_sbm import GRAPH_DEMO_GENERATORS
from mmblog.testing.demo_data.kg_triples import make_kg_triples_demo
from mmblog.utils import run_cli

DEMO_GENERATORS = {**DEMO_GENERATORS, **TEXT_DEMO_GENERATORS, **GRAPH_DEMO_GENERATORS}
DEMO_GENERATORS = dict(DEMO_GENERATORS, kg_triples=make_kg_triples_demo)
DEMO_GENERATORS = dict(DEMO_GENERATORS, ernie_typing=make_ernie_typing_demo)


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument('--out', default='data/demo', help='output root (default data/demo)')
    parser.add_argument(
        '--only', nargs='+', choices=sorted(DEMO_GENERATORS), help='generate only these datasets'
    )
    parser.add_argument('--seed', type=int, default=0)
    args = parser.parse_args(argv)
    for name in args.only or sorted(DEMO_GENERATORS):
        summary = DEMO_GENERATORS[name](args.out, seed=args.seed)
        print(f'{name}: {summary} -> {args.out}')


if __name__ == '__main__':
    run_cli(main)
