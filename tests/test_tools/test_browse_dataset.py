"""browse_dataset.py draws a config's training ground truth (after its pipeline) to PNGs."""

import cv2
import pytest

from tests.conftest import REPO_ROOT, run_tool
from tests.fixtures.shapes_demo import shapes_demo_root  # noqa: F401


@pytest.fixture()
def shapes_config(shapes_demo_root, tmp_path):  # noqa: F811
    path = tmp_path / 'shapes_instance.py'
    path.write_text(
        f"_base_ = ['{REPO_ROOT}/configs/_base_/datasets/coco_instance.py',\n"
        f"          '{REPO_ROOT}/configs/_base_/default_runtime.py']\n"
        f"data_root = '{shapes_demo_root}/shapes/'\n"
        'train_pipeline = [\n'
        "    dict(type='LoadImageFromFile'),\n"
        "    dict(type='LoadAnnotations', with_bbox=True, with_mask=True, poly2mask=False),\n"
        "    dict(type='RandomChoiceResize', scales=[(512, 320), (512, 384)], keep_ratio=True),\n"
        "    dict(type='RandomFlip', prob=0.5),\n"
        "    dict(type='AutoAugment', policies=[[dict(type='Rotate', level=5, prob=0.5)],\n"
        "         [dict(type='Translate', level=5, prob=0.5)]]),\n"
        "    dict(type='PackDetInputs'),\n"
        ']\n'
        'train_dataloader = dict(dataset=dict(data_root=data_root,\n'
        "    ann_file='annotations/instances_train.json', data_prefix=dict(img='train/'),\n"
        "    metainfo=dict(classes=('circle', 'rectangle', 'triangle')), pipeline=train_pipeline))\n"
    )
    return path


def test_browse_dataset_writes_pngs(shapes_config, tmp_path):
    out = tmp_path / 'browse'
    proc = run_tool(
        'tools/analysis_tools/browse_dataset.py', shapes_config, '--output-dir', out,
        '--not-show', '--max-images', '3',
    )  # fmt: skip
    files = sorted(out.glob('*.png'))
    assert len(files) == 3 and 'wrote 3 images' in proc.stdout
    img = cv2.imread(str(files[0]))
    # Drawn at the pipeline's scale: the 256x192 images become 427x320 or 512x384.
    assert img.shape[:2] in ((320, 427), (384, 512))


def test_browse_dataset_missing_data_is_one_line(tmp_path, capsys):
    import importlib.util

    from mmblog.utils import run_cli

    spec = importlib.util.spec_from_file_location(
        '_browse_dataset', REPO_ROOT / 'tools/analysis_tools/browse_dataset.py'
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    cfg = tmp_path / 'missing.py'
    cfg.write_text(
        f"_base_ = ['{REPO_ROOT}/configs/_base_/datasets/coco_detection.py']\n"
        f"train_dataloader = dict(dataset=dict(data_root='{tmp_path}/demo/shapes/'))\n"
    )
    argv = [str(cfg), '--output-dir', str(tmp_path / 'o'), '--not-show']
    with pytest.raises(SystemExit) as exit_info:
        run_cli(lambda: module.main(argv))
    assert exit_info.value.code == 2
    err = capsys.readouterr().err
    assert 'data not found' in err and 'make_demo_data.py' in err and 'Traceback' not in err
