"""A small knowledge graph in OpenKE's layout whose facts a translation model can learn."""

import os.path as osp

import numpy as np

from mmblog.datasets.kg import write_openke_benchmark

# Grid moves: a relation is a fixed displacement, exactly what h + r = t can express.
_MOVES = {
    'north_of': (0, 1),
    'south_of': (0, -1),
    'east_of': (1, 0),
    'west_of': (-1, 0),
    'two_north_of': (0, 2),
    'two_east_of': (2, 0),
    'north_east_of': (1, 1),
    'south_east_of': (1, -1),
}


def make_kg_triples_demo(out_dir: str, seed: int = 0, size: int = 16) -> str:
    """Write ``out_dir/kg_triples`` (``entity2id.txt``, ``relation2id.txt``, ``*2id.txt``).

    Entities are the cells of a ``size x size`` grid plus four quadrant entities; the relations
    are eight grid moves (1-to-1) and ``located_in`` (N-to-1, cell -> quadrant). Triples are split
    80/10/10 at random, so every test triple follows from the same moves seen in training; a
    random ranker gets Hits@10 = 10 / num_entities.
    """
    rng = np.random.default_rng(seed)
    cells = [(x, y) for x in range(size) for y in range(size)]
    entity_names = [f'/m/cell_{x:02d}_{y:02d}' for x, y in cells]
    entity_names += [f'/m/quadrant_{q}' for q in range(4)]
    cell_id = {c: i for i, c in enumerate(cells)}
    relation_names = list(_MOVES) + ['located_in']
    triples = []
    for r, (dx, dy) in enumerate(_MOVES.values()):
        for (x, y), h in cell_id.items():
            t = cell_id.get((x + dx, y + dy))
            if t is not None:
                triples.append((h, r, t))
    half = size // 2
    for (x, y), h in cell_id.items():
        triples.append((h, len(_MOVES), len(cells) + 2 * (x >= half) + (y >= half)))
    triples = np.asarray(triples, dtype=np.int64)[rng.permutation(len(triples))]
    n_test = n_valid = len(triples) // 10
    splits = dict(
        train=triples[n_test + n_valid :],
        valid=triples[n_test : n_test + n_valid],
        test=triples[:n_test],
    )
    folder = osp.join(out_dir, 'kg_triples')
    write_openke_benchmark(folder, entity_names, relation_names, splits)
    sizes = '/'.join(str(len(v)) for v in splits.values())
    return f'{len(entity_names)} entities, {len(relation_names)} relations, {sizes} triples'
