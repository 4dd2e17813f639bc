"""Masks stay visible on same-coloured objects; labels of crowded boxes do not hide each other."""

import cv2
import numpy as np
import torch
from mmengine.structures import InstanceData

from mmblog.registry import VISUALIZERS
from mmblog.structures import DetDataSample
from mmblog.utils import register_all_modules
from mmblog.visualization.det_local_visualizer import place_labels

register_all_modules()
RED = (220, 20, 60)  # the balloon config's palette colour


def _balloon_image():
    """Grey image with a red 'balloon' disk: the case where a red mask used to vanish."""
    img = np.full((120, 160, 3), 120, np.uint8)
    mask = np.zeros((120, 160), np.uint8)
    cv2.circle(mask, (80, 60), 35, 1, -1)
    img[mask.astype(bool)] = RED
    return img, mask


def _draw(img, instances, name):
    vis = VISUALIZERS.build(dict(type='DetLocalVisualizer', name=name, line_width=2))
    vis.dataset_meta = dict(classes=('balloon',), palette=[RED])
    sample = DetDataSample(metainfo=dict(img_id=0, ori_shape=img.shape[:2]))
    sample.pred_instances = instances
    return vis, vis.add_datasample(name, img, data_sample=sample, draw_gt=False)


def test_mask_on_same_coloured_object_is_visible_with_an_outline():
    img, mask = _balloon_image()
    instances = InstanceData(
        bboxes=torch.tensor([[45.0, 25.0, 115.0, 95.0]]),
        labels=torch.tensor([0]),
        scores=torch.tensor([0.99]),
        masks=torch.from_numpy(mask[None]).bool(),
    )
    _, drawn = _draw(img, instances, 'contrast_1')
    inside = mask.astype(bool) & (cv2.erode(mask, np.ones((9, 9), np.uint8)) > 0)
    # inside the balloon (away from outline and label): the mask tint changed it clearly; a red
    # fill on the red balloon would leave it within a few levels of the original
    core = inside.copy()
    core[:55] = False  # below the label tag
    change = np.abs(drawn[core].astype(int) - img[core].astype(int)).sum(1).mean()
    assert change > 150, change
    # the outline: pixels on the mask border differ from both the image and the fill
    border = mask.astype(bool) & ~(cv2.erode(mask, np.ones((3, 3), np.uint8)) > 0)
    border[:55] = False
    on_border = np.abs(drawn[border].astype(int) - img[border].astype(int)).sum(1)
    assert (on_border > 150).mean() > 0.5


def test_contrast_keeps_a_distinct_class_colour():
    img, mask = _balloon_image()
    img[:] = 120  # a grey object: the red class colour is kept
    instances = InstanceData(
        bboxes=torch.tensor([[45.0, 25.0, 115.0, 95.0]]),
        labels=torch.tensor([0]),
        scores=torch.tensor([0.99]),
        masks=torch.from_numpy(mask[None]).bool(),
    )
    _, drawn = _draw(img, instances, 'contrast_2')
    pixel = drawn[85, 80].astype(int)
    assert pixel[0] > pixel[1] + 60 and pixel[0] > pixel[2] + 40  # reddish


def test_crowded_labels_do_not_overlap_on_the_drawn_image():
    img = np.full((240, 320, 3), 120, np.uint8)
    boxes = torch.tensor(
        [[40.0, 40.0, 240.0, 200.0], [44.0, 44.0, 220.0, 190.0], [48.0, 42.0, 200.0, 180.0]]
    )
    instances = InstanceData(
        bboxes=boxes, labels=torch.tensor([0, 0, 0]), scores=torch.tensor([0.9, 0.8, 0.7])
    )
    vis, drawn = _draw(img, instances, 'labels_1')
    rects = vis.label_rects
    assert len(rects) == 3
    for i, (x, y, w, h) in enumerate(rects):
        assert 0 <= x and x + w <= 320 + 1e-6 and 0 <= y and y + h <= 240 + 1e-6
        for xo, yo, wo, ho in rects[i + 1 :]:
            assert x + w <= xo or xo + wo <= x or y + h <= yo or yo + ho <= y
        # each tag is drawn where it was placed: its area is mostly the dark tag (grey 120
        # elsewhere; the light text covers a minority of it)
        tag = drawn[int(y) + 2 : int(y + h) - 2, int(x) + 2 : int(x + w) - 2].mean(2)
        assert (tag < 100).mean() > 0.5


def test_place_labels_prefers_inside_then_outside_then_slides():
    boxes = np.array([[10, 40, 90, 100], [12, 42, 80, 95]], float)
    corners = place_labels(boxes, [(50, 12), (50, 12)], 200, 200, inset=2)
    assert corners[0] == (12.0, 42.0)  # inside the top-left corner
    assert corners[1] == (12.0, 30.0)  # above its box: the inside spot is taken
    # a label that fits nowhere else slides down instead of covering another
    many = place_labels(np.array([[0, 0, 60, 20]] * 4, float), [(40, 10)] * 4, 60, 60, inset=0)
    ys = sorted(y for _, y in many)
    assert all(b - a >= 10 for a, b in zip(ys, ys[1:]))
