"""OpenEntity / FewRel / TACRED json readers (ERNIE's layouts)."""

import json

import pytest

from mmblog.datasets.text import FewRelDataset, OpenEntityDataset, TACREDDataset
from mmblog.utils.data_check import DataFormatError


def _open_entity(tmp_path, records):
    path = tmp_path / 'train.json'
    path.write_text(json.dumps(records))
    return OpenEntityDataset(
        ann_file=str(path), metainfo=dict(classes=['person', 'location']), pipeline=[]
    )


def test_open_entity_reads_spans_labels_and_links(tmp_path):
    rec = dict(sent='Paris is big', start=0, end=5, labels=['location'], ents=[['Q90', 0, 5, 0.9]])
    info = _open_entity(tmp_path, [rec]).get_data_info(0)
    assert info['mention_span'] == (0, 5) and info['gt_label'] == [1]
    assert info['entities'] == [['Q90', 0, 5, 0.9]]


@pytest.mark.parametrize(
    'change, message',
    [
        (dict(labels=['city']), "record 0: field labels: 'city' is not one of the 2 classes"),
        (dict(end=50), 'record 0: field start/end: span (0, 50) is not inside'),
        (dict(ents=[['Q90', 0]]), 'record 0: field ents[0]: expected [qid, start, end, score]'),
    ],
)
def test_open_entity_errors(tmp_path, change, message):
    rec = dict(sent='Paris is big', start=0, end=5, labels=['location'], ents=[])
    with pytest.raises(DataFormatError) as err:
        _open_entity(tmp_path, [dict(rec, **change)])
    assert message in str(err.value) and '\n' not in str(err.value)


@pytest.mark.parametrize('cls', [FewRelDataset, TACREDDataset])
def test_relation_json(tmp_path, cls):
    rec = dict(
        text='Bill founded Microsoft',
        label='founder',
        ents=[['Bill', 0, 4, 0.5], ['Microsoft', 13, 22, 0.5]],
        ann=[['Q5284', 0, 4, 0.6], ['Q2283', 13, 22, 0.9]],
    )
    path = tmp_path / 'train.json'
    path.write_text(json.dumps([rec]))
    ds = cls(ann_file=str(path), metainfo=dict(classes=['none', 'founder']), pipeline=[])
    info = ds.get_data_info(0)
    assert info['head_span'] == (0, 4) and info['tail_span'] == (13, 22) and info['gt_label'] == 1
    path.write_text(json.dumps([dict(rec, ents=rec['ents'][:1])]))
    with pytest.raises(DataFormatError, match='field ents: expected the head and the tail'):
        cls(ann_file=str(path), metainfo=dict(classes=['none', 'founder']), pipeline=[])
