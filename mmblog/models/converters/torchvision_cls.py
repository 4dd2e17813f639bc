"""torchvision classification state_dicts (ResNet, VGG, AlexNet, GoogLeNet, Inception v3) ->
mmblog ``ImageClassifier`` state_dicts (the logic of ``torchvision2mmblog.py --config``).

mmblog's classifier trunks apply the same layers in the same order as torchvision's (with
``arch='torchvision'`` for AlexNet and GoogLeNet, whose torchvision versions deviate from the
papers), but some names differ (``stem.0`` vs ``conv1``; ``features.4`` vs ``features.3`` where an
empty norm slot sits). So each part (trunk, main classifier, each auxiliary classifier) is matched
tensor by tensor in definition order, and every pair must agree in shape; identical logits on
random weights (the tests) prove the mapping.
"""

from collections import OrderedDict

import torch

# torchvision prefix of the classifier and auxiliary heads, per architecture
_HEADS = {
    'resnet': dict(head=('fc.',), aux=()),
    'vgg': dict(head=('classifier.',), aux=()),
    'alexnet': dict(head=('classifier.',), aux=()),
    'googlenet': dict(head=('fc.',), aux=('aux1.', 'aux2.')),
    'inception_v3': dict(head=('fc.',), aux=('AuxLogits.',)),
}

# the mmblog config to pass with each architecture (AlexNet/GoogLeNet: torchvision's variants)
CONFIG_HINTS = {
    'resnet': 'configs/resnet/resnet50_imagenet.py (depth as the source)',
    'vgg': 'configs/vgg/vgg16_imagenet.py (or the vggNN[bn] config of the source)',
    'alexnet': 'configs/alexnet/alexnet_imagenet.py --cfg-options model.backbone.arch=torchvision',
    'googlenet': 'configs/googlenet/googlenet_imagenet.py --cfg-options '
    "model.backbone.arch=torchvision (aux heads with norm_cfg=dict(type='BN', eps=0.001))",
    'inception_v3': 'configs/inception/inception_v3_imagenet.py',
}


def detect_classifier_arch(state_dict: dict) -> str | None:
    """'resnet', 'vgg', 'alexnet', 'googlenet', 'inception_v3', or None (not a classifier)."""
    keys = set(state_dict)
    if 'Mixed_5b.branch1x1.conv.weight' in keys:
        return 'inception_v3'
    if 'inception3a.branch1.conv.weight' in keys:
        return 'googlenet'
    if 'layer1.0.conv1.weight' in keys and 'fc.weight' in keys:
        return 'resnet'
    if 'features.0.weight' in keys and any(k.startswith('classifier.') for k in keys):
        # AlexNet's conv1 is 11x11 (VGG's convs are all 3x3)
        return 'alexnet' if state_dict['features.0.weight'].shape[-1] == 11 else 'vgg'
    return None


def _group_source(state_dict: dict, arch: str) -> dict:
    heads = _HEADS[arch]
    groups: dict = {'trunk': [], 'head': []}
    for i, _ in enumerate(heads['aux']):
        groups[f'aux{i}'] = []
    for key, value in state_dict.items():
        if key.startswith(heads['head']):
            groups['head'].append((key, value))
        elif any(key.startswith(p) for p in heads['aux']):
            index = next(i for i, p in enumerate(heads['aux']) if key.startswith(p))
            groups[f'aux{index}'].append((key, value))
        else:
            groups['trunk'].append((key, value))
    return groups


def _group_target(state_dict: dict) -> dict:
    groups: dict = {'trunk': [], 'head': []}
    for key, value in state_dict.items():
        if key.startswith(('backbone.', 'neck.')):
            groups['trunk'].append((key, value))
        elif key.startswith('head.'):
            groups['head'].append((key, value))
        elif key.startswith('aux_heads.'):
            groups.setdefault(f'aux{key.split(".")[1]}', []).append((key, value))
        elif key.startswith('data_preprocessor.'):
            continue
        else:
            raise KeyError(f'unexpected mmblog classifier key {key!r}')
    # StackedLinearClsHead registers its output layer ``fc`` before the hidden layers; in the
    # forward order (torchvision's) it comes last.
    groups['head'].sort(key=lambda kv: kv[0].startswith('head.fc.'))
    return groups


def convert_classifier(state_dict: dict, model: torch.nn.Module) -> OrderedDict:
    """Map a torchvision classifier's ``state_dict`` onto ``model`` (an mmblog ImageClassifier).

    Raises:
        ValueError: naming the first part or tensor pair that does not match (another
            architecture, depth, ``num_classes`` or auxiliary heads than the config's).
    """
    arch = detect_classifier_arch(state_dict)
    if arch is None:
        raise ValueError(
            'not a torchvision ResNet/VGG/AlexNet/GoogLeNet/Inception v3 state_dict '
            '(no fc/classifier/inception keys)'
        )
    src, dst = _group_source(state_dict, arch), _group_target(model.state_dict())
    if set(src) != set(dst):
        raise ValueError(
            f'the torchvision {arch} has parts {sorted(src)} but the config builds '
            f'{sorted(dst)}; set aux heads to match (config hint: {CONFIG_HINTS[arch]})'
        )
    out = OrderedDict()
    for part in src:
        if len(src[part]) != len(dst[part]):
            raise ValueError(
                f'{arch} {part}: torchvision has {len(src[part])} tensors, the config '
                f'{len(dst[part])}; is it the same depth/variant? (config: {CONFIG_HINTS[arch]})'
            )
        for (skey, value), (dkey, target) in zip(src[part], dst[part]):
            if value.shape != target.shape:
                raise ValueError(
                    f'{arch}: torchvision {skey} {tuple(value.shape)} does not fit mmblog {dkey} '
                    f'{tuple(target.shape)} (config: {CONFIG_HINTS[arch]})'
                )
            out[dkey] = value.clone()
    return out
