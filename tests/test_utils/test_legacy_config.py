"""MMDetection 2.x configs: one-line detection in the tools, and the upgrade to 3.x keys.

The fixture tests/fixtures/legacy_configs/mask_rcnn_r50_caffe_fpn_mstrain-poly_1x_balloon.py is
seed 001's balloon config exactly as the post writes it (2.x ``data=`` block).
"""

from pathlib import Path

import pytest
import torch
from mmengine.config import Config

from mmblog.utils import LegacyConfigError, check_legacy_config, write_upgraded_config
from mmblog.utils.legacy_config import upgrade_legacy_config
from tests.conftest import REPO_ROOT
from tests.fixtures.shapes_demo import shapes_demo_root  # noqa: F401

SEED_2X = (
    REPO_ROOT / 'tests/fixtures/legacy_configs/mask_rcnn_r50_caffe_fpn_mstrain-poly_1x_balloon.py'
)
BALLOON_3X = REPO_ROOT / 'configs/balloon/mask_rcnn_r50_caffe_fpn_mstrain-poly_1x_balloon.py'


def _user_tree(tmp_path: Path, text: str, name: str = 'balloon_2x.py') -> Path:
    """A user's checkout: configs/balloon/<name> next to the project's configs/mask_rcnn."""
    (tmp_path / 'configs/balloon').mkdir(parents=True)
    for sub in ('mask_rcnn', '_base_'):
        (tmp_path / 'configs' / sub).symlink_to(REPO_ROOT / 'configs' / sub)
    path = tmp_path / 'configs/balloon' / name
    path.write_text(text)
    return path


def test_seed_2x_config_stops_with_one_line_naming_the_3x_spelling(tmp_path):
    src = _user_tree(tmp_path, SEED_2X.read_text())
    with pytest.raises(LegacyConfigError) as info:
        check_legacy_config(Config.fromfile(str(src)), str(src))
    msg = str(info.value)
    assert '\n' not in msg
    assert '`data=` is MMDetection 2.x' in msg and 'train_dataloader=dict(' in msg
    assert f'python tools/misc/upgrade_config.py {src} NEW_CONFIG.py' in msg


@pytest.mark.parametrize(
    'line,spelling',
    [
        ("evaluation = dict(interval=1, metric='bbox')", 'val_evaluator=dict(metric=[...])'),
        ("lr_config = dict(policy='step', step=[8, 11])", "dict(type='MultiStepLR'"),
        ("runner = dict(type='EpochBasedRunner', max_epochs=12)", 'EpochBasedTrainLoop'),
        ('optimizer_config = dict(grad_clip=None)', 'optim_wrapper=dict(clip_grad='),
    ],
)
def test_each_2x_top_level_key_is_named(tmp_path, line, spelling):
    cfg = tmp_path / 'c.py'
    cfg.write_text(
        f"_base_ = '{REPO_ROOT}/configs/mnist/softmax_regression_mnist_demo.py'\n{line}\n"
    )
    with pytest.raises(LegacyConfigError) as info:
        check_legacy_config(Config.fromfile(str(cfg)), str(cfg))
    assert f'`{line.split(" =")[0]}=` is MMDetection 2.x' in str(info.value)
    assert spelling in str(info.value)


def test_3x_configs_pass_and_2x_dataset_keys_print_a_note(tmp_path, capsys):
    check_legacy_config(Config.fromfile(str(BALLOON_3X)), str(BALLOON_3X))
    assert capsys.readouterr().err == ''
    cfg = tmp_path / 'c.py'
    cfg.write_text(
        f"_base_ = '{BALLOON_3X}'\ntrain_dataloader = dict(dataset=dict(img_prefix='train/'))\n"
    )
    check_legacy_config(Config.fromfile(str(cfg)), str(cfg))
    err = capsys.readouterr().err
    assert 'train_dataloader.dataset.img_prefix is MMDetection 2.x' in err
    assert "data_prefix=dict(img='...')" in err


