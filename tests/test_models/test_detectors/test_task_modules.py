"""Anchor generator, box coder, IoU assigner and sampler: closed-form checks."""

import pytest
import torch

from mmblog.registry import TASK_UTILS
from mmblog.utils import register_all_modules

register_all_modules()


def test_anchor_generator_sizes_ratios_and_grid():
    gen = TASK_UTILS.build(
        dict(type='AnchorGenerator', scales=[8], ratios=[0.5, 1.0, 2.0], strides=[4, 8])
    )
    assert gen.num_base_anchors == [3, 3]
    anchors = gen.grid_priors([(2, 3), (1, 2)], (8, 12))
    assert [a.shape for a in anchors] == [(2 * 3 * 3, 4), (1 * 2 * 3, 4)]
    # location (0, 0), ratio 1 (h/w): a 32x32 box centred on the top-left pixel
    assert anchors[0][1].tolist() == [-16.0, -16.0, 16.0, 16.0]
    # ratio 2 = twice as tall as wide, area ~ 32**2
    w, h = (anchors[0][2, 2:] - anchors[0][2, :2]).tolist()
    assert h / w == pytest.approx(2.0, rel=0.05) and w * h == pytest.approx(1024, rel=0.05)
    # the next location along x is shifted by the stride (12 // 3 = 4)
    assert (anchors[0][3:6] - anchors[0][0:3]).tolist() == [[4.0, 0.0, 4.0, 0.0]] * 3
    with pytest.raises(ValueError, match='exactly one'):
        TASK_UTILS.build(dict(type='AnchorGenerator', ratios=[1.0], strides=[4]))


def test_box_coder_round_trip_and_std_scaling():
    coder = TASK_UTILS.build(dict(type='DeltaXYWHBBoxCoder', target_stds=[0.1, 0.1, 0.2, 0.2]))
    boxes = torch.tensor([[0.0, 0.0, 10.0, 20.0], [5.0, 5.0, 15.0, 9.0]])
    gt = torch.tensor([[1.0, 2.0, 11.0, 22.0], [4.0, 5.0, 16.0, 10.0]])
    deltas = coder.encode(boxes, gt)
    # dx = (gt_cx - cx) / w / std: (6 - 5) / 10 / 0.1 = 1
    assert deltas[0, 0].item() == pytest.approx(1.0)
    assert torch.allclose(coder.decode(boxes, deltas), gt, atol=1e-5)
    clipped = coder.decode(boxes, deltas, max_shape=(8, 12))
    assert clipped[:, 0::2].max() <= 12 and clipped[:, 1::2].max() <= 8
    with pytest.raises(ValueError, match='target_means'):
        TASK_UTILS.build(dict(type='DeltaXYWHBBoxCoder', target_means=[0.1, 0, 0, 0]))


def test_max_iou_assigner_thresholds_and_low_quality_matches():
    gt = torch.tensor([[0.0, 0.0, 10.0, 10.0]])
    boxes = torch.tensor(
        [
            [0.0, 0.0, 10.0, 10.0],  # IoU 1 -> positive
            [0.0, 0.0, 10.0, 5.0],  # IoU 0.5 -> ignored (between 0.3 and 0.7)
            [20.0, 20.0, 30.0, 30.0],  # IoU 0 -> negative
        ]
    )
    assigner = TASK_UTILS.build(dict(type='MaxIoUAssigner', pos_iou_thr=0.7, neg_iou_thr=0.3))
    assert assigner.assign(boxes, gt).tolist() == [0, -2, -1]
    # a gt whose best candidate is below pos_iou_thr still gets it (>= min_pos_iou) ...
    low = TASK_UTILS.build(
        dict(type='MaxIoUAssigner', pos_iou_thr=0.7, neg_iou_thr=0.3, min_pos_iou=0.3)
    )
    assert low.assign(boxes[1:], gt).tolist() == [0, -1]
    # ... but not below min_pos_iou, nor with match_low_quality=False
    strict = TASK_UTILS.build(
        dict(type='MaxIoUAssigner', pos_iou_thr=0.7, neg_iou_thr=0.3, min_pos_iou=0.6)
    )
    assert strict.assign(boxes[1:], gt).tolist() == [-2, -1]
    # no gt: everything is background
    assert assigner.assign(boxes, torch.zeros(0, 4)).tolist() == [-1, -1, -1]


def test_random_sampler_respects_num_and_positive_fraction():
    torch.manual_seed(0)
    sampler = TASK_UTILS.build(dict(type='RandomSampler', num=16, pos_fraction=0.25))
    matched = torch.cat([torch.zeros(10, dtype=torch.long), -torch.ones(100, dtype=torch.long)])
    matched[5] = -2  # ignored candidates are never sampled
    pos, neg = sampler.sample(matched)
    assert int(pos.sum()) == 4 and int(neg.sum()) == 12
    assert not (pos & neg).any() and not pos[10:].any() and not neg[:10].any()
    assert not (pos | neg)[5]
