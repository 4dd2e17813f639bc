"""OpenKE / TSV triple datasets: real layouts, Bernoulli corruption, one-line errors."""

import numpy as np
import pytest
import torch

from mmblog.datasets.kg import (
    OpenKEDataset,
    TripleFormatError,
    TSVTripleDataset,
    bernoulli_head_prob,
    triple_collate,
    write_openke_benchmark,
)


def _write(tmp_path, splits, num_entities=6, num_relations=2):
    write_openke_benchmark(
        str(tmp_path),
        [f'/m/e{i}' for i in range(num_entities)],
        [f'/r/{i}' for i in range(num_relations)],
        {k: np.asarray(v, dtype=np.int64) for k, v in splits.items()},
    )


@pytest.fixture
def kg(tmp_path):
    # r0 is 1-to-N (head 0 -> tails 1..4), r1 is N-to-1 (heads 1..4 -> tail 5).
    train = [(0, 0, t) for t in range(1, 5)] + [(h, 1, 5) for h in range(1, 5)]
    _write(tmp_path, dict(train=train, valid=[(0, 0, 5)], test=[(5, 1, 0)]))
    return tmp_path


def test_openke_column_order_and_metainfo(kg):
    # The file says "head tail relation"; the dataset returns (h, r, t).
    first = (kg / 'train2id.txt').read_text().splitlines()[1]
    assert first == '0 1 0'
    ds = OpenKEDataset(str(kg), split='train')
    assert ds.triples[0].tolist() == [0, 0, 1]
    assert len(ds) == 8 and ds.num_entities == 6 and ds.num_relations == 2
    assert OpenKEDataset(str(kg), split='test').triples.tolist() == [[5, 1, 0]]
    assert len(ds.metainfo['known_triples']) == 10


def test_bernoulli_probability_closed_form(kg):
    ds = OpenKEDataset(str(kg))
    # r0: tph = 4 tails / 1 head = 4, hpt = 1 -> replace the head with 4/5.
    # r1: tph = 1, hpt = 4 -> 1/5.
    np.testing.assert_allclose(bernoulli_head_prob(ds.triples, 2), [0.8, 0.2])


def test_corruption_changes_one_side_at_the_measured_rate(kg):
    ds = OpenKEDataset(str(kg), neg_ratio=50, filter_negatives=False)
    torch.manual_seed(0)
    batch = triple_collate(ds.__getitems__(list(range(8)) * 50))['inputs']
    pos, neg = batch['triples'], batch['negatives']
    assert neg.shape == (400, 50, 3) and neg.dtype == torch.long
    assert (neg[..., 1] == pos[:, None, 1]).all()
    head_same = neg[..., 0] == pos[:, None, 0]
    tail_same = neg[..., 2] == pos[:, None, 2]
    assert (head_same | tail_same).all()
    # The side chosen is the head with P = 0.8 for r0; measure it where the draw changed it.
    r0 = pos[:, 1] == 0
    changed_head = (~head_same)[r0].float().sum()
    changed_tail = (~tail_same)[r0].float().sum()
    assert abs(float(changed_head / (changed_head + changed_tail)) - 0.8) < 0.03


def test_filtered_negatives_are_never_training_triples(kg):
    ds = OpenKEDataset(str(kg), neg_ratio=20, filter_negatives=True)
    torch.manual_seed(1)
    neg = triple_collate(ds.__getitems__(list(range(8))))['inputs']['negatives']
    train = {tuple(t) for t in ds.triples.tolist()}
    assert not any(tuple(t) in train for t in neg.view(-1, 3).tolist())


def test_eval_items_have_no_negatives(kg):
    item = OpenKEDataset(str(kg), split='valid')[0]
    assert set(item['inputs']) == {'triples'}


@pytest.mark.parametrize(
    'name, content, message',
    [
        (
            'train2id.txt',
            '3\n0 1 0\n1 2 0\n',
            'line 1: field count: says 3 records but the file holds 2',
        ),
        ('train2id.txt', '1\n0 9 0\n', 'line 2: field tail: id 9 outside entity2id (0..5)'),
        ('train2id.txt', '1\n0 1 7\n', 'line 2: field relation: id 7 outside relation2id (0..1)'),
        ('train2id.txt', '1\n0 x 0\n', "line 2: field tail: expected an integer id, got 'x'"),
        ('train2id.txt', '1\n0 1\n', 'line 2: expected 3 fields'),
        ('entity2id.txt', '2\n/m/a\t0\n/m/b\t5\n', 'line 3: field id: 5 outside [0, 2)'),
    ],
)
def test_malformed_openke_files_give_one_line(kg, name, content, message):
    (kg / name).write_text(content)
    with pytest.raises(TripleFormatError) as err:
        OpenKEDataset(str(kg))
    text = str(err.value)
    assert '\n' not in text and name in text and message in text


def test_missing_folder_names_the_path_and_the_command(tmp_path):
    with pytest.raises(FileNotFoundError, match='make_demo_data.py --only kg_triples'):
        OpenKEDataset(str(tmp_path / 'nowhere'))


def test_tsv_triples(tmp_path):
    (tmp_path / 'train.txt').write_text('a\tlikes\tb\nb\tlikes\tc\n')
    (tmp_path / 'valid.txt').write_text('a\tlikes\tc\n')
    (tmp_path / 'test.txt').write_text('c\tlikes\ta\n')
    ds = TSVTripleDataset(str(tmp_path), split='test')
    assert ds.entity_names == ['a', 'b', 'c'] and ds.relation_names == ['likes']
    assert ds.triples.tolist() == [[2, 0, 0]]
    (tmp_path / 'test.txt').write_text('c\tlikes\tzed\n')
    with pytest.raises(
        TripleFormatError, match=r"test.txt: line 1: field tail: 'zed' is not in entity2id"
    ):
        TSVTripleDataset(str(tmp_path))
