"""Session click logs (YOOCHOOSE, DIGINETICA) -> next-item prediction pairs, as SR-GNN's
reference ``datasets/preprocess.py`` does it (the logic behind ``tools/dataset_converters/``).

Steps, in the reference's order and with its quirks kept so the output statistics match:

1. Read the clicks. DIGINETICA (``train-item-views.csv``, ``;``-separated, header
   ``session_id;user_id;item_id;timeframe;eventdate``): a session's clicks are ordered by
   ``timeframe`` (stable), its date is the ``eventdate`` of its last row in the file. YOOCHOOSE
   (``yoochoose-clicks.dat``, no header, ``session_id,timestamp,item_id,category``): clicks in
   file order, a session's date is the ``timestamp`` (to the second) of its last row.
2. Drop sessions of length 1; count item clicks over the rest; drop items clicked < 5 times
   from every session (counts are not recomputed) and then sessions shorter than 2.
3. Test split by date: sessions dated after ``max_date - 1 day`` (YOOCHOOSE) or ``- 7 days``
   (DIGINETICA) are test, before it train (a session dated exactly at the split is in neither).
4. Sessions sorted by date (stable); items renumbered 1.. in order of first appearance in the
   training sessions; test clicks on items unseen in training dropped, sessions < 2 dropped.
5. Prefix augmentation: ``[v1..vn]`` -> ``([v1..vn-1], vn), ([v1..vn-2], vn-1), ..., ([v1], v2)``.
6. YOOCHOOSE 1/64 and 1/4: the most recent fraction of the training pairs; the test set is whole.

Dates are read as UTC (the reference uses the machine's local time; only differences of whole
days/seconds matter, which agree when the local zone has no daylight-saving change in the data).

Output (plain text, no pickle): ``train.txt`` / ``test.txt`` with one pair per line,
``"i1 i2 ... ik<TAB>target"``; ``all_train_seq.txt`` with one training session per line;
``stats.json`` with the counts the reference prints.
"""

import calendar
import csv
import json
import os
import os.path as osp
import time
from collections.abc import Iterator, Sequence

from tqdm import tqdm

from mmblog.utils.data_check import DataFormatError, require_path

DIGINETICA_HEADER = ('session_id', 'user_id', 'item_id', 'timeframe', 'eventdate')
YOOCHOOSE_FIELDS = ('session_id', 'timestamp', 'item_id', 'category')


class _ByteProgress:
    """A tqdm bar over the bytes of a file, advanced per line read (cheaply, in chunks)."""

    def __init__(self, path: str, desc: str, enabled: bool):
        self.bar = tqdm(
            total=os.path.getsize(path), unit='B', unit_scale=True, desc=desc, disable=not enabled
        )
        self.pending = 0

    def lines(self, f) -> Iterator[str]:
        for line in f:
            self.pending += len(line)
            if self.pending > 1 << 20:
                self.bar.update(self.pending)
                self.pending = 0
            yield line

    def close(self) -> None:
        self.bar.update(self.pending)
        self.bar.close()


def _add_click(sessions, dates, sid, item, date) -> None:
    if sid in sessions:
        sessions[sid].append(item)
    else:
        sessions[sid] = [item]
    # The last row of a session in file order gives its date (the reference's rule).
    dates[sid] = date


def read_diginetica_clicks(path: str, progress: bool = True) -> tuple[dict, dict]:
    """DIGINETICA ``train-item-views.csv`` -> (session -> item ids ordered by timeframe,
    session -> date in UTC seconds).

    Raises:
        DataFormatError: a header other than ``session_id;user_id;item_id;timeframe;eventdate``,
            or a row whose ``timeframe`` is not an integer / ``eventdate`` not ``YYYY-MM-DD``
            (the message names the file, line and field).
    """
    require_path(path, 'download DIGINETICA (CIKM Cup 2016) train-item-views.csv')
    sessions: dict[str, list] = {}
    dates: dict[str, float] = {}
    day_cache: dict[str, float] = {}
    bar = _ByteProgress(path, 'reading clicks', progress)
    with open(path, newline='') as f:
        lines = bar.lines(f)
        header = next(lines, '').rstrip('\r\n').split(';')
        for name in DIGINETICA_HEADER:
            if name not in header:
                bar.close()
                raise DataFormatError(
                    f'{path}: line 1 (header): field {name!r} missing; expected the ;-separated '
                    f'header {";".join(DIGINETICA_HEADER)}, got {";".join(header)[:80]!r}'
                )
        col = {name: header.index(name) for name in DIGINETICA_HEADER}
        for lineno, row in enumerate(csv.reader(lines, delimiter=';'), start=2):
            if not row:
                continue
            try:
                sid, item = row[col['session_id']], row[col['item_id']]
                field = 'timeframe'
                frame = int(row[col['timeframe']])
                field = 'eventdate'
                day = row[col['eventdate']]
                date = day_cache.get(day)
                if date is None:
                    date = float(calendar.timegm(time.strptime(day, '%Y-%m-%d')))
                    day_cache[day] = date
            except (ValueError, IndexError) as exc:
                bar.close()
                raise DataFormatError(
                    f'{path}: line {lineno}, field {field if not isinstance(exc, IndexError) else "?"}'
                    f': {exc} (row {";".join(row)[:80]!r})'
                ) from None
            _add_click(sessions, dates, sid, (item, frame), date)
    bar.close()
    for sid, clicks in sessions.items():
        clicks.sort(key=lambda c: c[1])  # stable, as the reference's sorted(itemgetter(1))
        sessions[sid] = [c[0] for c in clicks]
    return sessions, dates


