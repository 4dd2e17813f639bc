"""TransE / ERNIE configs parse, stay short, and their models build."""

from pathlib import Path

import pytest
from mmengine.config import Config

from mmblog.registry import MODELS
from mmblog.utils import register_all_modules

register_all_modules()
ROOT = Path(__file__).resolve().parents[2]
CONFIGS = sorted((ROOT / 'configs/transe').glob('*.py')) + sorted(
    (ROOT / 'configs/ernie').glob('*.py')
)


@pytest.mark.parametrize('path', CONFIGS, ids=lambda p: p.name)
def test_config_parses_and_is_short(path):
    cfg = Config.fromfile(str(path))
    assert cfg.model.type in (
        'TransE',
        'ErnieEntityTyping',
        'ErnieRelationClassification',
        'ErniePretrainModel',
    )
    assert len(path.read_text().splitlines()) <= 40


def test_demo_models_build():
    transe = MODELS.build(
        Config.fromfile(str(ROOT / 'configs/transe/transe_l1_kg_triples_demo.py')).model
    )
    assert transe.ent_embeddings.num_embeddings == 260
    cfg = Config.fromfile(str(ROOT / 'configs/ernie/ernie_typing_demo_no_entities.py'))
    cfg.model.encoder.kg_embed_dir = None
    cfg.model.encoder.num_entities = 245
    cfg.model.encoder.entity_size = 32
    model = MODELS.build(cfg.model)
    assert not model.encoder.use_entities and len(model.encoder.aggregators) == 2
    dea = Config.fromfile(str(ROOT / 'configs/ernie/ernie_typing_demo_dea.py'))
    assert [t['type'] for t in dea.train_dataloader.dataset.pipeline][3] == 'DenoiseEntities'
    assert dea.model.dea_weight == 1.0