def test_upgraded_seed_config_equals_the_projects_3x_balloon_config(tmp_path):
    src = _user_tree(tmp_path, SEED_2X.read_text())
    dst = src.with_name('mask_rcnn_r50_caffe_fpn_mstrain-poly_1x_balloon.py')
    write_upgraded_config(str(src), str(dst))
    new, ref = Config.fromfile(str(dst)), Config.fromfile(str(BALLOON_3X))
    check_legacy_config(new, str(dst))  # nothing 2.x is left
    for split in ('train', 'val', 'test'):
        got, want = new[f'{split}_dataloader'].dataset, ref[f'{split}_dataloader'].dataset
        for key in ('type', 'data_root', 'ann_file', 'data_prefix', 'pipeline', 'test_mode'):
            assert got.get(key) == want.get(key), (split, key)
        assert got.metainfo.classes == want.metainfo.classes == ('balloon',)
    for key in ('val_evaluator', 'test_evaluator', 'model', 'load_from', 'param_scheduler'):
        assert new[key] == ref[key], key


def test_upgraded_demo_variant_trains_one_class(tmp_path, shapes_demo_root):  # noqa: F811
    """The seed's config on the demo base and data: its loss step sees label 0 only (the 2.x
    misread ended in 'Target 2 is out of bounds')."""
    from mmengine.registry import init_default_scope

    from mmblog.registry import DATASETS, MODELS
    from mmblog.utils import register_all_modules

    text = (
        SEED_2X.read_text()
        .replace('1x_coco.py', '1x_coco_demo.py')
        .replace('data/balloon/', f'{shapes_demo_root}/balloon/')
        .replace('load_from = ', 'load_from = None  # ')
    )
    src = _user_tree(tmp_path, text)
    dst = src.with_name('balloon_3x.py')
    write_upgraded_config(str(src), str(dst))
    cfg = Config.fromfile(str(dst))
    register_all_modules(init_default_scope=False)
    init_default_scope('mmblog')
    dataset = DATASETS.build(cfg.train_dataloader.dataset)
    assert dataset.metainfo['classes'] == ('balloon',) and len(dataset) == 4
    torch.manual_seed(0)
    model = MODELS.build(cfg.model)
    batch = [dataset[0], dataset[1]]
    data = dict(
        inputs=[b['inputs'] for b in batch], data_samples=[b['data_samples'] for b in batch]
    )
    labels = torch.cat([s.gt_instances.labels for s in data['data_samples']])
    assert labels.numel() > 0 and set(labels.tolist()) == {0}
    optim = torch.optim.SGD(model.parameters(), lr=0.01)
    model.train()
    losses = model.loss(**model.data_preprocessor(data, True))
    total = sum(v.sum() for k, v in losses.items() if 'loss' in k)
    assert torch.isfinite(total)
    total.backward()
    optim.step()


MMDET2_SCHEDULE_1X = """
optimizer = dict(type='SGD', lr=0.02, momentum=0.9, weight_decay=0.0001)
optimizer_config = dict(grad_clip=None)
lr_config = dict(policy='step', warmup='linear', warmup_iters=500, warmup_ratio=0.001, step=[8, 11])
runner = dict(type='EpochBasedRunner', max_epochs=12)
checkpoint_config = dict(interval=1)
log_config = dict(interval=50, hooks=[dict(type='TextLoggerHook')])
evaluation = dict(interval=1, metric=['bbox', 'segm'])
workflow = [('train', 1)]
"""

