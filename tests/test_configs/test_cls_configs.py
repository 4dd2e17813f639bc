"""Every classification config loads; the demo and CIFAR models build and run a batch."""

import glob
import os.path as osp

import pytest
import torch
from mmengine.config import Config

from mmblog.registry import MODELS
from mmblog.utils import register_all_modules

register_all_modules()
ROOT = osp.dirname(osp.dirname(osp.dirname(osp.abspath(__file__))))
FAMILIES = ('alexnet', 'zfnet', 'vgg', 'googlenet', 'resnet', 'resnet_cifar', 'inception', 'margin')
CONFIGS = sorted(p for f in FAMILIES for p in glob.glob(osp.join(ROOT, 'configs', f, '*.py')))
DEMOS = [p for p in CONFIGS if p.endswith('_demo.py')]


def test_every_family_has_a_demo():
    for family in FAMILIES:
        assert any(f'/{family}/' in p for p in DEMOS), family


@pytest.mark.parametrize('path', CONFIGS, ids=[osp.relpath(p, ROOT) for p in CONFIGS])
def test_config_loads(path):
    cfg = Config.fromfile(path)
    assert cfg.model.type == 'ImageClassifier'
    assert 'optim_wrapper' in cfg and 'train_cfg' in cfg and cfg.val_evaluator
    if not path.endswith('_demo.py'):
        assert not cfg.train_dataloader.dataset.get('data_root', '').startswith('data/demo')


@pytest.mark.parametrize('path', DEMOS, ids=[osp.relpath(p, ROOT) for p in DEMOS])
def test_demo_model_builds_and_runs(path):
    cfg = Config.fromfile(path)
    assert 'data/demo' in str(cfg.train_dataloader.dataset)
    model = MODELS.build(cfg.model).eval()
    pipeline = cfg.val_dataloader.dataset.get('pipeline') or cfg.val_dataloader.dataset.get(
        'dataset', {}
    ).get('pipeline', [])
    size = next((t['crop_size'] for t in pipeline if t['type'] == 'CenterCrop'), None)
    size = size or next((t['scale'][0] for t in pipeline if t['type'] == 'Resize'), 32)
    channels = len(cfg.model.data_preprocessor.get('mean', [0]))
    if cfg.model.get('backbone') is None:
        size = 28
    torch.manual_seed(0)
    # A dark and a bright noise image: two noise images of one brightness can average out to
    # the same features in a deep net at init, which would not show a broken input path.
    images = torch.rand(2, channels, size, size) * 64 + torch.tensor([0.0, 191.0]).view(2, 1, 1, 1)
    with torch.no_grad():
        out = model(images, mode='tensor')
        again = model(images.flip(0), mode='tensor')
    # BinaryClsHead gives one margin score per image, the others one logit per class
    expected = (2,) if cfg.model.head.type == 'BinaryClsHead' else (2, cfg.model.head.num_classes)
    assert out.shape == expected and torch.isfinite(out).all()
    # each row depends on its own image only (no batch mixing in eval mode) and on the input
    torch.testing.assert_close(again, out.flip(0), rtol=1e-4, atol=1e-5)
    assert not torch.allclose(out[0], out[1])


def test_cifar_recipe_is_the_tutorials():
    cfg = Config.fromfile(osp.join(ROOT, 'configs/resnet_cifar/resnet44_cifar10.py'))
    assert cfg.model.backbone.depth == 44 and cfg.train_dataloader.batch_size == 128
    opt = cfg.optim_wrapper.optimizer
    assert (opt.lr, opt.momentum, opt.weight_decay) == (0.1, 0.9, 2e-4)
    # piecewise_constant: x1, x0.1, x0.01, x0.002 at epochs 82, 123, 300 of 351 steps.
    steps = [m for s in cfg.param_scheduler for m in s.milestones]
    assert steps == [82 * 351, 123 * 351, 300 * 351]
    factors = [s.gamma for s in cfg.param_scheduler]
    assert factors[0] ** 2 * factors[1] == pytest.approx(0.002)


def test_googlenet_schedule_decays_4_percent_every_8_epochs():
    cfg = Config.fromfile(osp.join(ROOT, 'configs/googlenet/googlenet_imagenet.py'))
    (sched,) = cfg.param_scheduler
    assert (sched.type, sched.step_size, sched.gamma) == ('StepLR', 8, 0.96)
    assert [h.loss_weight for h in cfg.model.aux_heads] == [0.3, 0.3]
