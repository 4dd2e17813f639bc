"""Session click converters (DIGINETICA, YOOCHOOSE) against hand-computed outputs, one-line
errors on malformed logs, and the converted-pairs dataset."""

import json
import subprocess
import sys

import pytest
import torch

from mmblog.datasets.graph import (
    SessionClicksDataset,
    convert_diginetica,
    convert_yoochoose,
    read_session_pairs,
    session_collate,
)
from mmblog.utils.data_check import DataFormatError, MissingDataError
from tests.conftest import REPO_ROOT, tool_env

HEADER = 'session_id;user_id;item_id;timeframe;eventdate\n'


def _digi_rows():
    """(Converted with min_item_count=2.) Items a..e and q clicked >= 4 times, z only once
    (filtered); session 4 is length 1 (dropped),
    session 5 holds only rare items (dropped after filtering). Rows of session 1 are out of
    timeframe order. Dates: sessions 1-3 and 6 early, 7 and 8 in the last 7 days."""
    rows = [
        (1, 'b', 300, '2016-01-01'), (1, 'a', 100, '2016-01-01'), (1, 'c', 200, '2016-01-01'),
        (2, 'a', 1, '2016-01-03'), (2, 'b', 2, '2016-01-03'), (2, 'z', 3, '2016-01-03'),
        (3, 'c', 1, '2016-01-02'), (3, 'd', 2, '2016-01-02'), (3, 'e', 3, '2016-01-02'),
        (4, 'a', 1, '2016-01-02'),
        (5, 'z2', 1, '2016-01-02'), (5, 'z3', 2, '2016-01-02'),
        (6, 'd', 1, '2016-01-02'), (6, 'e', 2, '2016-01-02'), (6, 'a', 3, '2016-01-02'),
        (6, 'b', 4, '2016-01-02'),
        (7, 'e', 1, '2016-01-20'), (7, 'q', 2, '2016-01-20'), (7, 'd', 3, '2016-01-20'),
        (8, 'c', 1, '2016-01-19'), (8, 'e', 2, '2016-01-19'), (8, 'b', 3, '2016-01-19'),
        (8, 'a', 4, '2016-01-19'), (8, 'c', 5, '2016-01-19'), (8, 'd', 6, '2016-01-19'),
        (9, 'q', 1, '2016-01-19'), (9, 'q', 2, '2016-01-19'), (9, 'q', 3, '2016-01-19'),
        (9, 'q', 4, '2016-01-19'), (9, 'a', 5, '2016-01-19'),
    ]  # fmt: skip
    return HEADER + ''.join(f'{s};NA;{i};{t};{d}\n' for s, i, t, d in rows)


def test_diginetica_conversion_by_hand(tmp_path):
    src = tmp_path / 'train-item-views.csv'
    src.write_text(_digi_rows())
    stats = convert_diginetica(str(src), str(tmp_path), min_item_count=2, progress=False)
    # Train sessions by date: 1 (01-01: a c b), 3 and 6 (01-02, file order: c d e / d e a b),
    # 2 (01-03: a b; z is rare). Max date 01-20 -> split at 01-13: 8, 9 (01-19), 7 are test.
    # Items in order of first appearance: a=1 c=2 b=3 d=4 e=5; q (5 clicks) is never in train.
    train_seqs = [[1, 2, 3], [2, 4, 5], [4, 5, 1, 3], [1, 3]]
    seqs = [[int(x) for x in line.split()] for line in open(tmp_path / 'all_train_seq.txt')]
    assert seqs == train_seqs
    prefixes, targets = read_session_pairs(str(tmp_path / 'train.txt'))
    assert list(zip(prefixes, targets)) == [
        ([1, 2], 3), ([1], 2), ([2, 4], 5), ([2], 4), ([4, 5, 1], 3), ([4, 5], 1), ([4], 5),
        ([1], 3),
    ]  # fmt: skip
    # Test: 8, 9 (01-19) before 7 (01-20); q is unseen in train: 9 = [a] is dropped, 7 = [e d].
    prefixes, targets = read_session_pairs(str(tmp_path / 'test.txt'))
    assert prefixes[:5] == [[2, 5, 3, 1, 2], [2, 5, 3, 1], [2, 5, 3], [2, 5], [2]]
    assert targets[:5] == [4, 2, 1, 3, 5]
    assert (prefixes[5:], targets[5:]) == ([[5]], [4])
    assert stats == dict(clicks=30, train_sessions=4, test_sessions=3, items=5, train_pairs=8,
                         test_pairs=6, avg_length=(12 + 6 + 2) / 6)  # fmt: skip
    assert json.loads((tmp_path / 'stats.json').read_text()) == stats


