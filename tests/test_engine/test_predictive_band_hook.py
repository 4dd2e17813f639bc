"""PredictiveBandHook draws the CNP's band every N training iterations, on the same curve."""

import cv2
import numpy as np
import pytest
from mmengine.config import Config
from mmengine.runner import Runner

from mmblog.registry import HOOKS
from mmblog.utils import register_all_modules
from tests.conftest import REPO_ROOT


def test_bad_arguments_are_one_line_errors():
    register_all_modules()
    with pytest.raises(ValueError, match='interval and num_curves must be positive'):
        HOOKS.build(dict(type='PredictiveBandHook', interval=0))


@pytest.mark.slow
def test_band_drawn_every_interval_on_the_same_curve(tmp_path):
    register_all_modules()
    cfg = Config.fromfile(REPO_ROOT / 'configs/cnp/cnp_gp_1d_demo.py')
    assert cfg.custom_hooks == [dict(type='PredictiveBandHook', interval=2500)]
    cfg.work_dir = str(tmp_path)
    cfg.train_cfg = dict(type='IterBasedTrainLoop', max_iters=300, val_interval=10**6)
    cfg.train_dataloader.dataset.num_batches = 300
    cfg.default_hooks.checkpoint = dict(type='CheckpointHook', interval=10**6)
    cfg.custom_hooks = [dict(type='PredictiveBandHook', interval=100, out_dir=str(tmp_path / 'b'))]
    cfg.optim_wrapper.optimizer.lr = 3e-3
    runner = Runner.from_cfg(cfg)
    runner.train()
    files = sorted((tmp_path / 'b').glob('*.png'), key=lambda p: int(p.stem.split('_')[2]))
    assert [p.name for p in files] == [f'band_iter_{i}_0.png' for i in (100, 200, 300)]
    first, last = (cv2.imread(str(p)) for p in (files[0], files[-1]))
    assert first.shape == last.shape and first.std() > 5
    assert not np.array_equal(first, last)  # the weights moved between the two pictures
    # the same curve each time: the hook's batches are fixed before training
    hook = next(h for h in runner.hooks if type(h).__name__ == 'PredictiveBandHook')
    preds = [runner.model.test_step(b)[0] for b in hook._batches]
    assert len(preds) == 1 and preds[0]['target_x'].shape[0] == 400
