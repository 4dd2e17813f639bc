"""DetInferencer / ClsInferencer (mmengine BaseInferencer) agree with the function APIs."""

import numpy as np
import torch

from mmblog.apis import (
    ClsInferencer,
    DetInferencer,
    inference_classifier,
    inference_detector,
    init_model,
)
from tests.conftest import REPO_ROOT

FASTER = str(REPO_ROOT / 'configs/faster_rcnn/faster_rcnn_r50_fpn_1x_coco_demo.py')


def test_det_inferencer_matches_inference_detector(tmp_path):
    torch.manual_seed(0)
    inferencer = DetInferencer(FASTER, device='cpu')
    inferencer.model.roi_head.test_cfg['score_thr'] = 0.0  # untrained: keep every box
    img = np.random.default_rng(0).integers(0, 255, (120, 160, 3), dtype=np.uint8)
    out = inferencer([img, img], out_dir=str(tmp_path), score_thr=0.0)
    ref = inference_detector(inferencer.model, img).pred_instances
    assert len(out['predictions']) == 2 and len(ref.bboxes) > 0
    for pred in out['predictions']:
        np.testing.assert_allclose(pred['bboxes'], ref.bboxes.numpy(), rtol=0, atol=1e-4)
        np.testing.assert_array_equal(pred['labels'], ref.labels.numpy())
        assert pred['bboxes'][:, 2].max() <= 160 and pred['bboxes'][:, 3].max() <= 120
    assert sorted(p.name for p in tmp_path.iterdir()) == ['00000.png', '00001.png']


def test_cls_inferencer_matches_inference_classifier(mnist_demo_config):
    inferencer = ClsInferencer(str(mnist_demo_config), device='cpu')
    img = np.random.default_rng(0).integers(0, 255, (28, 28), dtype=np.uint8)
    (pred,) = inferencer(img, topk=3)['predictions']
    ref = inference_classifier(inferencer.model, img, topk=3)
    assert pred['topk'] == ref['topk'] and len(pred['topk']) == 3
    np.testing.assert_allclose(pred['scores'].sum(), 1.0, rtol=1e-5)
    assert init_model(str(mnist_demo_config)).training is False
