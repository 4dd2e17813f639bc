"""The rule-based scene-graph parser: examples, its precision/recall on the labelled set, errors."""

import json
import os.path as osp

import pytest

from mmblog.datasets.text.scene_graph_parser import SceneGraphParseError, SceneGraphParser

GOLD = osp.join(osp.dirname(__file__), '..', '..', 'fixtures', 'scene_graph_captions.jsonl')


def test_parses_the_posts_example():
    g = SceneGraphParser()('A red circle left of a blue square.')
    assert g.objects == ['circle', 'square']
    assert g.attributes == [(0, 'red'), (1, 'blue')]
    assert g.relations == [(0, 'left of', 1)]
    assert [g.words[i] for i in g.relation_words[0]] == ['left', 'of']


def test_verb_after_and_takes_the_clause_subject_and_copula_gives_attributes():
    g = SceneGraphParser()('a woman holding a red umbrella and wearing a hat')
    assert g.as_tuples()['relations'] == {
        ('woman', 'holding', 'umbrella'),
        ('woman', 'wearing', 'hat'),
    }
    assert SceneGraphParser()('the car is red').as_tuples()['attributes'] == {('car', 'red')}


@pytest.mark.parametrize('caption', ['', '...', 'left of above', 42])
def test_unparseable_captions_get_one_clear_error(caption):
    with pytest.raises(SceneGraphParseError, match='caption'):
        SceneGraphParser()(caption)


def test_precision_recall_on_the_labelled_set():
    parser = SceneGraphParser()
    tp, n_pred, n_gold = {}, {}, {}
    with open(GOLD, encoding='utf-8') as f:
        records = [json.loads(line) for line in f if line.strip()]
    assert len(records) >= 30
    for rec in records:
        pred = parser(rec['caption']).as_tuples()
        gold = dict(
            objects={(o,) for o in rec['objects']},
            attributes={tuple(a) for a in rec['attributes']},
            relations={tuple(r) for r in rec['relations']},
        )
        for kind in gold:
            tp[kind] = tp.get(kind, 0) + len(pred[kind] & gold[kind])
            n_pred[kind] = n_pred.get(kind, 0) + len(pred[kind])
            n_gold[kind] = n_gold.get(kind, 0) + len(gold[kind])
    print(f'\nscene-graph parser on {len(records)} labelled captions:')
    for kind in ('objects', 'attributes', 'relations'):
        p, r = tp[kind] / n_pred[kind], tp[kind] / n_gold[kind]
        print(f'  {kind:<10} precision {p:.3f} recall {r:.3f} (gold {n_gold[kind]})')
        # measured: objects 0.938 / 0.923, attributes 0.766 / 0.923, relations 0.871 / 0.794
        assert p > 0.7 and r > 0.7, kind
