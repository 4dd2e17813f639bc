"""ERNIE entity transforms: marks keep the links on their words; dEA proportions."""

import numpy as np

from mmblog.datasets.transforms import DenoiseEntities, MarkEntityMention


def test_marks_shift_links_onto_the_same_characters():
    text = 'Bill founded Microsoft'
    out = MarkEntityMention()(
        dict(
            text=text,
            head_span=(0, 4),
            tail_span=(13, 22),
            entities=[['Q2283', 13, 22, 0.9], ['Q5284', 0, 4, 0.6], ['Q1', 5, 12, 0.1]],
        )
    )
    assert out['text'] == '[HD] Bill [HD] founded [TL] Microsoft [TL]'
    # Sorted by position; the 0.1-score link is below ERNIE's 0.3 threshold.
    assert out['entity_qids'] == ['Q5284', 'Q2283']
    assert [out['text'][s:e] for s, e in out['entity_spans']] == ['Bill', 'Microsoft']


def test_dea_proportions_on_10k_alignments():
    np.random.seed(0)
    dea = DenoiseEntities(num_entities=1000)
    n, keep, drop, replace = 10000, 0, 0, 0
    ents = np.zeros(20, dtype=np.int64)
    ents[::2] = np.arange(1, 11)  # 10 aligned entities per sample
    for _ in range(n // 10):
        out = dea(dict(input_ents=ents.copy()))
        aligned = ents > 0
        assert (out['ent_labels'][aligned] == ents[aligned] - 1).all()
        assert (out['ent_labels'][~aligned] == -100).all()
        now = out['input_ents'][aligned]
        keep += int((now == ents[aligned]).sum())
        drop += int((now == 0).sum())
        replace += int(((now != 0) & (now != ents[aligned])).sum())
        assert (out['ent_mask'] == (out['input_ents'] > 0)).all()
    # Binomial std at n = 10k: 0.2% (5%), 0.36% (15%), 0.4% (80%); a replacement that draws the
    # same entity counts as kept (1/1000 of 5%).
    assert abs(replace / n - 0.05) < 0.01
    assert abs(drop / n - 0.15) < 0.015
    assert abs(keep / n - 0.80) < 0.015
