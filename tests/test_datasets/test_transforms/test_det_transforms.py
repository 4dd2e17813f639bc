"""Detection transforms move image, boxes and masks together (closed-form checks)."""

import numpy as np
import pytest
import torch

from mmblog.datasets.transforms.mask_ops import to_bitmap
from mmblog.registry import TRANSFORMS
from mmblog.structures import DetDataSample
from mmblog.utils import register_all_modules

register_all_modules()

H, W = 60, 100
BOX = [10.0, 20.0, 40.0, 50.0]  # xyxy of a filled rectangle
POLY = [10.0, 20.0, 40.0, 20.0, 40.0, 50.0, 10.0, 50.0]


def _results(poly2mask=True, crowd=False):
    img = np.zeros((H, W, 3), np.uint8)
    img[20:50, 10:40] = (0, 0, 255)
    results = dict(
        img=img,
        img_shape=(H, W),
        ori_shape=(H, W),
        img_id=7,
        img_path='x.jpg',
        instances=[
            dict(bbox=BOX, bbox_label=2, ignore_flag=0, mask=[POLY]),
            dict(bbox=[60.0, 5.0, 90.0, 15.0], bbox_label=0, ignore_flag=int(crowd),
                 mask=[[60.0, 5.0, 90.0, 5.0, 90.0, 15.0, 60.0, 15.0]]),
        ],
    )  # fmt: skip
    load = TRANSFORMS.build(dict(type='LoadAnnotations', with_mask=True, poly2mask=poly2mask))
    return load(results)


def _mask_box(mask) -> list:
    ys, xs = np.nonzero(np.asarray(mask))
    return [xs.min(), ys.min(), xs.max() + 1, ys.max() + 1]


def test_load_annotations_arrays():
    r = _results()
    assert r['gt_bboxes'].dtype == np.float32 and r['gt_bboxes'].shape == (2, 4)
    assert r['gt_bboxes_labels'].tolist() == [2, 0]
    assert r['gt_ignore_flags'].tolist() == [False, False]
    assert r['gt_masks'].shape == (2, H, W) and r['gt_masks'].dtype == np.uint8
    assert _mask_box(r['gt_masks'][0]) == [10, 20, 40, 50]


def test_load_annotations_rle_mask():
    import pycocotools.mask as mask_util

    m = np.zeros((H, W), np.uint8, order='F')
    m[5:9, 3:12] = 1
    rle = mask_util.encode(m)
    rle['counts'] = rle['counts'].decode()
    r = TRANSFORMS.build(dict(type='LoadAnnotations', with_mask=True, poly2mask=False))(
        dict(ori_shape=(H, W), instances=[dict(bbox=[3, 5, 12, 9], bbox_label=0, mask=rle)])
    )
    # RLE forces the bitmap form even with poly2mask=False.
    assert isinstance(r['gt_masks'], np.ndarray)
    np.testing.assert_array_equal(r['gt_masks'][0], m)


@pytest.mark.parametrize('poly2mask', [True, False])
def test_resize_keep_ratio_scales_boxes_and_masks(poly2mask):
    r = TRANSFORMS.build(dict(type='Resize', scale=(400, 120), keep_ratio=True))(
        _results(poly2mask)
    )
    # 100x60 into at most 400x120 keeping the ratio: factor 2.
    assert r['img'].shape[:2] == (120, 200)
    assert r['scale_factor'] == (2.0, 2.0)
    np.testing.assert_allclose(r['gt_bboxes'][0], [20, 40, 80, 100])
    masks = to_bitmap(r['gt_masks'], 120, 200)
    assert _mask_box(masks[0]) == [20, 40, 80, 100]


def test_resize_without_ratio():
    r = TRANSFORMS.build(dict(type='Resize', scale=(50, 120), keep_ratio=False))(_results())
    assert r['img'].shape[:2] == (120, 50)
    np.testing.assert_allclose(r['scale_factor'], (0.5, 2.0))
    np.testing.assert_allclose(r['gt_bboxes'][0], [5, 40, 20, 100])
    assert r['gt_masks'].shape == (2, 120, 50)


@pytest.mark.parametrize('poly2mask', [True, False])
@pytest.mark.parametrize(
    'direction,expected',
    [
        ('horizontal', [60, 20, 90, 50]),
        ('vertical', [10, 10, 40, 40]),
        ('diagonal', [60, 10, 90, 40]),
    ],
)
def test_flip(poly2mask, direction, expected):
    t = TRANSFORMS.build(dict(type='RandomFlip', prob=1.0, direction=direction))
    r = t(_results(poly2mask))
    assert r['flip'] is True and r['flip_direction'] == direction
    np.testing.assert_allclose(r['gt_bboxes'][0], expected)
    assert _mask_box(to_bitmap(r['gt_masks'], H, W)[0]) == expected
    # The red rectangle moved with the box.
    assert _mask_box(r['img'][..., 2] > 128) == expected


