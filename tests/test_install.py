"""The pinned torch/torchvision pair really provides torchvision's compiled ops."""

import re
from pathlib import Path

import torch
import torchvision
from torchvision.ops import nms, roi_align

PINS = Path(__file__).resolve().parents[1] / 'requirements' / 'runtime.txt'


def _pinned(name: str) -> str:
    match = re.search(rf'^{name}==(\S+)', PINS.read_text(), flags=re.M)
    assert match, f'{name} is not pinned in {PINS}'
    return match.group(1)


def test_installed_versions_are_the_pinned_ones():
    assert torch.__version__.split('+')[0] == _pinned('torch')
    assert torchvision.__version__.split('+')[0] == _pinned('torchvision')


def test_torchvision_nms_runs_and_suppresses_overlaps():
    boxes = torch.tensor([[0, 0, 10, 10], [1, 1, 10, 10], [20, 20, 30, 30]], dtype=torch.float)
    scores = torch.tensor([0.9, 0.8, 0.7])
    keep = nms(boxes, scores, iou_threshold=0.5)
    # IoU of the first two is 81/100 > 0.5, so the second goes; the far box stays.
    assert keep.tolist() == [0, 2]


def test_torchvision_roi_align_averages_a_constant_map():
    feat = torch.full((1, 1, 8, 8), 3.0)
    rois = torch.tensor([[0, 1.0, 1.0, 5.0, 5.0]])
    out = roi_align(feat, rois, output_size=(2, 2), spatial_scale=1.0, sampling_ratio=2)
    assert out.shape == (1, 1, 2, 2)
    assert torch.allclose(out, torch.full_like(out, 3.0))


def test_mmblog_never_imports_mmcv_ops():
    """mmcv-lite ships no compiled ops (mmcv._ext); detection ops come from torchvision."""
    import mmcv

    assert mmcv.__version__ == _pinned('mmcv-lite')
    root = Path(__file__).resolve().parents[1]
    offenders = [
        str(p.relative_to(root))
        for folder in ('mmblog', 'tools', 'demo', 'configs')
        for p in (root / folder).rglob('*.py')
        if re.search(r'^\s*(from|import) mmcv\.ops', p.read_text(), flags=re.M)
    ]
    assert offenders == []
