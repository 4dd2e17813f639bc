"""tools/test.py on the shapes demo with the detection data side: mAP, --show-dir, format_only.

The model is a ground-truth oracle (tests/fixtures/oracle_detector.py), so these tests check the
dataset -> pipeline -> CocoMetric / DetLocalVisualizer chain, not a detector.
"""

import json
import pickle

import pytest
import torch

from tests.conftest import REPO_ROOT, run_tool
from tests.fixtures.shapes_demo import shapes_demo_root  # noqa: F401

CLASSES = "('circle', 'rectangle', 'triangle')"


def _config(path, shapes_root, extra=''):
    path.write_text(
        f"_base_ = ['{REPO_ROOT}/configs/_base_/datasets/coco_instance.py',\n"
        f"          '{REPO_ROOT}/configs/_base_/default_runtime.py']\n"
        "custom_imports = dict(imports=['tests.fixtures.oracle_detector'], allow_failed_imports=False)\n"
        "model = dict(type='OracleDetector')\n"
        f"data_root = '{shapes_root}/shapes/'\n"
        "test_pipeline = [dict(type='LoadImageFromFile'),\n"
        "    dict(type='Resize', scale=(512, 384), keep_ratio=True),\n"
        "    dict(type='LoadAnnotations', with_bbox=True, with_mask=True),\n"
        "    dict(type='PackDetInputs', meta_keys=('img_id', 'img_path', 'ori_shape', 'img_shape',\n"
        "                                          'scale_factor'))]\n"
        'test_dataloader = dict(num_workers=0, persistent_workers=False, batch_size=2,\n'
        "    dataset=dict(data_root=data_root, ann_file='annotations/instances_val.json',\n"
        f"                 data_prefix=dict(img='val/'), metainfo=dict(classes={CLASSES}),\n"
        '                 pipeline=test_pipeline))\n'
        "test_evaluator = dict(ann_file=data_root + 'annotations/instances_val.json')\n"
        "test_cfg = dict(type='TestLoop')\n"
        "train_cfg = dict(type='EpochBasedTrainLoop', max_epochs=1)\n"
        "val_cfg = dict(type='ValLoop')\n"
        "optim_wrapper = dict(optimizer=dict(type='SGD', lr=0.01))\n"
        "visualizer = dict(type='DetLocalVisualizer', vis_backends=[dict(type='LocalVisBackend')])\n"
        + extra
    )
    return path


@pytest.fixture(scope='module')
def checkpoint(tmp_path_factory):
    path = tmp_path_factory.mktemp('oracle') / 'oracle.pth'
    torch.save(dict(state_dict=dict(dummy=torch.zeros(1)), meta=dict()), path)
    return path


def test_test_tool_evaluates_bbox_segm_and_draws(shapes_demo_root, checkpoint, tmp_path):  # noqa: F811
    cfg = _config(tmp_path / 'oracle_shapes.py', shapes_demo_root)
    show_dir = tmp_path / 'vis'
    out = tmp_path / 'pred.pkl'
    proc = run_tool(
        'tools/test.py', cfg, checkpoint, '--work-dir', tmp_path / 'work', '--eval', 'bbox', 'segm',
        '--show-dir', show_dir, '--out', out,
    )  # fmt: skip
    text = proc.stdout + proc.stderr
    assert 'coco/bbox_mAP: 1.0000' in text and 'coco/segm_mAP: 1.0000' in text
    assert 'bbox_mAP_copypaste: 1.000 1.000 1.000' in text
    assert len(list(show_dir.glob('*.png'))) == 4
    preds = pickle.loads(out.read_bytes())
    assert len(preds) == 4 and 'pred_instances' in preds[0]


def test_test_tool_format_only_without_ground_truth(shapes_demo_root, checkpoint, tmp_path):  # noqa: F811
    """The walkthrough's `--format-only --options PREFIX` test: images2coco json, results written as COCO json."""
    classes = tmp_path / 'classes.txt'
    classes.write_text('circle\nrectangle\ntriangle\n')
    info = tmp_path / 'test_info.json'
    from mmblog.datasets.converters import images2coco

    images2coco(str(shapes_demo_root / 'shapes/val'), str(classes), str(info))
    extra = (
        "test_dataloader['dataset'].update(ann_file='" + str(info) + "',\n"
        '    test_mode=True, pipeline=[test_pipeline[0], test_pipeline[1], test_pipeline[3]])\n'
        "test_evaluator.update(ann_file='" + str(info) + "', metric=['bbox'])\n"
    )
    cfg = _config(tmp_path / 'oracle_format_only.py', shapes_demo_root, extra)
    prefix = tmp_path / 'results' / 'shapes_test'
    run_tool(
        'tools/test.py', cfg, checkpoint, '--work-dir', tmp_path / 'work',
        '--format-only', '--options', prefix,
    )  # fmt: skip
    results = json.loads((tmp_path / 'results/shapes_test.bbox.json').read_text())
    assert len(results) == 4
    assert {r['image_id'] for r in results} == set(range(4))
    assert results[0]['bbox'] == pytest.approx([64.0, 48.0, 128.0, 96.0])