def read_yoochoose_clicks(path: str, progress: bool = True) -> tuple[dict, dict]:
    """YOOCHOOSE ``yoochoose-clicks.dat`` (no header; a ``session_id,...`` header line, as the
    reference's users add, is skipped) -> (session -> item ids in file order, session -> date).

    Raises:
        DataFormatError: a row with fewer than 3 fields or a timestamp that is not
            ``YYYY-MM-DDTHH:MM:SS...`` (the message names the file, line and field).
    """
    require_path(path, 'download YOOCHOOSE (RecSys Challenge 2015) yoochoose-clicks.dat')
    sessions: dict[str, list] = {}
    dates: dict[str, float] = {}
    bar = _ByteProgress(path, 'reading clicks', progress)
    with open(path, newline='') as f:
        for lineno, row in enumerate(csv.reader(bar.lines(f)), start=1):
            if not row or (lineno == 1 and row[0] == 'session_id'):
                continue
            if len(row) < 3:
                bar.close()
                raise DataFormatError(
                    f'{path}: line {lineno}: {len(row)} fields, expected '
                    f'{",".join(YOOCHOOSE_FIELDS)} (field item_id missing)'
                )
            try:
                date = float(calendar.timegm(time.strptime(row[1][:19], '%Y-%m-%dT%H:%M:%S')))
            except ValueError as exc:
                bar.close()
                raise DataFormatError(f'{path}: line {lineno}, field timestamp: {exc}') from None
            _add_click(sessions, dates, row[0], row[2], date)
    bar.close()
    return sessions, dates


def augment(seqs: Sequence[Sequence[int]]) -> tuple[list, list, list]:
    """Prefix augmentation: (prefixes, targets, index of the source session), longest first."""
    prefixes, targets, ids = [], [], []
    for k, seq in enumerate(seqs):
        for i in range(1, len(seq)):
            prefixes.append(seq[:-i])
            targets.append(seq[-i])
            ids.append(k)
    return prefixes, targets, ids


def preprocess_sessions(
    sessions: dict, dates: dict, test_days: float, min_item_count: int = 5, progress: bool = True
) -> dict:
    """Filter, split by date, renumber and augment (steps 2-5 of the module docstring).

    Returns:
        dict with ``train_seqs``/``test_seqs`` (sessions as item-index lists), ``train``/``test``
        (prefixes, targets, session ids) and ``stats``.
    """
    clicks = sum(len(s) for s in sessions.values())
    for sid in [s for s, c in sessions.items() if len(c) == 1]:
        del sessions[sid], dates[sid]
    counts: dict = {}
    for seq in sessions.values():
        for item in seq:
            counts[item] = counts.get(item, 0) + 1
    for sid in tqdm(list(sessions), desc='filtering', disable=not progress):
        kept = [i for i in sessions[sid] if counts[i] >= min_item_count]
        if len(kept) < 2:
            del sessions[sid], dates[sid]
        else:
            sessions[sid] = kept
    if not dates:
        raise ValueError('no session of length >= 2 is left after filtering')
    split = max(dates.values()) - 86400 * test_days
    train = sorted(((s, d) for s, d in dates.items() if d < split), key=lambda x: x[1])
    test = sorted(((s, d) for s, d in dates.items() if d > split), key=lambda x: x[1])
    item_index: dict = {}
    train_seqs = []
    for sid, _ in tqdm(train, desc='train sessions', disable=not progress):
        out = []
        for item in sessions[sid]:
            if item not in item_index:
                item_index[item] = len(item_index) + 1
            out.append(item_index[item])
        train_seqs.append(out)
    test_seqs = []
    for sid, _ in tqdm(test, desc='test sessions', disable=not progress):
        out = [item_index[i] for i in sessions[sid] if i in item_index]
        if len(out) >= 2:
            test_seqs.append(out)
    tr, te = augment(train_seqs), augment(test_seqs)
    total = sum(map(len, train_seqs)) + sum(map(len, test_seqs))
    stats = dict(
        clicks=clicks,
        train_sessions=len(train),
        test_sessions=len(test),
        items=len(item_index),
        train_pairs=len(tr[0]),
        test_pairs=len(te[0]),
        avg_length=total / max(len(train_seqs) + len(test_seqs), 1),
    )
    return dict(train_seqs=train_seqs, test_seqs=test_seqs, train=tr, test=te, stats=stats)