def test_flip_prob_zero_keeps_everything():
    r = TRANSFORMS.build(dict(type='RandomFlip', prob=0.0))(_results())
    assert r['flip'] is False
    np.testing.assert_allclose(r['gt_bboxes'][0], BOX)


@pytest.mark.parametrize('poly2mask', [True, False])
def test_translate_closed_form(poly2mask):
    # level 10 of max_mag 0.2: shift by 0.2 * width = 20 px to the right.
    t = TRANSFORMS.build(dict(type='Translate', prob=1.0, level=10, max_mag=0.2, reversal_prob=0.0))
    r = t(_results(poly2mask))
    np.testing.assert_allclose(r['gt_bboxes'][0], [30, 20, 60, 50])
    assert _mask_box(to_bitmap(r['gt_masks'], H, W)[0]) == [30, 20, 60, 50]
    assert _mask_box(r['img'][..., 2] > 128) == [30, 20, 60, 50]
    # The second box (x 60..90) is clipped to the border at 100.
    np.testing.assert_allclose(r['gt_bboxes'][1], [80, 5, 100, 15])


def test_translate_vertical_drops_boxes_pushed_out():
    t = TRANSFORMS.build(
        dict(type='Translate', prob=1.0, level=10, max_mag=0.5, reversal_prob=1.0,
             direction='vertical')
    )  # fmt: skip
    r = t(_results())  # shift up by 30 px: the top box (y 5..15) leaves the image
    assert len(r['gt_bboxes']) == 1 and r['gt_bboxes_labels'].tolist() == [2]
    np.testing.assert_allclose(r['gt_bboxes'][0], [10, 0, 40, 20])
    assert r['gt_masks'].shape == (1, H, W)


def test_rotate_180_about_centre():
    t = TRANSFORMS.build(dict(type='Rotate', prob=1.0, level=10, max_mag=180.0, reversal_prob=0.0))
    r = t(_results())
    # Rotating by 180 deg about ((W-1)/2, (H-1)/2) maps x -> W-1-x, y -> H-1-y.
    np.testing.assert_allclose(r['gt_bboxes'][0], [W - 1 - 40, H - 1 - 50, W - 1 - 10, H - 1 - 20])
    got = _mask_box(r['gt_masks'][0])
    assert got == [W - 1 - 40 + 1, H - 1 - 50 + 1, W - 1 - 10 + 1, H - 1 - 20 + 1]


def test_rotate_small_angle_box_contains_mask():
    t = TRANSFORMS.build(dict(type='Rotate', prob=1.0, level=5, max_mag=30.0, reversal_prob=0.0))
    r = t(_results(poly2mask=False))
    mask_box = _mask_box(to_bitmap(r['gt_masks'], H, W)[0])
    box = r['gt_bboxes'][0]
    assert box[0] <= mask_box[0] + 1 and box[1] <= mask_box[1] + 1
    assert box[2] >= mask_box[2] - 1 and box[3] >= mask_box[3] - 1
    # A 15-degree turn makes the 30x30 square's envelope wider than 30.
    assert box[2] - box[0] > 35


def test_geometric_prob_zero_is_identity():
    r0 = _results()
    r = TRANSFORMS.build(dict(type='Rotate', prob=0.0, level=10))(_results())
    np.testing.assert_array_equal(r['img'], r0['img'])
    np.testing.assert_allclose(r['gt_bboxes'], r0['gt_bboxes'])


def test_geometric_rejects_bad_level():
    with pytest.raises(ValueError, match='level'):
        TRANSFORMS.build(dict(type='Rotate', level=11))


def test_pad_to_divisor_pads_masks():
    r = TRANSFORMS.build(dict(type='Pad', size_divisor=32))(_results())
    assert r['img'].shape[:2] == (64, 128)
    assert r['pad_shape'] == (64, 128)
    assert r['gt_masks'].shape == (2, 64, 128)
    assert _mask_box(r['gt_masks'][0]) == [10, 20, 40, 50]


def test_random_choice_resize_uses_one_of_the_scales():
    t = TRANSFORMS.build(
        dict(type='RandomChoiceResize', scales=[(1000, 120), (1000, 180)], keep_ratio=True)
    )
    seen = set()
    for _ in range(20):
        r = t(_results())
        seen.add(r['img'].shape[:2])
        assert r['gt_masks'].shape[1:] == r['img'].shape[:2]
        f = r['scale_factor'][0]
        np.testing.assert_allclose(r['gt_bboxes'][0], np.array(BOX) * f, rtol=1e-5)
    assert seen == {(120, 200), (180, 300)}


def test_random_resize_between_scales():
    t = TRANSFORMS.build(
        dict(type='RandomResize', scale=[(1000, 90), (1000, 150)], keep_ratio=True)
    )
    for _ in range(5):
        r = t(_results())
        assert 90 <= r['img'].shape[0] <= 150


