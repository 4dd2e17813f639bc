"""Detection configs: MMDetection's shapes, the seed's changes, and that every model builds."""

import pytest
import torch
from mmengine.config import Config
from mmengine.utils import import_modules_from_strings

from mmblog.registry import MODELS
from mmblog.utils import register_all_modules
from tests.conftest import REPO_ROOT

register_all_modules()

PAPER = [
    'configs/faster_rcnn/faster_rcnn_r50_fpn_1x_coco.py',
    'configs/faster_rcnn/faster_rcnn_r50_fpn_2x_coco.py',
    'configs/mask_rcnn/mask_rcnn_r50_caffe_fpn_mstrain-poly_1x_coco.py',
    'configs/balloon/mask_rcnn_r50_caffe_fpn_mstrain-poly_1x_balloon.py',
    'configs/cityscapes/cascade_mask_rcnn_r50_augfpn_autoaug_10e_cityscapes.py',
]
DEMOS = [p.replace('.py', '_demo.py') for p in PAPER if '2x' not in p] + [
    'configs/faster_rcnn/faster_rcnn_r50_fpn_1x_coco_demo.py'
]


def load(path: str) -> Config:
    cfg = Config.fromfile(str(REPO_ROOT / path))
    if cfg.get('custom_imports'):
        import_modules_from_strings(**cfg.custom_imports)
    return cfg


@pytest.mark.parametrize('path', sorted(set(PAPER + DEMOS)))
def test_every_detection_config_builds_its_model(path):
    cfg = load(path)
    model = MODELS.build(cfg.model)
    assert type(model).__name__ == cfg.model.type
    assert cfg.visualizer.type == 'DetLocalVisualizer'
    if path in DEMOS:
        assert 'data/demo/' in str(cfg.train_dataloader) and 'data/demo/' in str(cfg.val_evaluator)


def test_schedules_are_mmdetections():
    one = load('configs/faster_rcnn/faster_rcnn_r50_fpn_1x_coco.py')
    assert one.optim_wrapper.optimizer == dict(
        type='SGD', lr=0.02, momentum=0.9, weight_decay=0.0001
    )
    warmup, steps = one.param_scheduler
    assert (warmup.type, warmup.start_factor, warmup.end, warmup.by_epoch) == (
        'LinearLR',
        0.001,
        500,
        False,
    )
    assert steps.milestones == [8, 11] and one.train_cfg.max_epochs == 12
    two = load('configs/faster_rcnn/faster_rcnn_r50_fpn_2x_coco.py')
    assert two.param_scheduler[1].milestones == [16, 22] and two.train_cfg.max_epochs == 24


def test_balloon_config_changes_classes_data_and_load_from():
    cfg = load('configs/balloon/mask_rcnn_r50_caffe_fpn_mstrain-poly_1x_balloon.py')
    assert (
        cfg.model.roi_head.bbox_head.num_classes == 1
        and cfg.model.roi_head.mask_head.num_classes == 1
    )
    ds = cfg.train_dataloader.dataset
    assert ds.metainfo.classes == ('balloon',) and ds.ann_file == 'train/annotation_coco.json'
    assert cfg.val_evaluator.ann_file == 'data/balloon/val/annotation_coco.json'
    assert cfg.load_from.startswith('checkpoints/mask_rcnn_r50_caffe_fpn_mstrain-poly_3x_coco')
    # inherited: caffe-style backbone, multi-scale training with polygon masks
    assert cfg.model.backbone.style == 'caffe' and not cfg.model.data_preprocessor.bgr_to_rgb
    assert cfg.train_pipeline[2].type == 'RandomChoiceResize'
    assert cfg.train_pipeline[1].poly2mask is False


def test_cityscapes_config_cascade_augfpn_and_autoaugment():
    cfg = load('configs/cityscapes/cascade_mask_rcnn_r50_augfpn_autoaug_10e_cityscapes.py')
    assert cfg.custom_imports == dict(
        imports=['projects.augfpn.augfpn'], allow_failed_imports=False
    )
    model = MODELS.build(cfg.model)
    assert type(model.neck).__module__ == 'projects.augfpn.augfpn'
    head = model.roi_head
    assert head.num_stages == 3 and head.stage_loss_weights == [1, 0.5, 0.25]
    weights = [h.bbox_coder.weights for h in head.bbox_head]
    assert weights == [
        pytest.approx((10, 10, 5, 5)),
        pytest.approx((20, 20, 10, 10)),
        pytest.approx((30, 30, 15, 15)),
    ]
    assert all(h.reg_class_agnostic and h.num_classes == 8 for h in head.bbox_head)
    assert [r.assigner.pos_iou_thr for r in cfg.model.train_cfg.rcnn] == [0.5, 0.6, 0.7]
    auto = [t for t in cfg.train_pipeline if t.type == 'AutoAugment'][0]
    kinds = {t.type for policy in auto.policies for t in policy}
    assert kinds == {'Rotate', 'Translate'}
    # the user's neck runs: AugFPN keeps FPN's output shapes
    feats = tuple(
        torch.randn(1, c, 64 // 2**i, 64 // 2**i) for i, c in enumerate([256, 512, 1024, 2048])
    )
    outs = model.neck(feats)
    assert [o.shape[-1] for o in outs] == [64, 32, 16, 8, 4]
