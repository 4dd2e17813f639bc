"""Readers of rating files: MovieLens ``u.data``-style (tab) and ML-1M ``ratings.dat`` (``::``)."""

import os.path as osp

import torch


def read_ratings(path: str) -> torch.Tensor:
    """``user item rating [timestamp]`` lines -> (n, 3) float tensor (user, item, rating).

    Tab- or whitespace-separated (``u.data``, ``u1.base``) or ``::``-separated (``ratings.dat``).
    A malformed line raises one ``ValueError`` naming the file, the line and the field.
    """
    if not osp.isfile(path):
        raise FileNotFoundError(
            f'{path}: rating file not found (real data: MovieLens from GroupLens; demo: '
            'python tools/misc/make_demo_data.py --only movielens)'
        )
    rows = []
    with open(path, encoding='latin-1') as f:
        for lineno, line in enumerate(f, 1):
            line = line.strip()
            if not line:
                continue
            fields = line.split('::') if '::' in line else line.split()
            if len(fields) < 3:
                raise ValueError(
                    f'{path}:{lineno}: expected "user item rating [timestamp]", got {line!r}'
                )
            names = ('user', 'item', 'rating')
            vals = []
            for name, field in zip(names, fields[:3]):
                try:
                    vals.append(float(field) if name == 'rating' else int(field))
                except ValueError:
                    raise ValueError(
                        f'{path}:{lineno}: field {name!r} is not a number: {field!r}'
                    ) from None
            rows.append(vals)
    if not rows:
        raise ValueError(f'{path}: no ratings')
    return torch.tensor(rows, dtype=torch.float64)