def test_yoochoose_fractions_are_the_most_recent_pairs(tmp_path):
    lines = ['session_id,timestamp,item_id,category']  # a header, as the reference expects
    day = {1: '2014-04-01', 2: '2014-04-02', 3: '2014-04-03', 4: '2014-04-05'}
    seqs = {1: 'abcab', 2: 'bcacb', 3: 'cabca', 4: 'abc'}
    for sid, items in seqs.items():
        lines += [f'{sid},{day[sid]}T10:00:0{k}.000Z,{it},0' for k, it in enumerate(items)]
    src = tmp_path / 'yoochoose-clicks.dat'
    src.write_text('\n'.join(lines) + '\n')
    out = convert_yoochoose(str(src), str(tmp_path), (4, 2), min_item_count=1, progress=False)
    # 12 training pairs (4 + 4 + 4); session 4 is the last day's test session.
    assert out['yoochoose1_4']['train_pairs'] == 3 and out['yoochoose1_2']['train_pairs'] == 6
    prefixes, targets = read_session_pairs(str(tmp_path / 'yoochoose1_4' / 'train.txt'))
    # Session 3 = c a b c a = 3 1 2 3 1 (a=1 b=2 c=3): its last 3 pairs.
    assert targets == [3, 2, 1] and prefixes == [[3, 1, 2], [3, 1], [3]]
    assert read_session_pairs(str(tmp_path / 'yoochoose1_2' / 'test.txt')) == (
        [[1, 2], [1]],
        [3, 2],
    )


def test_wrong_header_is_one_line_naming_file_and_field(tmp_path):
    src = tmp_path / 'train-item-views.csv'
    src.write_text('sessionId;userId;itemId;timeframe;eventdate\n1;NA;5;1;2016-01-01\n')
    with pytest.raises(DataFormatError, match=r"train-item-views.csv: line 1 \(header\): field "
                       r"'session_id' missing"):  # fmt: skip
        convert_diginetica(str(src), str(tmp_path / 'out'), progress=False)
    assert not (tmp_path / 'out').exists()  # nothing half-written
    proc = subprocess.run(
        [sys.executable, 'tools/dataset_converters/diginetica.py', str(src), '--no-progress'],
        cwd=REPO_ROOT, env=tool_env(), capture_output=True, text=True,
    )  # fmt: skip
    assert proc.returncode == 2 and proc.stderr.strip().count('\n') == 0, proc.stderr
    assert 'train-item-views.csv: line 1 (header)' in proc.stderr and 'session_id' in proc.stderr


def test_bad_rows_name_line_and_field(tmp_path):
    src = tmp_path / 'train-item-views.csv'
    src.write_text(HEADER + '1;NA;5;1;2016-01-01\n1;NA;6;soon;2016-01-01\n')
    with pytest.raises(DataFormatError, match='line 3, field timeframe'):
        convert_diginetica(str(src), str(tmp_path), progress=False)
    src.write_text(HEADER + '1;NA;5;1;2016-01-01\n1;NA;6;2;01/01/2016\n')
    with pytest.raises(DataFormatError, match='line 3, field eventdate'):
        convert_diginetica(str(src), str(tmp_path), progress=False)
    dat = tmp_path / 'yoochoose-clicks.dat'
    dat.write_text('1,2014-04-01T10:00:00.000Z,5,0\n1,yesterday,6,0\n')
    with pytest.raises(DataFormatError, match='line 2, field timestamp'):
        convert_yoochoose(str(dat), str(tmp_path), progress=False)
    pairs = tmp_path / 'train.txt'
    pairs.write_text('1 2\t3\n1 x\t3\n')
    with pytest.raises(DataFormatError, match='train.txt: line 2, field items'):
        read_session_pairs(str(pairs))


def test_dataset_splits_and_collate(tmp_path):
    src = tmp_path / 'train-item-views.csv'
    src.write_text(_digi_rows())
    convert_diginetica(str(src), str(tmp_path), min_item_count=2, progress=False)
    train = SessionClicksDataset(str(tmp_path), 'train', val_ratio=0.25)
    val = SessionClicksDataset(str(tmp_path), 'val', val_ratio=0.25)
    full = SessionClicksDataset(str(tmp_path), 'train', val_ratio=0)
    assert (len(train), len(val), len(full)) == (6, 2, 8) and full.num_items == 5
    pairs = {(tuple(p), t) for p, t in zip(full.prefixes, full.targets)}
    both = [(tuple(p), t) for d in (train, val) for p, t in zip(d.prefixes, d.targets)]
    assert len(both) == 8 and set(both) == pairs  # disjoint halves of the training pairs
    batch = session_collate([full[0], full[1]])
    assert batch['inputs'].tolist() == [[1, 2], [1, 0]]
    assert [int(s.gt_label) for s in batch['data_samples']] == [3, 2]
    with pytest.raises(MissingDataError, match='make_demo_data.py --only diginetica'):
        SessionClicksDataset(str(tmp_path / 'none'), 'test')


def test_demo_generator_is_learnable_format(tmp_path):
    from mmblog.testing.demo_data import make_diginetica_demo

    make_diginetica_demo(str(tmp_path), seed=0)
    root = tmp_path / 'diginetica'
    header = (root / 'train-item-views.csv').read_text().splitlines()[0]
    assert header == HEADER.strip()
    stats = json.loads((root / 'stats.json').read_text())
    assert stats['items'] == 460 and stats['test_pairs'] > 1000
    test = SessionClicksDataset(str(root), 'test')
    assert max(test.targets) <= 460 and torch.tensor(test.targets).min() >= 1
