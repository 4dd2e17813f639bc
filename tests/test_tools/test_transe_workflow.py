"""TransE end to end: generated OpenKE data -> tools/train.py -> filtered Hits@10 -> kg_embed."""

import json

import numpy as np
import pytest

from mmblog.datasets.kg.kg_embed_io import read_kg_embed
from mmblog.testing.demo_data.kg_triples import make_kg_triples_demo
from tests.conftest import REPO_ROOT, run_tool


@pytest.mark.slow
def test_transe_demo_learns_and_exports(tmp_path):
    make_kg_triples_demo(str(tmp_path), seed=0)
    data_root = tmp_path / 'kg_triples'
    cfg = tmp_path / 'transe_demo.py'
    cfg.write_text(
        f"_base_ = ['{REPO_ROOT}/configs/transe/transe_l1_kg_triples_demo.py']\n"
        f"data_root = '{data_root}'\n"
        'train_dataloader = dict(dataset=dict(data_root=data_root))\n'
        'val_dataloader = dict(dataset=dict(data_root=data_root))\n'
        'test_dataloader = dict(dataset=dict(data_root=data_root))\n'
        'train_cfg = dict(max_epochs=20, val_interval=20)\n'
        'default_hooks = dict(checkpoint=dict(interval=20))\n'
    )
    work = tmp_path / 'work'
    run_tool('tools/train.py', cfg, '--work-dir', work)
    scalars = next(work.glob('*/vis_data/scalars.json')).read_text().splitlines()
    val = [json.loads(line) for line in scalars if 'kg/hits@10' in line][-1]
    # 260 entities: a random ranker gets Hits@10 = 10 / 260 = 0.038.
    assert val['kg/hits@10'] > 0.4, val
    assert val['kg/mrr'] > 0.1, val

    out = tmp_path / 'kg_embed'
    run_tool('tools/model_converters/transe2kg_embed.py', cfg, work / 'epoch_20.pth', out)
    entity2id, vecs = read_kg_embed(str(out))
    assert vecs.shape == (260, 32) and entity2id['/m/cell_00_00'] == 0
    np.testing.assert_allclose(np.linalg.norm(vecs, axis=1), 1.0, atol=1e-4)
