"""FPN, preprocessor, RoI extractor and heads: shapes, closed forms, torchvision equality."""

from collections import OrderedDict

import pytest
import torch
from mmengine.structures import InstanceData
from torchvision.ops import FeaturePyramidNetwork
from torchvision.ops.feature_pyramid_network import LastLevelMaxPool

from mmblog.registry import MODELS
from mmblog.structures.det_data_sample import DetDataSample
from mmblog.utils import register_all_modules

register_all_modules()


def test_fpn_equals_torchvision_fpn_with_the_same_weights():
    torch.manual_seed(0)
    fpn = MODELS.build(dict(type='FPN', in_channels=[8, 16, 32], out_channels=8, num_outs=4))
    ref = FeaturePyramidNetwork([8, 16, 32], 8, extra_blocks=LastLevelMaxPool())
    for i in range(3):
        fpn.lateral_convs[i].load_state_dict(ref.inner_blocks[i][0].state_dict())
        fpn.fpn_convs[i].load_state_dict(ref.layer_blocks[i][0].state_dict())
    feats = [torch.randn(2, c, s, s + 1) for c, s in ((8, 16), (16, 8), (32, 4))]
    outs = fpn(tuple(feats))
    expected = list(ref(OrderedDict((str(i), f) for i, f in enumerate(feats))).values())
    assert [o.shape[-2:] for o in outs] == [(16, 17), (8, 9), (4, 5), (2, 3)]
    for o, e in zip(outs, expected):
        assert torch.equal(o, e)


def test_fpn_extra_convs_and_bad_arguments():
    fpn = MODELS.build(
        dict(
            type='FPN', in_channels=[8, 16], out_channels=4, num_outs=4, add_extra_convs='on_input'
        )
    )
    outs = fpn((torch.randn(1, 8, 16, 16), torch.randn(1, 16, 8, 8)))
    assert [tuple(o.shape) for o in outs] == [
        (1, 4, 16, 16),
        (1, 4, 8, 8),
        (1, 4, 4, 4),
        (1, 4, 2, 2),
    ]
    with pytest.raises(ValueError, match='add_extra_convs'):
        MODELS.build(
            dict(type='FPN', in_channels=[8], out_channels=4, num_outs=2, add_extra_convs='x')
        )
    with pytest.raises(ValueError, match='inputs'):
        fpn((torch.randn(1, 8, 16, 16),))


def test_det_data_preprocessor_normalises_flips_pads_and_records_shapes():
    pre = MODELS.build(
        dict(
            type='DetDataPreprocessor',
            mean=[10.0, 20.0, 30.0],
            std=[2.0, 4.0, 5.0],
            bgr_to_rgb=True,
            pad_size_divisor=32,
        )
    )
    img = torch.zeros(3, 40, 50, dtype=torch.uint8)
    img[0] = 30  # B
    img[2] = 10  # R
    sample = DetDataSample(metainfo=dict(img_shape=(40, 50)))
    out = pre(dict(inputs=[img, img[:, :33, :20]], data_samples=[sample, sample.clone()]))
    x = out['inputs']
    assert x.shape == (2, 3, 64, 64)
    # after BGR->RGB the R channel (10) is first: (10 - 10) / 2 = 0; B: (30 - 30) / 5 = 0
    assert torch.allclose(
        x[0, :, :40, :50], torch.tensor([0.0, -5.0, 0.0]).view(3, 1, 1), atol=1e-5
    )
    assert x[0, :, 40:].abs().sum() == 0 and x[1, :, 33:].abs().sum() == 0  # zero padding
    assert out['data_samples'][0].batch_input_shape == (64, 64)
    assert out['data_samples'][1].pad_shape == (64, 64)
    with pytest.raises(TypeError, match='list of'):
        pre(dict(inputs=[torch.zeros(40, 50)]))


