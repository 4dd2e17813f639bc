"""DetLocalVisualizer draws boxes, masks and labels and fits VisualizationHook's call."""

import numpy as np
import torch
from mmengine.structures import InstanceData

from mmblog.registry import VISUALIZERS
from mmblog.structures import DetDataSample
from mmblog.utils import register_all_modules

register_all_modules()


def _sample():
    s = DetDataSample(metainfo=dict(img_id=1, ori_shape=(80, 120)))
    mask = torch.zeros(1, 80, 120, dtype=torch.uint8)
    mask[0, 40:70, 60:110] = 1
    s.gt_instances = InstanceData(
        bboxes=torch.tensor([[10.0, 10.0, 50.0, 40.0]]), labels=torch.tensor([1]), masks=mask
    )
    s.pred_instances = InstanceData(
        bboxes=torch.tensor([[10.0, 10.0, 50.0, 40.0], [60.0, 40.0, 110.0, 70.0]]),
        labels=torch.tensor([1, 0]),
        scores=torch.tensor([0.9, 0.1]),
        masks=torch.cat([torch.zeros_like(mask), mask]).bool(),
    )
    return s


def test_draws_gt_and_pred_side_by_side(tmp_path):
    vis = VISUALIZERS.build(dict(type='DetLocalVisualizer', name='det_vis_test_1', line_width=2))
    vis.dataset_meta = dict(classes=('a', 'b'), palette=[(255, 0, 0), (0, 255, 0)])
    img = np.full((80, 120, 3), 128, np.uint8)
    out = tmp_path / 'x.png'
    drawn = vis.add_datasample(
        'x', img, data_sample=_sample(), out_file=str(out), pred_score_thr=0.3
    )
    assert drawn.shape == (80, 240, 3) and out.is_file()
    gt, pred = drawn[:, :120], drawn[:, 120:]
    # GT box (label 1: green) outline at x=10; the mask region is tinted.
    assert gt[25, 10, 1] > 200 and gt[25, 10, 0] < 100
    assert not np.array_equal(gt[55, 85], img[55, 85])
    # The low-score prediction (0.1 < 0.3) is not drawn; with a lower threshold it is.
    assert np.array_equal(pred[55, 85], img[55, 85])
    low = vis.add_datasample(
        'x2', img, data_sample=_sample(), out_file=str(out), pred_score_thr=0.05
    )
    assert not np.array_equal(low[55, 120 + 85], img[55, 85])


def test_hook_style_call_and_pred_only(tmp_path):
    vis = VISUALIZERS.build(dict(type='DetLocalVisualizer', name='det_vis_test_2'))
    img = np.zeros((80, 120, 3), np.uint8)
    # VisualizationHook: add_datasample(name, image, data_sample=, show=, wait_time=, out_file=, step=)
    drawn = vis.add_datasample(
        'y',
        img,
        data_sample=_sample(),
        show=False,
        wait_time=0,
        out_file=str(tmp_path / 'y.png'),
        step=3,
    )
    assert drawn.shape == (80, 240, 3)
    only_pred = vis.add_datasample(
        'z', img, data_sample=_sample(), draw_gt=False, out_file=str(tmp_path / 'z.png')
    )
    assert only_pred.shape == (80, 120, 3) and only_pred.any()


def test_empty_predictions_and_no_palette(tmp_path):
    vis = VISUALIZERS.build(dict(type='DetLocalVisualizer', name='det_vis_test_3'))
    s = DetDataSample(metainfo=dict(img_id=1))
    s.pred_instances = InstanceData(
        bboxes=torch.zeros(0, 4), labels=torch.zeros(0, dtype=torch.long), scores=torch.zeros(0)
    )
    img = np.full((30, 40, 3), 7, np.uint8)
    drawn = vis.add_datasample('e', img, data_sample=s, out_file=str(tmp_path / 'e.png'))
    np.testing.assert_array_equal(drawn, img)
    s.pred_instances = InstanceData(
        bboxes=torch.tensor([[2.0, 2.0, 20.0, 20.0]]),
        labels=torch.tensor([5]),
        scores=torch.tensor([0.8]),
    )
    drawn = vis.add_datasample('f', img, data_sample=s, out_file=str(tmp_path / 'f.png'))
    assert not np.array_equal(drawn, img)
