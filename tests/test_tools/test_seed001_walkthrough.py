"""Seed 001 (MMDetection walkthrough) replayed command for command on the demo data (issue 16).

The commands run from a "user checkout" in a temp folder: ``configs/``, ``tools/`` and the demo
scripts are links into this repository, ``data/`` holds the generated shapes, balloon (VIA) and
Cityscapes trees, and the seed's own files (its 2.x balloon config, its custom neck) are written
as the post shows them. Training is one epoch on a handful of images: the test checks that
every command works and writes what the post says, not accuracy (the README's demo rows do).
"""

import importlib.util
import json
import shutil
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
import torch
from mmengine.config import Config

from tests.conftest import REPO_ROOT, tool_env
from tests.fixtures.shapes_demo import shapes_demo_root  # noqa: F401
from tests.test_tools.test_dist_tools import bare_env, free_port

SEED_2X = (
    REPO_ROOT / 'tests/fixtures/legacy_configs/mask_rcnn_r50_caffe_fpn_mstrain-poly_1x_balloon.py'
)
FASTER = 'configs/faster_rcnn/faster_rcnn_r50_fpn_1x_coco_demo.py'
BALLOON = 'configs/balloon/mask_rcnn_r50_caffe_fpn_mstrain-poly_1x_balloon.py'
ONE_EPOCH = ['--cfg-options', 'train_cfg.max_epochs=1']


def _checkout(root: Path, shapes: Path) -> Path:
    """A user's working tree: repo parts linked, data copied (the converters write into it)."""
    (root / 'configs').mkdir(parents=True)
    for sub in (REPO_ROOT / 'configs').iterdir():
        if sub.name != 'balloon':
            (root / 'configs' / sub.name).symlink_to(sub)
    (root / 'configs/balloon').mkdir()
    for name in ('tools', 'projects'):
        (root / name).symlink_to(REPO_ROOT / name)
    if (REPO_ROOT / '.venv').exists():
        (root / '.venv').symlink_to(REPO_ROOT / '.venv')
    (root / 'demo').mkdir()
    for name in ('image_demo.py', 'video_demo.py', 'demo.jpg'):
        (root / 'demo' / name).symlink_to(REPO_ROOT / 'demo' / name)
    (root / 'data').mkdir()
    (root / 'data/demo').mkdir()
    (root / 'data/demo/shapes').symlink_to(shapes / 'shapes')
    shutil.copytree(shapes / 'balloon', root / 'data/balloon')
    for split in ('train', 'val'):  # the seed converts the VIA jsons itself
        (root / 'data/balloon' / split / 'annotation_coco.json').unlink()
    shutil.copytree(
        shapes / 'cityscapes',
        root / 'data/cityscapes',
        ignore=shutil.ignore_patterns('annotations'),
    )
    return root


def _run(cwd: Path, *cmd, env=None) -> subprocess.CompletedProcess:
    proc = subprocess.run(
        [str(c) for c in cmd], cwd=cwd, env=env or tool_env(), capture_output=True, text=True,
        timeout=600,
    )  # fmt: skip
    assert proc.returncode == 0, f'{cmd}\n{proc.stdout[-2000:]}\n{proc.stderr[-3000:]}'
    print(f'{time.strftime("%H:%M:%S")} done: {" ".join(str(c) for c in cmd[1:3])}', flush=True)
    return proc


def _py(cwd: Path, *args) -> subprocess.CompletedProcess:
    return _run(cwd, sys.executable, *args)