def test_roi_extractor_maps_sizes_to_levels_and_pools():
    ext = MODELS.build(
        dict(
            type='SingleRoIExtractor',
            roi_layer=dict(type='RoIAlign', output_size=7, sampling_ratio=2),
            out_channels=4,
            featmap_strides=[4, 8, 16, 32],
        )
    )
    sides = torch.tensor([20.0, 56.0, 111.0, 112.0, 224.0, 448.0, 1000.0])
    rois = torch.stack([torch.zeros(7), torch.zeros(7), torch.zeros(7), sides, sides], 1)
    # floor(log2(side / 56)), clamped to 0..3
    assert ext.map_roi_levels(rois).tolist() == [0, 0, 0, 1, 2, 3, 3]
    # a constant feature map pools to the constant, whatever the level
    feats = tuple(torch.full((1, 4, 64 // 2**i, 64 // 2**i), float(i + 1)) for i in range(4))
    rois = torch.tensor([[0, 0, 0, 30, 30], [0, 0, 0, 250, 250.0]])
    out = ext(feats, rois)
    assert out.shape == (2, 4, 7, 7)
    assert torch.allclose(out[0], torch.ones(4, 7, 7)) and torch.allclose(
        out[1], torch.full((4, 7, 7), 3.0)
    )


def _sample(h=64, w=80):
    s = DetDataSample(
        metainfo=dict(
            img_shape=(h, w), ori_shape=(h, w), scale_factor=(1.0, 1.0), batch_input_shape=(64, 96)
        )
    )
    s.gt_instances = InstanceData(
        bboxes=torch.tensor([[4.0, 6.0, 30.0, 40.0], [40.0, 10.0, 70.0, 50.0]]),
        labels=torch.tensor([0, 2]),
        masks=torch.zeros(2, h, w, dtype=torch.uint8),
    )
    return s


def test_rpn_head_outputs_losses_and_proposals():
    torch.manual_seed(0)
    head = MODELS.build(
        dict(
            type='RPNHead',
            in_channels=8,
            feat_channels=8,
            anchor_generator=dict(
                type='AnchorGenerator', scales=[4], ratios=[0.5, 1.0, 2.0], strides=[4, 8]
            ),
            train_cfg=dict(
                assigner=dict(
                    type='MaxIoUAssigner', pos_iou_thr=0.7, neg_iou_thr=0.3, min_pos_iou=0.3
                ),
                sampler=dict(
                    type='RandomSampler', num=64, pos_fraction=0.5, add_gt_as_proposals=False
                ),
            ),
            test_cfg=dict(nms_pre=50, max_per_img=20, nms=dict(iou_threshold=0.7)),
        )
    )
    feats = (torch.randn(2, 8, 16, 24), torch.randn(2, 8, 8, 12))
    cls, reg = head(feats)
    assert [c.shape for c in cls] == [(2, 3, 16, 24), (2, 3, 8, 12)]
    assert [r.shape for r in reg] == [(2, 12, 16, 24), (2, 12, 8, 12)]
    samples = [_sample(), _sample(60, 70)]
    losses, proposals = head.loss_and_predict(feats, samples)
    assert set(losses) == {'loss_rpn_cls', 'loss_rpn_bbox'}
    # BCE of near-zero logits ~ log 2
    assert losses['loss_rpn_cls'].item() == pytest.approx(0.693, abs=0.05)
    props = head.predict(feats, samples)
    assert all(p.shape[0] <= 20 and p.shape[1] == 4 for p in props)
    assert props[1][:, 2].max() <= 70 and props[1][:, 3].max() <= 60  # clipped to img_shape


def test_bbox_and_mask_heads_shapes_losses_and_postprocess():
    torch.manual_seed(0)
    bbox_head = MODELS.build(
        dict(type='Shared2FCBBoxHead', in_channels=4, fc_out_channels=16, num_classes=3)
    )
    bbox_head.init_weights()
    cls, reg = bbox_head(torch.randn(5, 4, 7, 7))
    assert cls.shape == (5, 4) and reg.shape == (5, 12)
    labels = torch.tensor([0, 2, 3, 3, 3])  # 3 = background
    losses = bbox_head.loss(
        cls, reg, labels, torch.zeros(2, 4), torch.tensor([1, 1, 0, 0, 0]).bool()
    )
    assert losses['loss_cls'].item() == pytest.approx(torch.log(torch.tensor(4.0)).item(), abs=0.1)
    # postprocess: two boxes of one class overlapping -> NMS keeps the better one
    boxes = torch.tensor([[[0, 0, 10, 10.0]] * 3, [[1, 0, 11, 10.0]] * 3, [[50, 50, 60, 60.0]] * 3])
    scores = torch.tensor([[0.9, 0.0, 0.0, 0.1], [0.8, 0.0, 0.0, 0.2], [0.0, 0.04, 0.6, 0.36]])
    res = bbox_head.postprocess(
        boxes, scores, dict(score_thr=0.05, nms=dict(iou_threshold=0.5), max_per_img=10)
    )
    assert res.labels.tolist() == [0, 2] and res.scores.tolist() == pytest.approx([0.9, 0.6])

    mask_head = MODELS.build(
        dict(type='FCNMaskHead', in_channels=4, conv_out_channels=8, num_classes=3)
    )
    logits = mask_head(torch.randn(2, 4, 14, 14))
    assert logits.shape == (2, 3, 28, 28)
    gt = torch.zeros(1, 40, 40, dtype=torch.uint8)
    gt[0, 10:30, 10:20] = 1
    tgt = mask_head.targets(gt, torch.tensor([0]), torch.tensor([[10.0, 10.0, 30.0, 30.0]]))
    # the object fills the left half of the box
    assert tgt[0, :, :13].mean() == 1 and tgt[0, :, 15:].mean() == 0
    masks = mask_head.paste(
        torch.ones(1, 28, 28), torch.tensor([[10.0, 5.0, 20.0, 25.0]]), (40, 50)
    )
    assert masks.shape == (1, 40, 50) and masks.dtype == torch.bool
    assert masks[0, 10, 15] and not masks[0, 35, 45]