def test_auto_augment_applies_a_policy():
    t = TRANSFORMS.build(
        dict(
            type='AutoAugment',
            policies=[
                [
                    dict(
                        type='Translate',
                        prob=1.0,
                        level=10,
                        max_mag=0.2,
                        reversal_prob=0.0,
                        img_fill_val=(124, 116, 104),
                    )
                ],
            ],
        )  # fmt: skip
    )
    r = t(_results())
    np.testing.assert_allclose(r['gt_bboxes'][0], [30, 20, 60, 50])
    # The uncovered strip on the left is filled with img_fill_val.
    assert tuple(r['img'][0, 0]) == (124, 116, 104)


def test_auto_augment_rejects_empty_policy():
    with pytest.raises(ValueError, match='policies'):
        TRANSFORMS.build(dict(type='AutoAugment', policies=[[]]))


def test_pack_det_inputs_interface():
    pipeline = [
        dict(type='Resize', scale=(400, 120), keep_ratio=True),
        dict(type='RandomFlip', prob=1.0),
        dict(type='PackDetInputs'),
    ]
    r = _results(poly2mask=False, crowd=True)
    for cfg in pipeline:
        r = TRANSFORMS.build(cfg)(r)
    inputs, sample = r['inputs'], r['data_samples']
    assert isinstance(sample, DetDataSample)
    assert inputs.dtype == torch.uint8 and inputs.shape == (3, 120, 200)
    gt = sample.gt_instances
    assert gt.bboxes.dtype == torch.float32 and gt.labels.dtype == torch.int64
    torch.testing.assert_close(gt.bboxes, torch.tensor([[120.0, 40.0, 180.0, 100.0]]))
    assert gt.labels.tolist() == [2]
    assert gt.masks.dtype == torch.uint8 and gt.masks.shape == (1, 120, 200)
    # Crowd instances go to ignored_instances.
    torch.testing.assert_close(
        sample.ignored_instances.bboxes, torch.tensor([[20.0, 10.0, 80.0, 30.0]])
    )
    meta = sample.metainfo
    assert meta['img_id'] == 7 and meta['img_shape'] == (120, 200) and meta['ori_shape'] == (H, W)
    assert meta['scale_factor'] == (2.0, 2.0) and meta['flip'] is True
    assert meta['flip_direction'] == 'horizontal' and meta['pad_shape'] == (120, 200)


def test_pack_det_inputs_without_annotations():
    r = TRANSFORMS.build(dict(type='PackDetInputs'))(
        dict(img=np.zeros((5, 6, 3), np.uint8), img_id=1)
    )
    assert r['inputs'].shape == (3, 5, 6)
    assert 'gt_instances' not in r['data_samples']


def test_polygons_loaded_after_resize_stay_in_original_coordinates():
    """Test pipelines load annotations after Resize: masks then match the original image."""
    img = np.zeros((H, W, 3), np.uint8)
    r = dict(
        img=img,
        img_shape=(H, W),
        ori_shape=(H, W),
        instances=[dict(bbox=BOX, bbox_label=0, mask=[POLY])],
    )
    r = TRANSFORMS.build(dict(type='Resize', scale=(400, 120), keep_ratio=True))(r)
    r = TRANSFORMS.build(dict(type='LoadAnnotations', with_mask=True, poly2mask=False))(r)
    r = TRANSFORMS.build(dict(type='PackDetInputs'))(r)
    gt = r['data_samples'].gt_instances
    torch.testing.assert_close(gt.bboxes, torch.tensor([BOX]))
    assert gt.masks.shape == (1, H, W) and _mask_box(gt.masks[0].numpy()) == [10, 20, 40, 50]


def test_images_without_instances_pass_every_transform():
    r = dict(img=np.zeros((H, W, 3), np.uint8), img_shape=(H, W), ori_shape=(H, W), instances=[])
    pipeline = [
        dict(type='LoadAnnotations', with_mask=True, poly2mask=False),
        dict(type='Resize', scale=(200, 120), keep_ratio=True),
        dict(type='RandomFlip', prob=1.0),
        dict(type='Rotate', prob=1.0, level=3),
        dict(type='Translate', prob=1.0, level=3),
        dict(type='Pad', size_divisor=32),
        dict(type='PackDetInputs'),
    ]
    for cfg in pipeline:
        r = TRANSFORMS.build(cfg)(r)
    gt = r['data_samples'].gt_instances
    assert gt.bboxes.shape == (0, 4) and gt.labels.shape == (0,)
    assert gt.masks.shape == (0, 128, 224)


def test_instances_pushed_out_leave_empty_but_valid_gt():
    t = TRANSFORMS.build(dict(type='Translate', prob=1.0, level=10, max_mag=1.0, reversal_prob=0.0))
    r = TRANSFORMS.build(dict(type='PackDetInputs'))(t(_results(poly2mask=False)))
    gt = r['data_samples'].gt_instances
    assert gt.bboxes.shape == (0, 4) and gt.masks.shape == (0, H, W)
