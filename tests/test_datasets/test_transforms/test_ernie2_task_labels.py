"""ERNIE 2.0 task labels: reordering label space, capitalization, token-document relation."""

import numpy as np

from mmblog.datasets.transforms import CapitalizationLabels, SentenceReorder, TokenDocumentRelation
from mmblog.datasets.transforms.ernie2_task_labels import (
    reorder_label_space,
    sentence_distance_label,
)


def test_reorder_space_is_sum_of_factorials():
    assert len(reorder_label_space(3)) == 1 + 2 + 6
    assert len(reorder_label_space(4)) == 33
    assert len(set(reorder_label_space(4))) == 33


def test_reorder_label_undoes_the_shuffle():
    np.random.seed(0)
    t = SentenceReorder(max_segments=3)
    space = reorder_label_space(3)
    sents = ['a b.', 'c d.', 'e f.', 'g h.']
    seen = set()
    for _ in range(200):
        out = t(dict(sentences=sents))
        perm = space[out['gt_label']]
        original = [None] * len(perm)
        for k, src in enumerate(perm):
            original[src] = out['segments'][k]
        assert ' '.join(original) == ' '.join(sents)
        seen.add(out['gt_label'])
    assert seen == set(range(9))  # every class occurs


def test_capitalization_and_token_document_relation():
    out = CapitalizationLabels()(dict(text='Alice met Bob in paris'))
    assert (
        out['word_labels'].tolist() == [1, 0, 1, 0, 0] and out['text'] == 'alice met bob in paris'
    )
    out = TokenDocumentRelation()(dict(text='alice met bob', document='Bob stayed home.'))
    assert out['word_labels'].tolist() == [0, 0, 1]
    assert [
        sentence_distance_label(0, 1, 0, 2),
        sentence_distance_label(0, 1, 0, 5),
        sentence_distance_label(0, 1, 3, 2),
    ] == [0, 1, 2]
