"""FasterRCNN / MaskRCNN / CascadeRCNN assembled from the demo configs: losses, predictions,
rescaling, and learning on a fixed batch."""

import pytest
import torch
from mmengine.config import Config
from mmengine.structures import InstanceData
from mmengine.utils import import_modules_from_strings

from mmblog.registry import MODELS
from mmblog.structures.det_data_sample import DetDataSample
from mmblog.utils import register_all_modules
from tests.conftest import REPO_ROOT

register_all_modules()

CONFIGS = {
    'faster': 'configs/faster_rcnn/faster_rcnn_r50_fpn_1x_coco_demo.py',
    'mask': 'configs/mask_rcnn/mask_rcnn_r50_caffe_fpn_mstrain-poly_1x_coco_demo.py',
    'cascade': 'configs/cityscapes/cascade_mask_rcnn_r50_augfpn_autoaug_10e_cityscapes_demo.py',
}


def build(name: str):
    cfg = Config.fromfile(str(REPO_ROOT / CONFIGS[name]))
    if cfg.get('custom_imports'):
        import_modules_from_strings(**cfg.custom_imports)
    torch.manual_seed(0)
    model = MODELS.build(cfg.model)
    model.init_weights()
    return model


def batch(scale: float = 1.0, n: int = 2) -> dict:
    """Two 96x128 images with a bright square and a bright bar (boxes + masks), BGR uint8."""
    inputs, samples = [], []
    for i in range(n):
        img = torch.full((3, 96, 128), 60, dtype=torch.uint8)
        img[:, 20:60, 10:50] = 230
        img[2, 30:80, 70 + 4 * i : 120] = 250
        masks = torch.zeros(2, 96, 128, dtype=torch.uint8)
        masks[0, 20:60, 10:50] = 1
        masks[1, 30:80, 70 + 4 * i : 120] = 1
        s = DetDataSample(
            metainfo=dict(
                img_shape=(96, 128),
                ori_shape=(round(96 / scale), round(128 / scale)),
                scale_factor=(scale, scale),
            )
        )
        s.gt_instances = InstanceData(
            bboxes=torch.tensor([[10.0, 20.0, 50.0, 60.0], [70.0 + 4 * i, 30.0, 120.0, 80.0]]),
            labels=torch.tensor([0, 1]),
            masks=masks,
        )
        inputs.append(img)
        samples.append(s)
    return dict(inputs=inputs, data_samples=samples)


@pytest.mark.parametrize(
    'name,keys',
    [
        ('faster', {'loss_rpn_cls', 'loss_rpn_bbox', 'loss_cls', 'loss_bbox', 'acc'}),
        ('mask', {'loss_rpn_cls', 'loss_rpn_bbox', 'loss_cls', 'loss_bbox', 'acc', 'loss_mask'}),
        (
            'cascade',
            {'loss_rpn_cls', 'loss_rpn_bbox'}
            | {
                f's{i}.{k}' for i in range(3) for k in ('loss_cls', 'loss_bbox', 'acc', 'loss_mask')
            },
        ),
    ],
)
def test_loss_keys_and_prediction_fields(name, keys):
    model = build(name)
    model.train()
    losses = model(**model.data_preprocessor(batch(), True), mode='loss')
    assert set(losses) == keys
    assert all(torch.isfinite(v).all() for v in losses.values())
    model.eval()
    with torch.no_grad():
        out = model(**model.data_preprocessor(batch(scale=0.5), False), mode='predict')
        feats, (rpn_cls, rpn_reg) = model(**model.data_preprocessor(batch(), False), mode='tensor')
    assert len(feats) == 5 and len(rpn_cls) == 5
    pred = out[0].pred_instances
    n = len(pred)
    assert 0 < n <= 100
    assert pred.bboxes.shape == (n, 4) and pred.scores.shape == (n,) and pred.labels.shape == (n,)
    assert pred.labels.max() < (3 if name != 'cascade' else 8)
    # boxes are in the ORIGINAL image (twice the input size here)
    assert pred.bboxes[:, 0::2].max() <= 256 and pred.bboxes[:, 1::2].max() <= 192
    if name != 'faster':
        assert pred.masks.shape == (n, 192, 256) and pred.masks.dtype == torch.bool


def test_predictions_are_rescaled_by_scale_factor():
    model = build('faster').eval()
    # an untrained model scores low: keep every box so there is something to compare
    model.roi_head.test_cfg['score_thr'] = 0.0
    with torch.no_grad():
        full = model(**model.data_preprocessor(batch(scale=1.0), False), mode='predict')
        half = model(**model.data_preprocessor(batch(scale=0.5), False), mode='predict')
    a, b = full[0].pred_instances, half[0].pred_instances
    assert len(a.bboxes) > 0 and a.bboxes.shape == b.bboxes.shape
    assert torch.allclose(b.bboxes, a.bboxes * 2) and torch.equal(a.labels, b.labels)
    # boxes are clipped to the original image, which is twice as large at scale 0.5
    assert float(b.bboxes[:, 2].max()) <= 256 and float(a.bboxes[:, 2].max()) <= 128


@pytest.mark.slow
@pytest.mark.parametrize('name', ['faster', 'mask'])
def test_a_few_training_steps_reduce_the_loss(name):
    model = build(name)
    model.train()
    from mmengine.optim import OptimWrapper

    optim = OptimWrapper(torch.optim.SGD(model.parameters(), lr=0.005, momentum=0.9))
    data = batch()
    history, rpn = [], []
    for _ in range(20):
        log = model.train_step(data, optim)
        history.append(log['loss'].item())
        rpn.append(log['loss_rpn_cls'].item())
    # the RoI losses wobble while the RPN starts to find the objects; the trend is down
    assert sum(history[-5:]) / 5 < 0.75 * sum(history[:3]) / 3, history
    assert sum(rpn[-5:]) / 5 < 0.5 * rpn[0], rpn


def test_missing_train_cfg_and_bad_mode_are_clear_errors():
    model = build('faster')
    model.rpn_head.train_cfg = None
    data = model.data_preprocessor(batch(), True)
    with pytest.raises(RuntimeError, match='train_cfg'):
        model(**data, mode='loss')
    with pytest.raises(ValueError, match='mode'):
        model(**data, mode='nonsense')