MMDET2_PIPELINES = """
img_norm_cfg = dict(mean=[103.53, 116.28, 123.675], std=[1.0, 1.0, 1.0], to_rgb=False)
train_pipeline = [
    dict(type='LoadImageFromFile'),
    dict(type='LoadAnnotations', with_bbox=True, with_mask=True, poly2mask=False),
    dict(type='Resize', img_scale=[(1333, 640), (1333, 672), (1333, 704), (1333, 736),
                                   (1333, 768), (1333, 800)],
         multiscale_mode='value', keep_ratio=True),
    dict(type='RandomFlip', flip_ratio=0.5),
    dict(type='Normalize', **img_norm_cfg),
    dict(type='Pad', size_divisor=32),
    dict(type='DefaultFormatBundle'),
    dict(type='Collect', keys=['img', 'gt_bboxes', 'gt_labels', 'gt_masks']),
]
test_pipeline = [
    dict(type='LoadImageFromFile'),
    dict(type='MultiScaleFlipAug', img_scale=(1333, 800), flip=False,
         transforms=[dict(type='Resize', keep_ratio=True), dict(type='RandomFlip'),
                     dict(type='Normalize', **img_norm_cfg), dict(type='Pad', size_divisor=32),
                     dict(type='ImageToTensor', keys=['img']), dict(type='Collect', keys=['img'])]),
]
data = dict(samples_per_gpu=2, workers_per_gpu=2,
            train=dict(pipeline=train_pipeline, ann_file='data/coco/annotations/train.json',
                       img_prefix='data/coco/train2017/'),
            val=dict(pipeline=test_pipeline, ann_file='data/coco/annotations/val.json',
                     img_prefix='data/coco/val2017/'))
"""


def test_2x_schedule_and_pipelines_become_the_3x_ones(tmp_path):
    """MMDetection 2.x's schedule_1x and caffe mstrain pipelines -> mmblog's 3.x equivalents."""
    src = tmp_path / 'old.py'
    src.write_text(MMDET2_SCHEDULE_1X + MMDET2_PIPELINES)
    text, notes = upgrade_legacy_config(str(src))
    new_path = tmp_path / 'new.py'
    new_path.write_text(text)
    new = Config.fromfile(str(new_path))
    sched = Config.fromfile(str(REPO_ROOT / 'configs/_base_/schedules/schedule_1x.py'))
    assert new.optim_wrapper.optimizer == sched.optim_wrapper.optimizer
    assert new.param_scheduler[0] == sched.param_scheduler[0]  # LinearLR warm-up
    want = {k: v for k, v in sched.param_scheduler[1].items() if k not in ('begin', 'end')}
    assert new.param_scheduler[1] == want
    assert new.train_cfg == dict(val_interval=1, type='EpochBasedTrainLoop', max_epochs=12)
    assert new.default_hooks == dict(checkpoint=dict(interval=1), logger=dict(interval=50))
    assert new.val_evaluator == dict(
        ann_file='data/coco/annotations/val.json', metric=['bbox', 'segm']
    )
    assert any('workflow' in n for n in notes)
    caffe = Config.fromfile(
        str(REPO_ROOT / 'configs/mask_rcnn/mask_rcnn_r50_caffe_fpn_mstrain-poly_1x_coco.py')
    )
    assert new.train_dataloader.dataset.pipeline == caffe.train_dataloader.dataset.pipeline
    assert new.train_dataloader.batch_size == 2 and new.train_dataloader.num_workers == 2
    assert new.train_dataloader.dataset.data_root == 'data/coco/'
    assert new.train_dataloader.dataset.data_prefix == dict(img='train2017/')
    steps = [t['type'] for t in new.val_dataloader.dataset.pipeline]
    assert steps == ['LoadImageFromFile', 'Resize', 'PackDetInputs']
    assert new.val_dataloader.dataset.pipeline[1] == dict(
        type='Resize', scale=(1333, 800), keep_ratio=True
    )
    prep = new.model.data_preprocessor
    assert prep == dict(mean=[103.53, 116.28, 123.675], std=[1.0, 1.0, 1.0], bgr_to_rgb=False,
                        pad_size_divisor=32)  # fmt: skip


def test_upgrade_refuses_code_and_overwriting(tmp_path):
    src = tmp_path / 'old.py'
    src.write_text('import os\ndata = dict(train=dict(ann_file=os.getcwd()))\n')
    with pytest.raises(LegacyConfigError, match=r'old.py: line 1: cannot upgrade `import os`'):
        upgrade_legacy_config(str(src))
    src.write_text("data = dict(train=dict(ann_file=open('x').read()))\n")
    with pytest.raises(LegacyConfigError, match=r"line 1: cannot upgrade `open\('x'\).read\(\)`"):
        upgrade_legacy_config(str(src))
    with pytest.raises(LegacyConfigError, match='write the upgraded config to a new file'):
        write_upgraded_config(str(src), str(src))
