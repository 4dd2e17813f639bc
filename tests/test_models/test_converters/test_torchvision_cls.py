"""torchvision classifiers with random weights -> mmblog ImageClassifier: identical logits."""

import pytest
import torch
import torchvision
from mmengine.config import Config

from mmblog.models.converters import convert_classifier, detect_classifier_arch
from mmblog.registry import MODELS
from mmblog.utils import register_all_modules
from tests.conftest import REPO_ROOT

NUM_CLASSES = 10
BN3 = dict(type='BN', eps=1e-3)


def _cfg(base: str, **model) -> dict:
    cfg = Config.fromfile(str(REPO_ROOT / 'configs/_base_/models' / base))
    cfg.merge_from_dict(dict(model=model))
    return cfg.model


def _thin_fc(model: torch.nn.Module, in_features: int, dropout_first: bool) -> torch.nn.Module:
    """torchvision's classifier layout (Linear-ReLU-Dropout x2, Linear) at width 64 instead of
    4096: the 100M-weight FC6 would dominate the test time and prove nothing more."""
    nn = torch.nn
    hidden = [nn.Linear(in_features, 64), nn.ReLU(True), nn.Dropout(), nn.Linear(64, 64),
              nn.ReLU(True), nn.Dropout(), nn.Linear(64, NUM_CLASSES)]  # fmt: skip
    if dropout_first:  # AlexNet: Dropout-Linear-ReLU x2, Linear
        hidden = [nn.Dropout(), *hidden[:2], nn.Dropout(), *hidden[3:5], hidden[6]]
    model.classifier = nn.Sequential(*hidden)
    return model


CASES = {
    'resnet18': (
        lambda: torchvision.models.resnet18(num_classes=NUM_CLASSES),
        lambda: _cfg('resnet50.py', backbone=dict(depth=18),
                     head=dict(in_channels=512, num_classes=NUM_CLASSES)),
        64,
    ),
    'vgg11_bn': (
        lambda: _thin_fc(torchvision.models.vgg11_bn(), 512 * 7 * 7, dropout_first=False),
        lambda: _cfg('vgg16.py', backbone=dict(depth=11, norm_cfg=dict(type='BN')),
                     head=dict(num_classes=NUM_CLASSES, mid_channels=(64, 64))),
        32,
    ),
    'alexnet': (
        lambda: _thin_fc(torchvision.models.alexnet(), 256 * 6 * 6, dropout_first=True),
        lambda: _cfg('alexnet.py', backbone=dict(arch='torchvision', norm_cfg=None),
                     head=dict(num_classes=NUM_CLASSES, mid_channels=(64, 64))),
        64,
    ),
    'googlenet': (
        lambda: torchvision.models.googlenet(num_classes=NUM_CLASSES, aux_logits=True,
                                             init_weights=True),
        lambda: _cfg('googlenet.py', backbone=dict(arch='torchvision'),
                     head=dict(num_classes=NUM_CLASSES),
                     aux_heads=[dict(type='GoogLeNetAuxHead', num_classes=NUM_CLASSES,
                                     in_channels=c, in_index=i, norm_cfg=BN3)
                                for i, c in enumerate((512, 528))]),
        64,
    ),
    'inception_v3': (
        lambda: torchvision.models.inception_v3(num_classes=NUM_CLASSES, aux_logits=True,
                                                init_weights=True),
        lambda: _cfg('inception_v3.py', head=dict(num_classes=NUM_CLASSES),
                     aux_heads=[dict(type='InceptionV3AuxHead', num_classes=NUM_CLASSES)]),
        80,
    ),
}  # fmt: skip


def _randomise_norm_stats(model: torch.nn.Module) -> None:
    """Random BN statistics and affine terms, so a BN mapped to the wrong layer shows."""
    for m in model.modules():
        if isinstance(m, torch.nn.BatchNorm2d):
            m.running_mean.uniform_(-0.5, 0.5)
            m.running_var.uniform_(0.5, 1.5)
            m.weight.data.uniform_(0.5, 1.5)
            m.bias.data.uniform_(-0.2, 0.2)


@pytest.mark.parametrize('name', sorted(CASES))
def test_converted_torchvision_classifier_gives_the_same_logits(name):
    make_tv, make_cfg, size = CASES[name]
    register_all_modules(init_default_scope=False)
    torch.manual_seed(0)
    tv = make_tv().eval()
    _randomise_norm_stats(tv)
    model = MODELS.build(make_cfg()).eval()
    state = convert_classifier(tv.state_dict(), model)
    missing, unexpected = model.load_state_dict(state, strict=False)
    assert not unexpected and all(k.startswith('data_preprocessor.') for k in missing)
    x = torch.randn(2, 3, size, size)
    with torch.no_grad():
        want, got = tv(x), model(x, mode='tensor')
    assert got.shape == (2, NUM_CLASSES)
    assert (got - want).abs().max().item() <= 1e-5
    assert want.std() > 1e-3  # the logits are not all equal (a real comparison)


def test_wrong_variant_is_one_line():
    register_all_modules(init_default_scope=False)
    tv = torchvision.models.resnet18(num_classes=NUM_CLASSES)
    assert detect_classifier_arch(tv.state_dict()) == 'resnet'
    model = MODELS.build(_cfg('resnet50.py', head=dict(num_classes=NUM_CLASSES)))
    with pytest.raises(
        ValueError, match='resnet trunk: torchvision has 120 tensors, the config 318'
    ):
        convert_classifier(tv.state_dict(), model)
    with pytest.raises(ValueError, match='not a torchvision ResNet/VGG'):
        convert_classifier({'w': torch.zeros(1)}, model)


def test_cli_converts_a_classifier_for_its_config(tmp_path):
    """torchvision2mmblog.py SRC DST --config CFG; DST loads into the config's model (init_model)."""
    import importlib.util

    from mmblog.apis import init_model
    from mmblog.utils import ToolUsageError

    spec = importlib.util.spec_from_file_location(
        'tv2mmblog', REPO_ROOT / 'tools/model_converters/torchvision2mmblog.py'
    )
    tool = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tool)
    torch.manual_seed(0)
    tv = torchvision.models.resnet18().eval()
    _randomise_norm_stats(tv)
    src, dst = tmp_path / 'r18_tv.pth', tmp_path / 'r18_mmblog.pth'
    torch.save(tv.state_dict(), src)
    with pytest.raises(ToolUsageError, match='is a torchvision resnet classifier: pass --config'):
        tool.main([str(src), str(dst)])
    config = str(REPO_ROOT / 'configs/resnet/resnet18_imagenet.py')
    tool.main([str(src), str(dst), '--config', config])
    model = init_model(config, str(dst))
    x = torch.randn(1, 3, 64, 64)
    with torch.no_grad():
        assert (model(x, mode='tensor') - tv(x)).abs().max().item() <= 1e-5
