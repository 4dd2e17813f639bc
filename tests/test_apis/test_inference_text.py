"""fill_mask: top-k candidates for each [MASK] of a text, from a config-built model."""

import pytest
import torch
from mmengine.config import Config

from mmblog.apis import fill_mask, init_classifier
from mmblog.testing.demo_data import make_text_corpus_demo
from tests.conftest import REPO_ROOT


def test_fill_mask_candidates(tmp_path, monkeypatch):
    make_text_corpus_demo(str(tmp_path / 'data/demo'), seed=0, train_docs=40)
    monkeypatch.chdir(tmp_path)  # the demo config reads data/demo/text_corpus/vocab.txt
    cfg = Config.fromfile(str(REPO_ROOT / 'configs/bert/bert_tiny_mlm_demo.py'))
    torch.manual_seed(0)
    model = init_classifier(cfg)
    out = fill_mask(model, 'we count [MASK] seven [MASK] nine', topk=3)
    assert len(out) == 2 and all(len(c) == 3 for c in out)
    for cands in out:
        probs = [p for _, p in cands]
        assert probs == sorted(probs, reverse=True) and 0 < sum(probs) <= 1
        assert all(isinstance(t, str) for t, _ in cands)
    with pytest.raises(ValueError, match=r'no \[MASK\] token'):
        fill_mask(model, 'we count six')
