"""LinearClsHead's per-mini-batch accuracy: computed right, logged to TensorBoard every step."""

import glob

import pytest
import torch
from mmengine.config import Config
from mmengine.runner import Runner

from mmblog.registry import MODELS
from mmblog.structures import ClsDataSample
from mmblog.utils import register_all_modules


def test_train_accuracy_is_the_batch_top1_and_not_a_loss():
    register_all_modules()
    head = MODELS.build(dict(type='LinearClsHead', num_classes=3, in_channels=2))
    with torch.no_grad():
        head.fc.weight.copy_(torch.tensor([[1.0, 0.0], [0.0, 1.0], [-1.0, -1.0]]))
        head.fc.bias.zero_()
    feats = torch.tensor([[2.0, 0.0], [0.0, 2.0], [2.0, 0.0], [-2.0, -2.0]])
    samples = [ClsDataSample().set_gt_label(y) for y in (0, 1, 1, 2)]
    assert set(head.loss(feats, samples)) == {'loss'}  # off by default
    head.train_accuracy = True
    losses = head.loss(feats, samples)
    assert losses['accuracy'].item() == pytest.approx(0.75) and not losses['accuracy'].requires_grad


@pytest.mark.slow
def test_seed_config_logs_accuracy_of_every_mini_batch_to_tensorboard(mnist_demo_config, tmp_path):
    from tensorboard.backend.event_processing.event_accumulator import EventAccumulator

    register_all_modules()
    cfg = Config.fromfile(mnist_demo_config)
    cfg.work_dir = str(tmp_path)
    # the demo keeps the seed's per-batch logging, plus TensorBoard as in the paper config
    cfg.default_hooks.logger.interval = 1
    cfg.visualizer.vis_backends = [dict(type='TensorboardVisBackend')]
    cfg.train_dataloader.batch_size = 100
    cfg.train_cfg = dict(type='IterBasedTrainLoop', max_iters=12, val_interval=1000)
    cfg.default_hooks.checkpoint = dict(type='CheckpointHook', interval=1000)
    runner = Runner.from_cfg(cfg)
    runner.train()
    (event_file,) = glob.glob(f'{tmp_path}/**/events.out.tfevents.*', recursive=True)
    events = EventAccumulator(event_file)
    events.Reload()
    acc = events.Scalars('accuracy')
    cost = events.Scalars('loss')
    assert [e.step for e in acc] == [e.step for e in cost] == list(range(1, 13))
    # one batch's value, not a running mean: k / 100 for a batch of 100 images
    assert all(abs(e.value * 100 - round(e.value * 100)) < 1e-3 for e in acc)
    assert len({round(e.value, 2) for e in acc}) > 3  # it moves as SGD learns
    assert acc[-1].value > acc[0].value
