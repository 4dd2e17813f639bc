"""mmblog.models.converters.torchvision_rcnn (tools/model_converters/torchvision2mmblog.py): a torchvision R-CNN with random weights gives
the same detections in mmblog after conversion."""

import pytest
import torch
import torchvision
from mmengine.config import Config

from mmblog.registry import MODELS
from mmblog.structures.det_data_sample import DetDataSample
from mmblog.utils import register_all_modules
from tests.conftest import REPO_ROOT, run_tool

register_all_modules()

from mmblog.models.converters import torchvision_rcnn as conv  # noqa: E402

H, W = 256, 352


def _randomise_bn(model: torch.nn.Module) -> None:
    """Non-trivial BN statistics, so a wrong BN mapping cannot go unnoticed."""
    g = torch.Generator().manual_seed(1)
    for m in model.modules():
        if isinstance(m, torch.nn.BatchNorm2d):
            m.running_mean.copy_(torch.randn(m.num_features, generator=g) * 0.1)
            m.running_var.copy_(torch.rand(m.num_features, generator=g) + 0.5)


def _pair(kind: str, num_classes: int = 91):
    torch.manual_seed(0)
    builder = getattr(torchvision.models.detection, f'{kind}rcnn_resnet50_fpn')
    tv = builder(
        weights=None, weights_backbone=None, num_classes=num_classes, min_size=H, max_size=4000
    )
    _randomise_bn(tv)
    tv.eval()
    base = 'faster_rcnn_r50_fpn' if kind == 'faster' else 'mask_rcnn_r50_fpn'
    cfg = Config.fromfile(str(REPO_ROOT / f'configs/_base_/models/{base}.py'))
    cfg.model.roi_head.bbox_head.num_classes = num_classes - 1
    if kind == 'mask':
        cfg.model.roi_head.mask_head.num_classes = num_classes - 1
    mm = MODELS.build(cfg.model)
    result = mm.load_state_dict(conv.convert(tv.state_dict()), strict=False)
    assert not result.unexpected_keys
    assert all(k.endswith('num_batches_tracked') for k in result.missing_keys)
    return tv, mm.eval()


def _run_both(tv, mm):
    img = torch.randint(
        0, 256, (3, H, W), dtype=torch.uint8, generator=torch.Generator().manual_seed(2)
    )
    with torch.no_grad():
        ref = tv([img.float() / 255])[0]
        sample = DetDataSample(
            metainfo=dict(img_shape=(H, W), ori_shape=(H, W), scale_factor=(1.0, 1.0))
        )
        # mmblog gets BGR, as mmcv loads images
        data = mm.data_preprocessor(dict(inputs=[img.flip(0)], data_samples=[sample]))
        out = mm(**data, mode='predict')[0].pred_instances
    return ref, out


@pytest.mark.slow
def test_converted_faster_rcnn_gives_torchvisions_boxes():
    tv, mm = _pair('faster')
    ref, out = _run_both(tv, mm)
    assert len(ref['boxes']) > 10  # a meaningful comparison: many detections
    assert out.bboxes.shape == ref['boxes'].shape
    assert (out.bboxes - ref['boxes']).abs().max() <= 1e-4
    assert (out.scores - ref['scores']).abs().max() <= 1e-5
    assert torch.equal(out.labels + 1, ref['labels'])  # torchvision's label 0 is background


@pytest.mark.slow
def test_converted_mask_rcnn_gives_torchvisions_boxes_and_masks():
    tv, mm = _pair('mask', num_classes=5)
    ref, out = _run_both(tv, mm)
    assert len(ref['boxes']) >= 3
    assert (out.bboxes - ref['boxes']).abs().max() <= 1e-4
    assert torch.equal(out.labels + 1, ref['labels'])
    assert torch.equal(out.masks, ref['masks'][:, 0] > 0.5)


def test_coco80_keeps_the_80_real_categories_in_id_order():
    sd = {
        'roi_heads.box_predictor.cls_score.weight': torch.arange(91.0)[:, None],
        'roi_heads.box_predictor.bbox_pred.weight': torch.arange(91.0).repeat_interleave(4)[
            :, None
        ],
    }
    out = conv.convert(sd, coco80=True)
    cls = out['roi_head.bbox_head.fc_cls.weight'][:, 0]
    assert len(conv.COCO80_IDS) == 80 and cls.shape == (81,)
    assert cls[:3].tolist() == [1, 2, 3] and cls[11].item() == 13 and cls[-1].item() == 0
    reg = out['roi_head.bbox_head.fc_reg.weight'][:, 0]
    assert reg.shape == (320,) and reg[:8].tolist() == [1, 1, 1, 1, 2, 2, 2, 2]
    assert conv.convert(sd)['roi_head.bbox_head.fc_cls.weight'].shape == (91, 1)


def test_cli_writes_a_loadable_checkpoint_and_rejects_foreign_state_dicts(tmp_path):
    torch.manual_seed(0)
    tv = torchvision.models.detection.fasterrcnn_resnet50_fpn(
        weights=None, weights_backbone=None, num_classes=3
    )
    src, dst = tmp_path / 'tv.pth', tmp_path / 'out' / 'mm.pth'
    torch.save(tv.state_dict(), src)
    proc = run_tool('tools/model_converters/torchvision2mmblog.py', src, dst)
    assert 'num_classes=2' in proc.stdout and dst.is_file()
    assert not list((tmp_path / 'out').glob('*.tmp'))
    ckpt = torch.load(dst, weights_only=True)
    assert ckpt['meta']['num_classes'] == 2 and 'neck.fpn_convs.3.weight' in ckpt['state_dict']

    bad = tmp_path / 'bad.pth'
    torch.save({'fc.weight': torch.zeros(1)}, bad)
    proc = run_tool(
        'tools/model_converters/torchvision2mmblog.py', bad, tmp_path / 'x.pth', check=False
    )
    assert proc.returncode != 0 and 'not a torchvision Faster/Mask R-CNN' in proc.stderr
    assert not (tmp_path / 'x.pth').exists()
