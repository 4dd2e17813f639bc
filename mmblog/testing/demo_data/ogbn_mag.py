"""A generated graph in OGB-MAG's raw csv layout whose paper venues flow through authors and
drift with the year."""

import gzip
import os
import os.path as osp

import numpy as np


def _write(path: str, rows) -> None:
    os.makedirs(osp.dirname(path), exist_ok=True)
    with gzip.open(path, 'wt') as f:
        for row in rows:
            f.write(','.join(str(v) for v in np.atleast_1d(row)) + '\n')


def make_ogbn_mag_demo(
    out_dir: str,
    seed: int = 0,
    num_papers: int = 2000,
    num_authors: int = 250,
    num_fields: int = 40,
    num_institutions: int = 15,
    num_classes: int = 4,
    num_features: int = 16,
    years: tuple = (2011, 2019),
    era: int = 3,
    signal: float = 0.55,
) -> str:
    """Write ``ogbn_mag/mag/{raw,split}`` as OGB ships ogbn-mag (gzip csv, no header).

    Each author has a home area; in year ``y`` it works on area ``(home + (y - y0) // era) % C``:
    a paper's venue is its first author's area in its year (labels flow author -> paper and
    drift with time). A paper's own features are a weak noisy hint of its venue (``signal`` on
    the venue's axis, unit noise everywhere), so a feature-only MLP beats the majority class
    but not by much. A paper cites papers of its first author, mostly recent ones
    (``p ~ exp(-dT / 2)``), so a cited paper's venue agrees with the citing paper's only when
    they are close in time: what relative temporal encoding lets the model see. Fields and
    institutions are noise. Time split as OGB: train before the last two years, valid the
    second last, test the last.
    """
    rng = np.random.default_rng(seed)
    y0, y1 = years
    home = rng.integers(0, num_classes, num_authors)
    year = np.sort(rng.integers(y0, y1 + 1, num_papers))
    first = rng.integers(0, num_authors, num_papers)
    label = (home[first] + (year - y0) // era) % num_classes
    x = rng.standard_normal((num_papers, num_features)).astype(np.float32)
    x[np.arange(num_papers), label] += signal
    writes = [(a, p) for p, a in enumerate(first)]
    co = rng.random(num_papers) < 0.4  # a random co-author on 40% of papers
    writes += [(int(rng.integers(num_authors)), p) for p in np.flatnonzero(co)]
    cites = []
    by_author: dict[int, list[int]] = {}
    for p in range(num_papers):  # papers are sorted by year: earlier ones are listed first
        prev = by_author.setdefault(int(first[p]), [])
        if prev:
            dt = year[p] - year[np.array(prev)]
            w = np.exp(-dt / 2.0)
            k = min(len(prev), 4)
            for q in rng.choice(prev, k, replace=False, p=w / w.sum()):
                cites.append((p, int(q)))
        prev.append(p)
    topic = [
        (p, int(f)) for p in range(num_papers) for f in rng.choice(num_fields, 2, replace=False)
    ]
    affil = [(a, int(rng.integers(num_institutions))) for a in range(num_authors)]

    root = osp.join(out_dir, 'ogbn_mag', 'mag')
    raw = osp.join(root, 'raw')
    os.makedirs(raw, exist_ok=True)
    with gzip.open(osp.join(raw, 'num-node-dict.csv.gz'), 'wt') as f:
        f.write('author,field_of_study,institution,paper\n')
        f.write(f'{num_authors},{num_fields},{num_institutions},{num_papers}\n')
    with gzip.open(osp.join(raw, 'triplet-type-list.csv.gz'), 'wt') as f:
        for trip in (
            'author,affiliated_with,institution',
            'author,writes,paper',
            'paper,cites,paper',
            'paper,has_topic,field_of_study',
        ):
            f.write(trip + '\n')
    _write(osp.join(raw, 'node-feat', 'paper', 'node-feat.csv.gz'), np.round(x, 4))
    _write(osp.join(raw, 'node_year', 'paper', 'node_year.csv.gz'), year)
    _write(osp.join(raw, 'node-label', 'paper', 'node-label.csv.gz'), label)
    for name, edges in (
        ('author___affiliated_with___institution', affil),
        ('author___writes___paper', writes),
        ('paper___cites___paper', cites),
        ('paper___has_topic___field_of_study', topic),
    ):
        _write(osp.join(raw, 'relations', name, 'edge.csv.gz'), edges)
        _write(osp.join(raw, 'relations', name, 'edge_reltype.csv.gz'), [0] * len(edges))
        _write(osp.join(raw, 'relations', name, 'num-edge-list.csv.gz'), [len(edges)])
    split = osp.join(root, 'split', 'time', 'paper')
    _write(osp.join(split, 'train.csv.gz'), np.flatnonzero(year < y1 - 1))
    _write(osp.join(split, 'valid.csv.gz'), np.flatnonzero(year == y1 - 1))
    _write(osp.join(split, 'test.csv.gz'), np.flatnonzero(year == y1))
    return (
        f'{root}: {num_papers} papers ({y0}-{y1}), {num_authors} authors, {len(cites)} citations, '
        f'{num_classes} venues drifting every {era} years'
    )