def _write_pairs(path: str, prefixes: Sequence, targets: Sequence) -> None:
    with open(path, 'w') as f:
        for p, t in zip(prefixes, targets):
            f.write(f'{" ".join(map(str, p))}\t{t}\n')


def _write_folder(out_dir, train, test, train_seqs, stats) -> None:
    os.makedirs(out_dir, exist_ok=True)
    # Write to temporary names first so a crash never leaves a half-written dataset behind.
    for name, write in (
        ('train.txt', lambda p: _write_pairs(p, *train[:2])),
        ('test.txt', lambda p: _write_pairs(p, *test[:2])),
        ('all_train_seq.txt', lambda p: _write_pairs_seqs(p, train_seqs)),
        ('stats.json', lambda p: _write_json(p, stats)),
    ):
        write(osp.join(out_dir, name + '.tmp'))
    for name in ('train.txt', 'test.txt', 'all_train_seq.txt', 'stats.json'):
        os.replace(osp.join(out_dir, name + '.tmp'), osp.join(out_dir, name))


def _write_pairs_seqs(path, seqs) -> None:
    with open(path, 'w') as f:
        f.writelines(' '.join(map(str, s)) + '\n' for s in seqs)


def _write_json(path, obj) -> None:
    with open(path, 'w') as f:
        json.dump(obj, f, indent=1)


def convert_diginetica(
    src: str, out_dir: str, min_item_count: int = 5, progress: bool = True
) -> dict:
    """``train-item-views.csv`` -> ``out_dir/{train,test,all_train_seq}.txt, stats.json``
    (7-day test period). Returns the statistics."""
    clicks = read_diginetica_clicks(src, progress)
    data = preprocess_sessions(*clicks, 7, min_item_count, progress=progress)
    _write_folder(out_dir, data['train'], data['test'], data['train_seqs'], data['stats'])
    return data['stats']


def convert_yoochoose(
    src: str,
    out_dir: str,
    fractions: Sequence[int] = (64, 4),
    min_item_count: int = 5,
    progress: bool = True,
) -> dict:
    """``yoochoose-clicks.dat`` -> ``out_dir/yoochoose1_<k>/...`` for each fraction ``1/k``
    (1-day test period; the most recent ``len(pairs) // k`` training pairs). Returns
    ``{'yoochoose1_<k>': stats}``."""
    clicks = read_yoochoose_clicks(src, progress)
    data = preprocess_sessions(*clicks, 1, min_item_count, progress=progress)
    prefixes, targets, ids = data['train']
    out = {}
    for k in fractions:
        n = len(prefixes) // k
        if n == 0:
            raise ValueError(f'{src}: 1/{k} of {len(prefixes)} training pairs is empty')
        first_session = ids[-n]
        stats = dict(
            data['stats'],
            fraction=f'1/{k}',
            train_pairs=n,
            train_sessions_in_fraction=len(data['train_seqs']) - first_session,
        )
        _write_folder(
            osp.join(out_dir, f'yoochoose1_{k}'),
            (prefixes[-n:], targets[-n:]),
            data['test'],
            data['train_seqs'][first_session:],
            stats,
        )
        out[f'yoochoose1_{k}'] = stats
    return out


def read_session_pairs(path: str) -> tuple[list[list[int]], list[int]]:
    """A converted ``train.txt``/``test.txt`` -> (prefixes, targets).

    Raises:
        DataFormatError: a line without the tab or with a non-integer item (file, line, field).
    """
    prefixes, targets = [], []
    with open(path) as f:
        for lineno, line in enumerate(f, start=1):
            seq, sep, target = line.rstrip('\n').partition('\t')
            field = 'target'
            try:
                if not sep:
                    raise ValueError('no tab between the session items and the target')
                t = int(target)
                field = 'items'
                p = [int(x) for x in seq.split()]
                if not p or min(p) < 1 or t < 1:
                    raise ValueError('item indices start at 1 and a session is not empty')
            except ValueError as exc:
                raise DataFormatError(f'{path}: line {lineno}, field {field}: {exc}') from None
            prefixes.append(p)
            targets.append(t)
    return prefixes, targets
