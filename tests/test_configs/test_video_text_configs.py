"""Every HowTo100M / HERO config loads, stays short, and builds its model without the network."""

import socket
from pathlib import Path

import pytest
from mmengine.config import Config

from mmblog.registry import MODELS
from mmblog.utils import register_all_modules

ROOT = Path(__file__).resolve().parents[2]
CONFIGS = sorted((ROOT / 'configs/howto100m').glob('*.py')) + sorted(
    (ROOT / 'configs/hero').glob('*.py')
)


@pytest.fixture
def no_network(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError('a config tried to open a socket')

    monkeypatch.setattr(socket.socket, 'connect', refuse)


@pytest.mark.parametrize('path', CONFIGS, ids=lambda p: p.name)
def test_config_builds_its_model_offline(path, no_network):
    register_all_modules()
    assert len(path.read_text().splitlines()) <= 40
    cfg = Config.fromfile(path)
    if 'demo' not in path.name:  # paper-size models: only check the config's shape
        assert cfg.model.type in ('HERO', 'HowTo100MEmbedding')
        return
    model = MODELS.build(cfg.model)
    assert sum(p.numel() for p in model.parameters()) > 0
    assert cfg.train_dataloader.dataset.data_root.startswith('data/demo/')


def test_paper_configs_follow_the_references():
    ht = Config.fromfile(ROOT / 'configs/howto100m/howto100m_embedding_ht100m.py')
    assert (ht.model.video_dim, ht.model.embed_dim, ht.model.loss.margin) == (4096, 2048, 0.1)
    assert ht.train_dataloader.batch_size == 32 * 64
    assert ht.train_dataloader.batch_sampler.clips_per_video == 64
    hero = Config.fromfile(ROOT / 'configs/_base_/models/hero.py')
    enc = hero.model.encoder
    assert (enc.feat_dim, enc.embed_dims, enc.num_cross_layers, enc.num_temporal_layers) == (
        4352,
        768,
        6,
        3,
    )
    assert hero.model.tasks == dict(mlm=2, mnce=2, fom=1, vsm=2)
