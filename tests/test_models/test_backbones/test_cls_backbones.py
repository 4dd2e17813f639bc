"""Classification backbones: canonical input sizes, output shapes, parameter counts."""

import pytest
import torch
import torchvision

from mmblog.registry import MODELS
from mmblog.utils import register_all_modules

register_all_modules()


def num_params(module: torch.nn.Module) -> int:
    return sum(p.numel() for p in module.parameters())


def classifier(backbone, head, neck=None, aux_heads=None):
    return MODELS.build(
        dict(type='ImageClassifier', backbone=backbone, neck=neck, head=head, aux_heads=aux_heads)
    )


BN3 = dict(type='BN', eps=1e-3)
GAP = dict(type='GlobalAveragePooling')


def fc_head(in_channels, num_classes=1000):
    return dict(type='StackedLinearClsHead', num_classes=num_classes, in_channels=in_channels)


def linear_head(in_channels, num_classes=1000):
    return dict(type='LinearClsHead', num_classes=num_classes, in_channels=in_channels)


# (name, our classifier factory, torchvision factory)
TORCHVISION_PAIRS = [
    (
        'alexnet',
        lambda: classifier(dict(type='AlexNet', arch='torchvision'), fc_head(256 * 36)),
        lambda: torchvision.models.alexnet(weights=None),
    ),
    (
        'vgg16',
        lambda: classifier(dict(type='VGG', depth=16), fc_head(512 * 49)),
        lambda: torchvision.models.vgg16(weights=None),
    ),
    (
        'googlenet',
        lambda: classifier(
            dict(type='GoogLeNet', arch='torchvision'),
            linear_head(1024),
            GAP,
            [
                dict(
                    type='GoogLeNetAuxHead',
                    num_classes=1000,
                    in_channels=512,
                    in_index=0,
                    norm_cfg=BN3,
                ),
                dict(
                    type='GoogLeNetAuxHead',
                    num_classes=1000,
                    in_channels=528,
                    in_index=1,
                    norm_cfg=BN3,
                ),
            ],
        ),
        lambda: torchvision.models.googlenet(weights=None, aux_logits=True, init_weights=False),
    ),
    (
        'inception_v3',
        lambda: classifier(
            dict(type='InceptionV3'),
            linear_head(2048),
            GAP,
            [dict(type='InceptionV3AuxHead', num_classes=1000)],
        ),
        lambda: torchvision.models.inception_v3(weights=None, aux_logits=True, init_weights=False),
    ),
    (
        'resnet18',
        lambda: classifier(dict(type='ResNet', depth=18, out_indices=(3,)), linear_head(512), GAP),
        lambda: torchvision.models.resnet18(weights=None),
    ),
    (
        'resnet50',
        lambda: classifier(dict(type='ResNet', depth=50, out_indices=(3,)), linear_head(2048), GAP),
        lambda: torchvision.models.resnet50(weights=None),
    ),
]


@pytest.mark.slow
@pytest.mark.parametrize(
    'name,ours,theirs', TORCHVISION_PAIRS, ids=[p[0] for p in TORCHVISION_PAIRS]
)
def test_parameter_count_equals_torchvision(name, ours, theirs):
    assert num_params(ours()) == num_params(theirs())


def test_paper_parameter_counts_closed_form():
    # AlexNet (single tower): convs + FC 9216-4096-4096-1000, all with biases.
    convs = [(3, 96, 11), (96, 256, 5), (256, 384, 3), (384, 384, 3), (384, 256, 3)]
    fcs = [(9216, 4096), (4096, 4096), (4096, 1000)]
    expected = sum(i * o * k * k + o for i, o, k in convs) + sum(i * o + o for i, o in fcs)
    assert expected == 62_378_344
    assert num_params(classifier(dict(type='AlexNet'), fc_head(9216))) == expected
    # CIFAR ResNet-20 with parameter-free shortcuts: 0.27M (He et al. table 6).
    resnet20 = classifier(dict(type='ResNetCIFAR', depth=20), linear_head(64, 10), GAP)
    assert num_params(resnet20) == 269_722
    # ResNet-110: 1.7M in the paper's table 6.
    resnet110 = MODELS.build(dict(type='ResNetCIFAR', depth=110))
    assert round(num_params(resnet110) / 1e6, 1) == 1.7


@pytest.mark.slow
def test_inception_v4_parameter_count():
    # 42,679,816: the count of the reference (TF-slim / timm) Inception-v4 with 1000 classes.
    model = classifier(dict(type='InceptionV4'), linear_head(1536), GAP)
    assert num_params(model) == 42_679_816


CANONICAL = [
    ('AlexNet', dict(type='AlexNet'), 227, [(256, 6, 6)]),
    ('AlexNet-tv', dict(type='AlexNet', arch='torchvision'), 224, [(256, 6, 6)]),
    ('ZFNet', dict(type='ZFNet'), 224, [(256, 6, 6)]),
    ('VGG11', dict(type='VGG', depth=11), 224, [(512, 7, 7)]),
    ('VGG19-BN', dict(type='VGG', depth=19, norm_cfg=dict(type='BN')), 224, [(512, 7, 7)]),
    ('GoogLeNet', dict(type='GoogLeNet'), 224, [(512, 14, 14), (528, 14, 14), (1024, 7, 7)]),
    ('InceptionV3', dict(type='InceptionV3'), 299, [(768, 17, 17), (2048, 8, 8)]),
    ('InceptionV4', dict(type='InceptionV4'), 299, [(1536, 8, 8)]),
    ('ResNet34', dict(type='ResNet', depth=34, out_indices=(3,)), 224, [(512, 7, 7)]),
    ('ResNetCIFAR110', dict(type='ResNetCIFAR', depth=110), 32, [(64, 8, 8)]),
]


