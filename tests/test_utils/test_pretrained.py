"""Paper detection configs start from pretrained backbones; offline the error is one line."""

import pytest
import torch
import torchvision
from mmengine.config import Config
from mmengine.registry import init_default_scope

from mmblog.registry import MODELS
from mmblog.utils import MissingDataError, install_checkpoint_loader, register_all_modules
from mmblog.utils.pretrained import OFFLINE_ENV, pretrained_cache_path
from tests.conftest import REPO_ROOT

TV_R50 = 'torchvision://resnet50'
CAFFE_R50 = 'open-mmlab://detectron2/resnet50_caffe'
PAPER = {
    'configs/faster_rcnn/faster_rcnn_r50_fpn_1x_coco.py': TV_R50,
    'configs/faster_rcnn/faster_rcnn_r50_fpn_2x_coco.py': TV_R50,
    'configs/mask_rcnn/mask_rcnn_r50_fpn_1x_coco.py': TV_R50,
    'configs/mask_rcnn/mask_rcnn_r50_caffe_fpn_mstrain-poly_1x_coco.py': CAFFE_R50,
    'configs/cityscapes/cascade_mask_rcnn_r50_augfpn_autoaug_10e_cityscapes.py': TV_R50,
}
DEMO = [
    'configs/faster_rcnn/faster_rcnn_r50_fpn_1x_coco_demo.py',
    'configs/mask_rcnn/mask_rcnn_r50_caffe_fpn_mstrain-poly_1x_coco_demo.py',
    'configs/balloon/mask_rcnn_r50_caffe_fpn_mstrain-poly_1x_balloon_demo.py',
    'configs/cityscapes/cascade_mask_rcnn_r50_augfpn_autoaug_10e_cityscapes_demo.py',
]


def test_paper_configs_start_from_pretrained_backbones_and_demos_from_scratch():
    for path, checkpoint in PAPER.items():
        init = Config.fromfile(str(REPO_ROOT / path)).model.backbone.init_cfg
        assert init == dict(type='Pretrained', checkpoint=checkpoint), path
    for path in DEMO:
        assert Config.fromfile(str(REPO_ROOT / path)).model.backbone.init_cfg is None, path


def _faster_r18(checkpoint: str):
    cfg = Config.fromfile(str(REPO_ROOT / 'configs/faster_rcnn/faster_rcnn_r50_fpn_1x_coco.py'))
    cfg.merge_from_dict(
        {
            'model.backbone.depth': 18,
            'model.backbone.init_cfg.checkpoint': checkpoint,
            'model.neck.in_channels': [64, 128, 256, 512],
        }
    )
    register_all_modules(init_default_scope=False)
    init_default_scope('mmblog')
    return MODELS.build(cfg.model)


def test_offline_without_cache_is_one_line_naming_file_and_commands(tmp_path, monkeypatch):
    monkeypatch.setenv('TORCH_HOME', str(tmp_path))
    monkeypatch.setenv(OFFLINE_ENV, '1')
    install_checkpoint_loader()
    model = _faster_r18(TV_R50)
    with pytest.raises(MissingDataError) as info:
        model.init_weights()
    msg = str(info.value)
    assert '\n' not in msg
    assert str(tmp_path / 'hub/checkpoints/resnet50-0676ba61.pth') in msg
    assert 'https://download.pytorch.org/models/resnet50-0676ba61.pth' in msg
    assert 'torchvision2mmblog.py' in msg and 'init_cfg.checkpoint=LOCAL.pth' in msg
    caffe = pretrained_cache_path(CAFFE_R50)
    assert caffe.endswith('resnet50_msra-5891d200.pth')


def test_cached_torchvision_weights_load_offline(tmp_path, monkeypatch):
    monkeypatch.setenv('TORCH_HOME', str(tmp_path))
    monkeypatch.setenv(OFFLINE_ENV, '1')
    install_checkpoint_loader()
    torch.manual_seed(0)
    tv = torchvision.models.resnet18()
    path = pretrained_cache_path('torchvision://resnet18')
    (tmp_path / 'hub/checkpoints').mkdir(parents=True)
    torch.save(tv.state_dict(), path)
    model = _faster_r18('torchvision://resnet18')
    model.init_weights()
    assert torch.equal(model.backbone.conv1.weight, tv.conv1.weight)
    assert torch.equal(model.backbone.layer4[1].bn2.running_var, tv.layer4[1].bn2.running_var)
