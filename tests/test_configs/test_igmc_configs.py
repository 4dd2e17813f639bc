"""Every IGMC config parses, builds its model and names a registered dataset type."""

import glob
import os.path as osp

import pytest
from mmengine.config import Config

from mmblog.registry import DATASETS, MODELS
from mmblog.utils import register_all_modules

ROOT = osp.dirname(osp.dirname(osp.dirname(osp.abspath(__file__))))
CONFIGS = sorted(glob.glob(osp.join(ROOT, 'configs', 'igmc', '*.py')))


@pytest.mark.parametrize('path', CONFIGS, ids=osp.basename)
def test_config_builds_model_and_names_dataset(path):
    register_all_modules(init_default_scope=False)
    cfg = Config.fromfile(path)
    model = MODELS.build(cfg.model)
    assert model.convs[0].num_relations == cfg.model.num_relations
    for key in ('train_dataloader', 'test_dataloader'):
        ds = cfg[key].dataset
        assert DATASETS.get(ds.type) is not None, ds.type
        assert ds.split == ('train' if key == 'train_dataloader' else 'test')


def test_flixster_config_reads_the_mat_file_with_ten_rating_types():
    cfg = Config.fromfile(osp.join(ROOT, 'configs/igmc/igmc_flixster.py'))
    assert cfg.train_dataloader.dataset.type == 'MontiMatDataset'
    assert 'train_file' not in cfg.train_dataloader.dataset and cfg.model.num_relations == 10


def test_reference_run_config_sums_with_pyg_1_4_init_and_resamples_every_epoch():
    register_all_modules(init_default_scope=False)
    cfg = Config.fromfile(osp.join(ROOT, 'configs/igmc/igmc_ml100k_u1_sum_dynamic.py'))
    model = MODELS.build(cfg.model)
    assert model.aggr == 'add'
    for conv in model.convs:
        bound = (cfg.model.num_bases * conv.in_channels_l) ** -0.5
        for p in conv.parameters():
            assert p.abs().max() <= bound and p.abs().max() > 0.5 * bound
    assert cfg.train_dataloader.dataset.resample_each_epoch
    assert not cfg.test_dataloader.dataset.get('resample_each_epoch', False)
    assert [h.type for h in cfg.custom_hooks] == ['DatasetEpochHook']
