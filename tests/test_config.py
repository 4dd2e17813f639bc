"""Config inheritance, strict --cfg-options, and custom_imports of a user module."""

import sys
import textwrap

import pytest
from mmengine.config import Config

from mmblog.registry import MODELS
from mmblog.utils import CfgOptionsError, merge_cfg_options, register_all_modules

PAPER = 'configs/mnist/softmax_regression_mnist.py'
DEMO = 'configs/mnist/softmax_regression_mnist_demo.py'


def test_paper_config_has_the_seed_recipe(repo_root):
    cfg = Config.fromfile(repo_root / PAPER)
    assert cfg.train_dataloader.batch_size == 100
    assert cfg.optim_wrapper.optimizer == dict(type='SGD', lr=0.5)
    assert cfg.train_cfg.max_epochs == 5
    assert cfg.model.head.in_channels == 784
    assert cfg.model.head.init_cfg['val'] == 0.0
    assert {'type': 'TensorboardVisBackend'} in cfg.visualizer.vis_backends


def test_demo_config_changes_only_data_and_logging(repo_root):
    paper = Config.fromfile(repo_root / PAPER).to_dict()
    demo = Config.fromfile(repo_root / DEMO).to_dict()
    changed = {k for k in paper.keys() | demo.keys() if paper.get(k) != demo.get(k)}
    assert changed == {
        'data_root',
        'train_dataloader',
        'val_dataloader',
        'test_dataloader',
        'vis_backends',
        'visualizer',
        'default_hooks',
    }
    assert demo['model'] == paper['model']
    assert demo['train_dataloader']['dataset']['data_root'] == 'data/demo/mnist'


def test_cfg_options_merge_existing_keys(repo_root):
    cfg = Config.fromfile(repo_root / DEMO)
    merge_cfg_options(cfg, {'train_cfg.max_epochs': 2, 'val_dataloader.dataset.split': 'train'})
    assert cfg.train_cfg.max_epochs == 2
    assert cfg.val_dataloader.dataset.split == 'train'


def test_cfg_options_unknown_key_is_a_clear_error(repo_root):
    cfg = Config.fromfile(repo_root / DEMO)
    with pytest.raises(CfgOptionsError, match="no 'haed' under model; did you mean 'head'"):
        merge_cfg_options(cfg, {'model.haed.num_classes': 3})


def test_custom_imports_registers_a_module_outside_the_package(tmp_path, repo_root):
    (tmp_path / 'my_user_heads.py').write_text(
        textwrap.dedent(
            """
            from mmblog.models.cls_heads import LinearClsHead
            from mmblog.registry import MODELS

            @MODELS.register_module()
            class TwiceLinearClsHead(LinearClsHead):
                def forward(self, feats):
                    return 2 * super().forward(feats)
            """
        )
    )
    cfg_file = tmp_path / 'user_cfg.py'
    cfg_file.write_text(
        f"_base_ = ['{repo_root / DEMO}']\n"
        "custom_imports = dict(imports=['my_user_heads'], allow_failed_imports=False)\n"
        "model = dict(head=dict(type='TwiceLinearClsHead'))\n"
    )
    sys.path.insert(0, str(tmp_path))
    try:
        register_all_modules()
        cfg = Config.fromfile(cfg_file)
        model = MODELS.build(cfg.model)
    finally:
        sys.path.remove(str(tmp_path))
    assert type(model.head).__name__ == 'TwiceLinearClsHead'
