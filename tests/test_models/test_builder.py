"""``mmblog.models.builder``: MMDetection's registry aliases for user modules written for it."""

import importlib.util
import sys
import textwrap

import pytest

from mmblog.models import builder
from mmblog.registry import MODELS


def test_aliases_are_the_models_registry():
    for name in ('BACKBONES', 'NECKS', 'HEADS', 'LOSSES', 'DETECTORS', 'ROI_EXTRACTORS'):
        assert getattr(builder, name) is MODELS


def test_seed_neck_with_relative_builder_import_registers_and_builds(tmp_path):
    # seed 001's custom neck lives in <package>/models/necks/ and imports ``..builder``
    path = tmp_path / 'seed_user_neck.py'
    path.write_text(
        textwrap.dedent(
            """
            import torch.nn as nn
            from ..builder import NECKS

            @NECKS.register_module()
            class SeedUserNeck(nn.Module):
                def __init__(self, channels):
                    super().__init__()
                    self.conv = nn.Conv2d(channels, channels, 1)

                def forward(self, inputs):
                    return tuple(self.conv(x) for x in inputs)
            """
        )
    )
    name = 'mmblog.models.necks.seed_user_neck'
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    try:
        spec.loader.exec_module(module)
        neck = builder.build_neck(dict(type='SeedUserNeck', channels=3))
        assert neck.conv.in_channels == 3
    finally:
        sys.modules.pop(name)
        MODELS._module_dict.pop('SeedUserNeck', None)


def test_build_detector_with_2x_arguments_says_the_3x_spelling():
    with pytest.raises(TypeError, match='inside the model config'):
        builder.build_detector(dict(type='FasterRCNN'), train_cfg=dict())
