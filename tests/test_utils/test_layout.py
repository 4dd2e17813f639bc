"""Spec 08 rule 1: every registered class lives in the file named after it (or a group file)."""

from mmblog.utils.layout import classify, registered_classes, violations
from tests.conftest import REPO_ROOT


def test_every_registered_class_is_in_a_file_named_after_it():
    placements = registered_classes(str(REPO_ROOT))
    names = {p.name: p for p in placements}
    # a sample the checker must see, at the paths spec 08 gives
    assert names['ZFNet'].file == 'mmblog/models/backbones/zfnet.py'
    assert names['MaskRCNN'].file == 'mmblog/models/detectors/mask_rcnn.py'
    assert names['MaxIoUAssigner'].file.startswith('mmblog/models/task_modules/assigners/')
    assert names['ImageNet'].file == 'mmblog/datasets/imagenet.py'
    assert len(placements) >= 90
    assert [(p.name, p.file) for p in violations(placements)] == []


def test_the_checker_catches_misplaced_classes():
    placed = classify(
        [
            ('MODELS', 'AlexNet', 'm/alexnet.py'),
            ('MODELS', 'ZFNet', 'm/alexnet.py'),  # the old layout: must be flagged
            ('MODELS', 'L1HingeLoss', 'm/margin_losses.py'),
            ('MODELS', 'ExpLoss', 'm/margin_losses.py'),
            ('DATASETS', 'CocoDataset', 'd/coco.py'),
            ('MODELS', 'ImageNet', 'd/custom.py'),
        ]
    )
    status = {p.name: p.status for p in placed}
    assert status == {
        'AlexNet': 'VIOLATION',
        'ZFNet': 'VIOLATION',
        'L1HingeLoss': 'group',
        'ExpLoss': 'group',
        'CocoDataset': 'named',
        'ImageNet': 'VIOLATION',
    }


def test_check_layout_tool_lists_classes_with_files(capsys):
    import importlib.util

    path = REPO_ROOT / 'tools' / 'misc' / 'check_layout.py'
    spec = importlib.util.spec_from_file_location('check_layout', path)
    tool = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tool)
    tool.main([])
    lines = capsys.readouterr().out.strip().splitlines()
    assert any(
        'FasterRCNN' in ln and 'mmblog/models/detectors/faster_rcnn.py' in ln for ln in lines
    )
    assert lines[-1].endswith(' 0 violations')
