"""torchvision Faster/Mask R-CNN R-50-FPN state_dict -> mmblog checkpoint (the logic of
``tools/model_converters/torchvision2mmblog.py``).

Parameters are renamed; only the class rows move: torchvision puts the background first, mmblog
last. torchvision's COCO models have 91 slots (category ids, with unused ones); by default all 90
foreground slots are kept (``num_classes=90``, label ``i`` is category id ``i + 1``);
``coco80=True`` keeps the 80 real COCO categories in id order (``num_classes=80``, the label order
of mmblog's CocoDataset).
"""

import os
import os.path as osp
import re
import tempfile
from collections import OrderedDict

import torch

COCO80_IDS = (
    list(range(1, 12)) + list(range(13, 26)) + [27, 28] + list(range(31, 45))
    + list(range(46, 66)) + [67, 70] + list(range(72, 83)) + list(range(84, 91))
)  # fmt: skip

_RENAMES = [
    (r'^backbone\.body\.', 'backbone.'),
    (r'^backbone\.fpn\.inner_blocks\.(\d+)\.0\.', r'neck.lateral_convs.\1.'),
    (r'^backbone\.fpn\.inner_blocks\.(\d+)\.', r'neck.lateral_convs.\1.'),
    (r'^backbone\.fpn\.layer_blocks\.(\d+)\.0\.', r'neck.fpn_convs.\1.'),
    (r'^backbone\.fpn\.layer_blocks\.(\d+)\.', r'neck.fpn_convs.\1.'),
    (r'^rpn\.head\.conv\.0\.0\.', 'rpn_head.rpn_conv.'),
    (r'^rpn\.head\.conv\.', 'rpn_head.rpn_conv.'),
    (r'^rpn\.head\.cls_logits\.', 'rpn_head.rpn_cls.'),
    (r'^rpn\.head\.bbox_pred\.', 'rpn_head.rpn_reg.'),
    (r'^roi_heads\.box_head\.fc6\.', 'roi_head.bbox_head.shared_fcs.0.'),
    (r'^roi_heads\.box_head\.fc7\.', 'roi_head.bbox_head.shared_fcs.1.'),
    (r'^roi_heads\.box_predictor\.cls_score\.', 'roi_head.bbox_head.fc_cls.'),
    (r'^roi_heads\.box_predictor\.bbox_pred\.', 'roi_head.bbox_head.fc_reg.'),
    (r'^roi_heads\.mask_head\.(\d+)\.0\.', r'roi_head.mask_head.convs.\1.'),
    (r'^roi_heads\.mask_head\.mask_fcn(\d+)\.', None),  # old layout, handled below
    (r'^roi_heads\.mask_predictor\.conv5_mask\.', 'roi_head.mask_head.upsample.'),
    (r'^roi_heads\.mask_predictor\.mask_fcn_logits\.', 'roi_head.mask_head.conv_logits.'),
]


def _rename(key: str) -> str:
    m = re.match(r'^roi_heads\.mask_head\.mask_fcn(\d+)\.(.*)$', key)
    if m:
        return f'roi_head.mask_head.convs.{int(m.group(1)) - 1}.{m.group(2)}'
    for pattern, repl in _RENAMES:
        if repl is not None and re.match(pattern, key):
            return re.sub(pattern, repl, key)
    raise KeyError(
        f'unexpected torchvision key {key!r}: only fasterrcnn/maskrcnn_resnet50_fpn (v1) '
        'state_dicts are supported'
    )


def _fg_order(num_slots: int, coco80: bool) -> list:
    if not coco80:
        return list(range(1, num_slots))
    if num_slots != 91:
        raise ValueError(f'--coco80 needs torchvision COCO heads with 91 slots, got {num_slots}')
    return COCO80_IDS


def convert(state_dict: dict, coco80: bool = False) -> OrderedDict:
    """mmblog state_dict (FasterRCNN/MaskRCNN with R-50-FPN) from a torchvision one."""
    if 'roi_heads.box_predictor.cls_score.weight' not in state_dict:
        raise KeyError(
            'not a torchvision Faster/Mask R-CNN state_dict (no box_predictor.cls_score)'
        )
    num_slots = state_dict['roi_heads.box_predictor.cls_score.weight'].shape[0]
    fg = torch.tensor(_fg_order(num_slots, coco80))
    out = OrderedDict()
    for key, value in state_dict.items():
        new = _rename(key)
        if new.startswith('roi_head.bbox_head.fc_cls.'):
            value = value[torch.cat([fg, torch.tensor([0])])]  # background moves last
        elif new.startswith('roi_head.bbox_head.fc_reg.'):
            value = value.view(num_slots, 4, *value.shape[1:])[fg].flatten(0, 1)
        elif new.startswith('roi_head.mask_head.conv_logits.'):
            value = value[fg]
        out[new] = value.clone()
    return out


def load_state_dict(path: str) -> dict:
    if not osp.isfile(path):
        raise FileNotFoundError(f'source checkpoint not found: {path}')
    ckpt = torch.load(path, map_location='cpu', weights_only=True)
    for key in ('state_dict', 'model'):
        if isinstance(ckpt, dict) and isinstance(ckpt.get(key), dict):
            ckpt = ckpt[key]
    return ckpt


def save_checkpoint(state_dict: dict, dst: str, meta: dict) -> None:
    """Write ``dict(state_dict, meta)`` atomically (temp file, then rename)."""
    folder = osp.dirname(osp.abspath(dst))
    os.makedirs(folder, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=folder, suffix='.tmp')
    os.close(fd)
    try:
        torch.save(dict(state_dict=state_dict, meta=meta), tmp)
        os.replace(tmp, dst)
    finally:
        if osp.exists(tmp):
            os.remove(tmp)