@pytest.mark.slow
def test_seed001_walkthrough_command_for_command(tmp_path, shapes_demo_root):  # noqa: F811
    from mmblog.testing.demo_data import DEMO_GENERATORS

    cwd = _checkout(tmp_path / 'mmdetection', Path(shapes_demo_root))
    media = DEMO_GENERATORS['demo_media'](str(tmp_path / 'media'), seed=0, n_frames=3)
    shutil.move(media['video'], cwd / 'demo/demo.mp4')

    # "Train predefined models": bash ./tools/dist_train.sh CONFIG 2, no venv activated
    proc = _run(cwd, 'bash', './tools/dist_train.sh', FASTER, '2', *ONE_EPOCH,
                env=bare_env(PORT=str(free_port())))  # fmt: skip
    assert 'Distributed training: True' in proc.stdout
    work = cwd / 'work_dirs/faster_rcnn_r50_fpn_1x_coco_demo'
    latest = work / 'latest.pth'  # the 2.x habit: resolved through mmengine's last_checkpoint
    assert not latest.exists() and (work / 'epoch_1.pth').is_file()

    # "Demos": image_demo.py demo/demo.jpg CONFIG CHECKPOINT --device cpu (no display: --out-file)
    proc = _py(cwd, 'demo/image_demo.py', 'demo/demo.jpg', FASTER, latest, '--device', 'cpu',
               '--out-file', 'demo/demo_result.jpg')  # fmt: skip
    assert (cwd / 'demo/demo_result.jpg').stat().st_size > 0
    # tutorial_1.py's video loop over demo/demo.mp4
    proc = _py(cwd, 'demo/video_demo.py', 'demo/demo.mp4', FASTER, latest, '--out',
               'demo/demo_result.mp4')  # fmt: skip
    assert 'wrote demo/demo_result.mp4 (3 frames)' in proc.stdout

    # "Test existing models": tools/test.py CONFIG CHECKPOINT --show-dir DIR
    _py(cwd, 'tools/test.py', FASTER, latest, '--show-dir', 'faster_rcnn_r50_fpn_1x_results')
    shown = sorted(p.name for p in (cwd / 'faster_rcnn_r50_fpn_1x_results').rglob('*.png'))
    val_images = sorted(p.stem for p in (cwd / 'data/demo/shapes/val').glob('*.jpg'))
    assert [Path(n).stem for n in shown] == val_images  # named after the source images

    # "Test without ground truth": images2coco.py IMG_PATH CLASSES OUT, then --format-only --options
    (cwd / 'classes.txt').write_text('circle\nrectangle\ntriangle\n')
    _py(cwd, 'tools/dataset_converters/images2coco.py', 'data/demo/shapes/val', 'classes.txt',
        'data/demo_test_info.json')  # fmt: skip
    info = json.loads((cwd / 'data/demo_test_info.json').read_text())
    assert len(info['images']) == len(val_images) and not info.get('annotations')
    _py(cwd, 'tools/test.py', FASTER, latest, '--format-only', '--options', 'results/shapes_test',
        '--cfg-options', f'test_dataloader.dataset.ann_file={cwd}/data/demo_test_info.json',
        'test_dataloader.dataset.test_mode=True',
        'test_evaluator.ann_file=data/demo_test_info.json')  # fmt: skip
    dets = json.loads((cwd / 'results/shapes_test.bbox.json').read_text())
    assert {d['image_id'] for d in dets} <= {im['id'] for im in info['images']}

    # "Train with customized datasets": the balloon VIA -> COCO conversion
    _py(cwd, 'tools/dataset_converters/balloon2coco.py', 'data/balloon')
    for split, n in (('train', 4), ('val', 2)):
        coco = json.loads((cwd / f'data/balloon/{split}/annotation_coco.json').read_text())
        assert len(coco['images']) == n and coco['categories'][0]['name'] == 'balloon'
    # the seed's 2.x config (demo base, no COCO checkpoint offline) through the upgrade path
    old = cwd / 'configs/balloon/balloon_2x.py'
    old.write_text(
        SEED_2X.read_text()
        .replace('1x_coco.py', '1x_coco_demo.py')
        .replace('load_from = ', 'load_from = None  # ')
    )
    refused = subprocess.run([sys.executable, 'tools/train.py', str(old)], cwd=cwd,
                             env=tool_env(), capture_output=True, text=True)  # fmt: skip
    assert refused.returncode == 2 and '`data=` is MMDetection 2.x' in refused.stderr
    _py(cwd, 'tools/misc/upgrade_config.py', old, BALLOON)
    _py(cwd, 'tools/train.py', BALLOON, *ONE_EPOCH)
    proc = _py(cwd, 'tools/test.py', BALLOON,
               'work_dirs/mask_rcnn_r50_caffe_fpn_mstrain-poly_1x_balloon/latest.pth',
               '--eval', 'bbox', 'segm',
               '--show-dir', 'results/mask_rcnn_r50_caffe_fpn_mstrain-poly_1x_balloon')  # fmt: skip
    assert 'bbox_mAP_copypaste' in proc.stdout and 'segm_mAP_copypaste' in proc.stdout
    drawn = list((cwd / 'results/mask_rcnn_r50_caffe_fpn_mstrain-poly_1x_balloon').rglob('*.png'))
    assert len(drawn) == 2  # the val images

    # "Train with customized models": Cityscapes -> COCO, then the user's neck
    _py(cwd, 'tools/dataset_converters/cityscapes.py', './data/cityscapes', '--nproc', '2',
        '--out-dir', './data/cityscapes/annotations')  # fmt: skip
    for split in ('train', 'val'):
        out = cwd / f'data/cityscapes/annotations/instancesonly_filtered_gtFine_{split}.json'
        coco = json.loads(out.read_text())
        assert coco['images'] and coco['annotations'] and len(coco['categories']) == 8
    _seed_custom_neck_builds_into_the_cityscapes_model(tmp_path)