@pytest.mark.slow
@pytest.mark.parametrize('name,cfg,size,shapes', CANONICAL, ids=[c[0] for c in CANONICAL])
def test_forward_at_canonical_size(name, cfg, size, shapes):
    model = MODELS.build(cfg).eval()
    with torch.no_grad():
        outs = model(torch.randn(1, 3, size, size))
    assert [tuple(o.shape[1:]) for o in outs] == shapes


def test_zfnet_feature_map_sizes_follow_the_paper():
    model = MODELS.build(dict(type='ZFNet', channels=(8, 8, 8, 8, 8))).eval()
    sizes = []
    for layer in model.features:
        if isinstance(layer, (torch.nn.Conv2d, torch.nn.MaxPool2d)):
            layer.register_forward_hook(lambda m, i, o: sizes.append(o.shape[-1]))
    with torch.no_grad():
        model(torch.randn(1, 3, 224, 224))
    assert sizes == [110, 55, 26, 13, 13, 13, 13, 6]


def test_alexnet_norm_is_switchable():
    lrn = MODELS.build(dict(type='AlexNet'))
    assert any(isinstance(m, torch.nn.LocalResponseNorm) for m in lrn.modules())
    bn = MODELS.build(dict(type='AlexNet', norm_cfg=dict(type='BN')))
    assert sum(isinstance(m, torch.nn.BatchNorm2d) for m in bn.modules()) == 2
    plain = MODELS.build(dict(type='AlexNet', norm_cfg=None))
    assert not any(
        isinstance(m, (torch.nn.LocalResponseNorm, torch.nn.BatchNorm2d)) for m in plain.modules()
    )
    with pytest.raises(ValueError, match='unknown norm type'):
        MODELS.build(dict(type='AlexNet', norm_cfg=dict(type='NoSuchNorm')))


@pytest.mark.parametrize(
    'cfg',
    [
        dict(type='AlexNet', norm_cfg=dict(type='BN', requires_grad=False)),
        dict(
            type='VGG',
            depth=11,
            channels=(4, 4, 4, 4, 4),
            norm_cfg=dict(type='BN', requires_grad=False),
        ),
        dict(type='ResNet', depth=18, norm_cfg=dict(type='BN', requires_grad=False)),
    ],
)
def test_norm_cfg_is_honoured_the_same_way_by_every_backbone(cfg):
    # One builder (mmcv's build_norm_layer): eps defaults to 1e-5, requires_grad is honoured.
    model = MODELS.build(cfg)
    bns = [m for m in model.modules() if isinstance(m, torch.nn.BatchNorm2d)]
    assert bns and all(m.eps == 1e-5 for m in bns)
    assert not any(p.requires_grad for m in bns for p in m.parameters())


def test_vgg_uses_only_3x3_convs_and_counts_layers():
    for depth, convs in ((11, 8), (13, 10), (16, 13), (19, 16)):
        model = MODELS.build(dict(type='VGG', depth=depth, channels=(4, 4, 4, 4, 4)))
        kernels = [m.kernel_size for m in model.modules() if isinstance(m, torch.nn.Conv2d)]
        assert len(kernels) == convs and set(kernels) == {(3, 3)}


def test_googlenet_paper_vs_torchvision_branch_kernel():
    paper = MODELS.build(dict(type='GoogLeNet', width_mult=0.25))
    tv = MODELS.build(dict(type='GoogLeNet', arch='torchvision', width_mult=0.25))
    assert paper.inception3a.branch3[1].conv.kernel_size == (5, 5)
    assert tv.inception3a.branch3[1].conv.kernel_size == (3, 3)
    assert any(isinstance(m, torch.nn.LocalResponseNorm) for m in paper.modules())


def test_resnet_cifar_shortcuts_and_errors():
    a = MODELS.build(dict(type='ResNetCIFAR', depth=8))
    b = MODELS.build(dict(type='ResNetCIFAR', depth=8, shortcut='B'))
    # Option B adds two 1x1 projections (16->32, 32->64) with their BN.
    assert num_params(b) - num_params(a) == 16 * 32 + 64 + 32 * 64 + 128
    x = torch.randn(2, 16, 8, 8)
    down = a.layer2[0].downsample
    y = down(x)
    assert y.shape == (2, 32, 4, 4)
    assert torch.all(y[:, :8] == 0) and torch.all(y[:, 24:] == 0)
    torch.testing.assert_close(y[:, 8:24], torch.nn.functional.avg_pool2d(x, 2))
    with pytest.raises(ValueError, match='6n\\+2'):
        MODELS.build(dict(type='ResNetCIFAR', depth=21))


def test_inception_v3_width_mult_keeps_every_module():
    full = MODELS.build(dict(type='InceptionV3'))
    narrow = MODELS.build(dict(type='InceptionV3', width_mult=0.25)).eval()
    # same layers (names, kernel shapes), a quarter of the channels
    assert [n for n, _ in full.named_modules()] == [n for n, _ in narrow.named_modules()]
    aux, out = narrow(torch.rand(2, 3, 75, 75))
    assert (narrow.aux_in_channels, narrow.out_channels) == ((192,), 512)
    assert aux.shape == (2, 192, 3, 3) and out.shape == (2, 512, 1, 1)
    assert num_params(narrow) < num_params(full) / 10
