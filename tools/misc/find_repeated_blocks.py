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
    out = []
    with open(path, encoding='utf-8') as f:
        for no, line in enumerate(f, 1):
            text = line.strip()
            if not text or text.startswith(('#', 'import ', 'from ', '"""', "'''")):
                continue
            if text in (')', ']', '}', '),', '],', '},', 'else:', 'try:', 'return', 'pass'):
                continue  # closing brackets alone say nothing about repeated logic
            out.append((no, text))
    return out


def repeated_blocks(roots: list[str], min_lines: int = 6) -> list[list[tuple[str, int]]]:
    """Groups of ``(file, first line)`` where the same ``min_lines`` code lines start."""
    seen = defaultdict(list)
    for root in roots:
        for dirpath, _, files in os.walk(root):
            for name in sorted(files):
                if not name.endswith('.py'):
                    continue
                path = os.path.join(dirpath, name)
                lines = _code_lines(path)
                for i in range(len(lines) - min_lines + 1):
                    key = tuple(t for _, t in lines[i : i + min_lines])
                    seen[key].append((path, lines[i][0]))
    groups, reported = [], set()
    for places in seen.values():
        files = {p for p, _ in places}
        if len(places) < 2:
            continue
        # report each overlapping run once: skip windows that continue a reported one
        if all((p, n - 1) in reported or any((p, m) in reported for m in range(n - 8, n)) for p, n in places) and len(files) >= 1:
            reported.update(places)
            continue
        reported.update(places)
        groups.append(places)
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
