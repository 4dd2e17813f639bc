"""List blocks of N or more identical code lines that occur in more than one place.

    python tools/misc/find_repeated_blocks.py mmblog tools [--min-lines 6]

Lines are compared stripped; blank lines, comments, docstring-only lines and imports are skipped
(repeated imports are not repeated logic). Exits 1 when a repeated block is found.
"""

import argparse
import os
import sys
from collections import defaultdict


def _code_lines(path: str) -> list[tuple[int, str]]:
    out, in_import = [], False
    with open(path, encoding='utf-8') as f:
        for no, line in enumerate(f, 1):
            text = line.strip()
            if in_import:  # the names of a parenthesised ``from x import (...)``
                in_import = not text.endswith(')')
                continue
            if text.startswith(('import ', 'from ')):
                in_import = text.endswith('(')
                continue
            if not text or text.startswith(('#', '"""', "'''")):
                continue
            if text in (')', ']', '}', '),', '],', '},', 'else:', 'try:', 'return', 'pass'):
                continue  # closing brackets alone say nothing about repeated logic
            out.append((no, text))
    return out


def repeated_blocks(roots: list[str], min_lines: int = 6) -> list[list[tuple[str, int]]]:
    """Groups of ``(file, first line)`` where the same ``min_lines`` code lines start.

    Overlapping windows of one longer repeated run are reported once (at its first line).
    """
    seen = defaultdict(list)
    for root in roots:
        for dirpath, _, files in sorted(os.walk(root)):
            for name in sorted(files):
                if not name.endswith('.py'):
                    continue
                path = os.path.join(dirpath, name)
                lines = _code_lines(path)
                for i in range(len(lines) - min_lines + 1):
                    key = tuple(t for _, t in lines[i : i + min_lines])
                    seen[key].append((path, i, lines[i][0]))
    groups, covered = [], set()
    for places in seen.values():
        if len(places) < 2:
            continue
        # a window that continues an already reported run adds nothing new
        if all((p, i - 1) in covered for p, i, _ in places):
            covered.update((p, i) for p, i, _ in places)
            continue
        covered.update((p, i) for p, i, _ in places)
        groups.append([(p, n) for p, _, n in places])
    return groups


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('roots', nargs='+')
    parser.add_argument('--min-lines', type=int, default=6)
    args = parser.parse_args(argv)
    groups = repeated_blocks(args.roots, args.min_lines)
    for places in groups:
        print(' = '.join(f'{p}:{n}' for p, n in places))
    print(f'{len(groups)} repeated blocks of >= {args.min_lines} code lines')
    sys.exit(1 if groups else 0)


if __name__ == '__main__':
    main()
