"""Inception v2 (BN-Inception): parameter count from the BN paper's architecture table, shapes."""

import pytest
import torch

from mmblog.registry import MODELS
from mmblog.utils import register_all_modules

register_all_modules()

# Figure 5 of Ioffe & Szegedy (2015), typed in from the paper, not from the module: per module
# #1x1, #3x3 reduce, #3x3, double #3x3 reduce, double #3x3, pool proj (0 = max-pool pass-through).
TABLE = {
    '3a': (64, 64, 64, 64, 96, 32),
    '3b': (64, 64, 96, 64, 96, 64),
    '3c': (0, 128, 160, 64, 96, 0),
    '4a': (224, 64, 96, 96, 128, 128),
    '4b': (192, 96, 128, 96, 128, 128),
    '4c': (160, 128, 160, 128, 160, 128),
    '4d': (96, 128, 192, 160, 192, 128),
    '4e': (0, 128, 192, 192, 256, 0),
    '5a': (352, 192, 320, 160, 224, 128),
    '5b': (352, 192, 320, 192, 224, 128),
}
# The table's output-size column (depth); 4c/4d list 576 although their branches add up to 608.
TABLE_DEPTH = {'3a': 256, '3b': 320, '3c': 576, '4a': 576, '4b': 576, '4e': 1024, '5a': 1024}


def conv_bn(cin: int, cout: int, k: int) -> int:
    # BN replaces the conv bias: k*k*cin*cout weights + gamma and beta per output channel
    return k * k * cin * cout + 2 * cout


def expected_from_table(num_classes: int = 1000) -> tuple[int, dict]:
    total = conv_bn(3, 64, 7) + conv_bn(64, 64, 1) + conv_bn(64, 192, 3)
    cin, depths = 192, {}
    for name, (c1, r3, c3, rd, cd, proj) in TABLE.items():
        total += conv_bn(cin, c1, 1) if c1 else 0
        total += conv_bn(cin, r3, 1) + conv_bn(r3, c3, 3)
        total += conv_bn(cin, rd, 1) + conv_bn(rd, cd, 3) + conv_bn(cd, cd, 3)
        total += conv_bn(cin, proj, 1) if proj else 0
        cin = c1 + c3 + cd + (proj or cin)
        depths[name] = cin
    return total + cin * num_classes + num_classes, depths


def test_parameter_count_follows_the_paper_table():
    expected, depths = expected_from_table()
    model = MODELS.build(
        dict(
            type='ImageClassifier',
            backbone=dict(type='InceptionV2'),
            neck=dict(type='GlobalAveragePooling'),
            head=dict(type='LinearClsHead', num_classes=1000, in_channels=1024),
        )
    )
    assert sum(p.numel() for p in model.parameters()) == expected == 11_285_224
    # every module's output depth equals the table's column (apart from the 4c/4d misprint
    # the table's own widths disprove: the 4e row's 1056 = 192 + 256 + 608 input)
    backbone = model.backbone
    for name, depth in depths.items():
        assert getattr(backbone, f'inception_{name}').out_channels == depth
        if name in TABLE_DEPTH and name != '4e':
            assert depth == TABLE_DEPTH[name], name
    assert depths['4c'] == depths['4d'] == 608 and depths['4e'] == 608 + 192 + 256


def test_canonical_feature_map_sizes():
    backbone = MODELS.build(dict(type='InceptionV2')).eval()
    x = torch.rand(1, 3, 224, 224)
    sizes = {}
    x = backbone.stem(x)
    assert x.shape[1:] == (192, 28, 28)
    for name in TABLE:
        x = getattr(backbone, f'inception_{name}')(x)
        sizes[name] = tuple(x.shape[1:])
    # grid reductions happen inside 3c (28 -> 14) and 4e (14 -> 7), as in the table
    assert sizes['3b'] == (320, 28, 28) and sizes['3c'] == (576, 14, 14)
    assert sizes['4d'] == (608, 14, 14) and sizes['4e'] == (1056, 7, 7)
    assert sizes['5b'] == (1024, 7, 7)


def test_double_3x3_replaces_5x5_and_every_conv_has_bn():
    backbone = MODELS.build(dict(type='InceptionV2'))
    convs = [m for m in backbone.modules() if isinstance(m, torch.nn.Conv2d)]
    kernels = {m.kernel_size for m in convs}
    assert kernels == {(7, 7), (3, 3), (1, 1)}  # no 5x5 anywhere
    assert all(m.bias is None for m in convs)
    bns = [m for m in backbone.modules() if isinstance(m, torch.nn.BatchNorm2d)]
    assert len(bns) == len(convs)


@pytest.mark.parametrize('width', [0.25, 0.5])
def test_width_mult_scales_and_runs(width):
    backbone = MODELS.build(dict(type='InceptionV2', width_mult=width)).eval()
    (out,) = backbone(torch.rand(2, 3, 64, 64))
    assert out.shape == (2, backbone.out_channels, 2, 2)
    assert backbone.out_channels == round(1024 * width)
