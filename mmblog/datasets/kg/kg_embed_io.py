"""ERNIE's ``kg_embed`` folder: ``entity2id.txt`` + ``entity2vec.vec`` (and the relation pair).

Layout (thunlp/ERNIE, written by OpenKE's TransE): ``entity2id.txt`` is a count line then
``name<TAB>id``; line ``i`` of ``entity2vec.vec`` holds the vector of id ``i`` as tab-separated
floats. ERNIE prepends a zero row for "no entity" and looks entity ``i`` up at row ``i + 1``.
"""

import os
import os.path as osp

import numpy as np

from mmblog.utils import require_path

from .triple_io import TripleFormatError, read_openke_id_map


def write_kg_embed(
    out_dir: str,
    entity_names: list[str],
    entity_vectors: np.ndarray,
    relation_names: list[str] | None = None,
    relation_vectors: np.ndarray | None = None,
) -> list[str]:
    """Write the ``kg_embed`` files; returns the paths written.

    Each file goes to a temporary name first and is renamed into place, so an interrupted export
    leaves no half-written file.
    """
    if len(entity_names) != len(entity_vectors):
        raise ValueError(f'{len(entity_names)} entity names but {len(entity_vectors)} vectors')
    os.makedirs(out_dir, exist_ok=True)
    items = [('entity', entity_names, entity_vectors)]
    if relation_names is not None and relation_vectors is not None:
        items.append(('relation', relation_names, relation_vectors))
    written = []
    for kind, names, vectors in items:
        for fname, lines in (
            (f'{kind}2id.txt', [f'{len(names)}\n'] + [f'{n}\t{i}\n' for i, n in enumerate(names)]),
            (f'{kind}2vec.vec', ['\t'.join(f'{v:.6f}' for v in row) + '\n' for row in vectors]),
        ):
            path = osp.join(out_dir, fname)
            with open(path + '.tmp', 'w', encoding='utf-8') as f:
                f.writelines(lines)
            os.replace(path + '.tmp', path)
            written.append(path)
    return written


def read_kg_embed(
    kg_dir: str, how_to_make: str = 'tools/model_converters/transe2kg_embed.py'
) -> tuple[dict[str, int], np.ndarray]:
    """``(entity2id, vectors)`` from a ``kg_embed`` folder; ``vectors[i]`` belongs to id ``i``."""
    entity2id = read_openke_id_map(osp.join(kg_dir, 'entity2id.txt'), how_to_make)
    path = require_path(osp.join(kg_dir, 'entity2vec.vec'), how_to_make)
    rows = []
    with open(path, encoding='utf-8') as f:
        for lineno, line in enumerate(f, start=1):
            if not line.strip():
                continue
            try:
                rows.append([float(x) for x in line.strip().split('\t')])
            except ValueError:
                raise TripleFormatError(
                    f'{path}: line {lineno}: field vector: not tab-separated floats'
                ) from None
            if len(rows[-1]) != len(rows[0]):
                raise TripleFormatError(
                    f'{path}: line {lineno}: field vector: {len(rows[-1])} values, the first '
                    f'line has {len(rows[0])}'
                )
    if len(rows) != len(entity2id):
        raise TripleFormatError(
            f'{path}: {len(rows)} vectors but entity2id.txt lists {len(entity2id)} entities'
        )
    return entity2id, np.asarray(rows, dtype=np.float32)
