"""List every registered class with its file; exit 1 if one is not in a file named after it.

python tools/misc/check_layout.py            # table of registry, class, file, verdict
python tools/misc/check_layout.py --quiet    # only the violations
"""

import argparse
import os.path as osp
import sys

from mmblog.utils import run_cli
from mmblog.utils.layout import OWNED_ELSEWHERE, registered_classes, violations

ROOT = osp.dirname(osp.dirname(osp.dirname(osp.abspath(__file__))))


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--quiet', action='store_true', help='print only the violations')
    args = parser.parse_args(argv)
    placements = registered_classes(ROOT)
    bad = violations(placements)
    for p in bad if args.quiet else placements:
        note = ' (owned by another branch)' if p.file.startswith(OWNED_ELSEWHERE) else ''
        print(f'{p.registry:<12} {p.name:<32} {p.file:<64} {p.status}{note}')
    print(f'{len(placements)} registered classes, {len(bad)} violations')
    if bad:
        sys.exit(1)


if __name__ == '__main__':
    run_cli(main)