SEED_NECK = """
import torch.nn as nn

from mmblog.models.necks.fpn import FPN

from ..builder import NECKS


@NECKS.register_module()
class SeedWalkthroughAugFPN(FPN):
    def __init__(self,
                in_channels,
                out_channels,
                num_outs,
                start_level=0,
                end_level=-1,
                add_extra_convs=False):
        # "implementation is ignored" in the post: an FPN stands in for it
        super().__init__(in_channels, out_channels, num_outs, start_level=start_level,
                         end_level=end_level, add_extra_convs=add_extra_convs)
"""


def _seed_custom_neck_builds_into_the_cityscapes_model(tmp_path: Path) -> None:
    """The post's mmdet/models/necks/augfpn.py (``from ..builder import NECKS``) dropped into the
    package's necks folder, then used by the Cityscapes config; its ``.py`` custom_imports slip
    is one line."""
    from mmengine.registry import init_default_scope

    from mmblog.registry import MODELS
    from mmblog.utils import CustomImportError, import_custom_modules, register_all_modules

    register_all_modules(init_default_scope=False)
    init_default_scope('mmblog')
    slip = Config(dict(custom_imports=dict(imports=['mmblog.models.necks.augfpn.py'])))
    with pytest.raises(
        CustomImportError, match="write the module path 'mmblog.models.necks.augfpn'"
    ):
        import_custom_modules(slip, 'cascade.py')
    path = tmp_path / 'augfpn.py'
    path.write_text(textwrap.dedent(SEED_NECK))
    name = 'mmblog.models.necks.seed_walkthrough_augfpn'
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    try:
        spec.loader.exec_module(module)
        cfg = Config.fromfile(
            str(
                REPO_ROOT
                / 'configs/cityscapes/cascade_mask_rcnn_r50_augfpn_autoaug_10e_cityscapes_demo.py'
            )
        )
        cfg.model.neck = dict(type='SeedWalkthroughAugFPN', in_channels=[32, 64, 128, 256],
                              out_channels=64, num_outs=5, end_level=-1)  # fmt: skip
        model = MODELS.build(cfg.model).eval()
        feats = model.extract_feat(torch.rand(1, 3, 64, 128))
        assert len(feats) == 5 and feats[0].shape[1] == 64
    finally:
        sys.modules.pop(name)
        MODELS._module_dict.pop('SeedWalkthroughAugFPN', None)
