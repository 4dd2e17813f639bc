"""Transductive full-graph training in mmengine's own loops: one epoch = one full-graph step,
validation on the val mask, early stopping restoring the best weights, test on the test mask."""

import uuid
from pathlib import Path

import pytest
from mmengine.config import Config
from mmengine.runner import Runner

from mmblog.testing.demo_data.graph_sbm import make_planetoid_demo
from mmblog.utils import register_all_modules

REPO_ROOT = Path(__file__).resolve().parents[3]


def train_and_test(cfg_path, data_root, work_dir, backbone=None, max_epochs=60):
    register_all_modules(init_default_scope=False)
    cfg = Config.fromfile(str(REPO_ROOT / cfg_path))
    for split in ('train', 'val', 'test'):
        cfg[f'{split}_dataloader'].dataset.data_root = data_root
    if backbone:
        cfg.model.backbone.update(backbone)
    cfg.train_cfg.max_epochs = max_epochs
    cfg.custom_hooks[0].patience = 20
    cfg.work_dir = str(work_dir)
    cfg.log_level = 'WARNING'
    # A fresh visualizer name per run: mmengine keeps named instances process-wide.
    cfg.visualizer.name = f'vis_{uuid.uuid4().hex}'
    cfg.experiment_name = cfg.visualizer.name
    runner = Runner.from_cfg(cfg)
    runner.train()
    hook = next(h for h in runner.hooks if type(h).__name__ == 'MultiMetricEarlyStoppingHook')
    return runner.test(), hook, runner


@pytest.mark.slow
def test_gcn_beats_mlp_and_majority(tmp_path):
    make_planetoid_demo(str(tmp_path), num_nodes=1100, num_classes=3, num_test=400)
    root = str(tmp_path / 'planetoid')
    gcn, hook, runner = train_and_test(
        'configs/gcn/gcn_planetoid_sbm_demo.py', root, tmp_path / 'gcn', dict(out_channels=3)
    )
    assert 0 < hook.best_epoch <= 60
    assert (tmp_path / 'gcn' / 'best_early_stopping.pth').exists()
    mlp, _, _ = train_and_test(
        'configs/gcn/mlp_planetoid_sbm_demo.py', root, tmp_path / 'mlp', dict(out_channels=3)
    )
    y = runner.test_dataloader.dataset.graph.y
    mask = runner.test_dataloader.dataset.graph.test_mask
    majority = y[mask].bincount().max().item() / mask.sum().item()
    assert gcn['accuracy/top1'] > mlp['accuracy/top1'] + 0.1
    assert mlp['accuracy/top1'] > majority
