"""Readers and writers of knowledge-graph triple files.

Two layouts are read:

* OpenKE (thunlp/OpenKE ``benchmarks/*``): the first line is the number of records; each
  ``train2id.txt``/``valid2id.txt``/``test2id.txt`` line is ``head tail relation`` (note the
  order: the relation comes last), each ``entity2id.txt``/``relation2id.txt`` line is
  ``name<TAB>id``.
* Plain TSV (the original FB15k-237 / WN18RR releases): one ``head<TAB>relation<TAB>tail`` per
  line, with names instead of ids.

Every malformed input raises :class:`TripleFormatError` with one line naming the file, the record
(1-based line number) and the field.
"""

import os.path as osp

import numpy as np

from mmblog.utils import require_path


class TripleFormatError(ValueError):
    """A malformed triple or id-map file; the message names the file, line and field."""


def _read_lines(path: str, how_to_make: str) -> list[str]:
    require_path(path, how_to_make)
    with open(path, encoding='utf-8') as f:
        return f.read().splitlines()


def _parse_count(path: str, lines: list[str]) -> int:
    """The OpenKE count line, checked against the records that follow it."""
    if not lines:
        raise TripleFormatError(f'{path}: line 1: empty file, expected the record count')
    try:
        count = int(lines[0].strip())
    except ValueError:
        raise TripleFormatError(
            f'{path}: line 1: field count: expected an integer, got {lines[0].strip()!r}'
        ) from None
    records = sum(1 for line in lines[1:] if line.strip())
    if count != records:
        raise TripleFormatError(
            f'{path}: line 1: field count: says {count} records but the file holds {records}'
        )
    return count


def read_openke_id_map(path: str, how_to_make: str = 'see the dataset README') -> dict[str, int]:
    """``entity2id.txt``/``relation2id.txt``: count line, then ``name<TAB>id`` with ids 0..n-1."""
    lines = _read_lines(path, how_to_make)
    count = _parse_count(path, lines)
    mapping: dict[str, int] = {}
    for lineno, line in enumerate(lines[1:], start=2):
        if not line.strip():
            continue
        parts = line.split('\t') if '\t' in line else line.split()
        if len(parts) != 2:
            raise TripleFormatError(
                f'{path}: line {lineno}: expected 2 fields (name, id), got {len(parts)}'
            )
        name, idx = parts[0].strip(), parts[1].strip()
        try:
            value = int(idx)
        except ValueError:
            raise TripleFormatError(
                f'{path}: line {lineno}: field id: expected an integer, got {idx!r}'
            ) from None
        if not 0 <= value < count:
            raise TripleFormatError(
                f'{path}: line {lineno}: field id: {value} outside [0, {count}) for {name!r}'
            )
        if name in mapping:
            raise TripleFormatError(f'{path}: line {lineno}: field name: {name!r} appears twice')
        mapping[name] = value
    if len(set(mapping.values())) != count:
        raise TripleFormatError(f'{path}: field id: the {count} ids are not all distinct')
    return mapping


def read_openke_triples(
    path: str,
    num_entities: int,
    num_relations: int,
    how_to_make: str = 'see the dataset README',
) -> np.ndarray:
    """An OpenKE ``*2id.txt`` file as an ``(N, 3)`` int64 array of ``(head, relation, tail)``.

    The file's columns are ``head tail relation``; the returned columns are reordered to the
    usual ``(h, r, t)``. Ids are checked against ``entity2id``/``relation2id`` sizes.
    """
    lines = _read_lines(path, how_to_make)
    _parse_count(path, lines)
    linenos = [i for i, line in enumerate(lines[1:], start=2) if line.strip()]
    rows = [lines[i - 1].split() for i in linenos]
    try:
        # Fast path: one numpy conversion; any problem falls through to the line-by-line check
        # below, which names the first bad line and field.
        arr = np.array(rows, dtype=np.int64).reshape(len(rows), 3)
    except ValueError:
        arr = None
    limits = dict(head=num_entities, tail=num_entities, relation=num_relations)
    if arr is not None:
        ok = (arr >= 0).all(1) & (arr[:, 0] < num_entities) & (arr[:, 1] < num_entities)
        ok &= arr[:, 2] < num_relations
        if ok.all():
            return np.ascontiguousarray(arr[:, [0, 2, 1]])
    for lineno, parts in zip(linenos, rows):
        if len(parts) != 3:
            raise TripleFormatError(
                f'{path}: line {lineno}: expected 3 fields (head tail relation), got {len(parts)}'
            )
        for field, text in zip(('head', 'tail', 'relation'), parts):
            try:
                value = int(text)
            except ValueError:
                raise TripleFormatError(
                    f'{path}: line {lineno}: field {field}: expected an integer id, got {text!r}'
                ) from None
            src = 'entity2id' if field != 'relation' else 'relation2id'
            if not 0 <= value < limits[field]:
                raise TripleFormatError(
                    f'{path}: line {lineno}: field {field}: id {value} outside {src} '
                    f'(0..{limits[field] - 1})'
                )
    raise AssertionError('unreachable: the fast path rejected a file the checks accept')


def read_tsv_triples(
    path: str,
    entity2id: dict[str, int],
    relation2id: dict[str, int],
    grow: bool,
    how_to_make: str = 'see the dataset README',
) -> np.ndarray:
    """A ``head<TAB>relation<TAB>tail`` file as an ``(N, 3)`` int64 array.

    With ``grow=True`` (the training file) unseen names get the next free id; otherwise an unseen
    name is an error, since the model has no embedding for it.
    """
    lines = _read_lines(path, how_to_make)
    rows = []
    for lineno, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        parts = line.rstrip('\n').split('\t')
        if len(parts) != 3:
            raise TripleFormatError(
                f'{path}: line {lineno}: expected 3 tab-separated fields (head relation tail), '
                f'got {len(parts)}'
            )
        ids = []
        for field, name, mapping in zip(
            ('head', 'relation', 'tail'), parts, (entity2id, relation2id, entity2id)
        ):
            name = name.strip()
            if name not in mapping:
                if not grow:
                    src = 'relation2id' if field == 'relation' else 'entity2id'
                    raise TripleFormatError(
                        f'{path}: line {lineno}: field {field}: {name!r} is not in {src} '
                        '(not seen in the training file)'
                    )
                mapping[name] = len(mapping)
            ids.append(mapping[name])
        rows.append(ids)
    if not rows:
        raise TripleFormatError(f'{path}: no triples in the file')
    return np.asarray(rows, dtype=np.int64)


def write_openke_benchmark(
    out_dir: str,
    entity_names: list[str],
    relation_names: list[str],
    splits: dict[str, np.ndarray],
) -> None:
    """Write an OpenKE benchmark folder (``entity2id.txt``, ``relation2id.txt``, ``*2id.txt``).

    ``splits`` maps ``train``/``valid``/``test`` to ``(N, 3)`` ``(h, r, t)`` arrays; the files get
    OpenKE's ``head tail relation`` order.
    """
    import os

    os.makedirs(out_dir, exist_ok=True)
    for fname, names in (('entity2id.txt', entity_names), ('relation2id.txt', relation_names)):
        with open(osp.join(out_dir, fname), 'w', encoding='utf-8') as f:
            f.write(f'{len(names)}\n')
            f.writelines(f'{name}\t{i}\n' for i, name in enumerate(names))
    for split, triples in splits.items():
        with open(osp.join(out_dir, f'{split}2id.txt'), 'w', encoding='utf-8') as f:
            f.write(f'{len(triples)}\n')
            f.writelines(f'{h} {t} {r}\n' for h, r, t in triples.tolist())
