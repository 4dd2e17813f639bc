"""Registries are children of mmengine's, find their modules by locations, and build configs."""

import pytest
from mmengine.registry import MODELS as MMENGINE_MODELS
from mmengine.registry import DefaultScope

from mmblog import registry
from mmblog.utils import register_all_modules


# Registries for kinds of parts mmengine has no root registry for.
MMBLOG_ROOTS = {'TOKENIZERS'}


def test_every_registry_is_an_mmblog_child_with_locations():
    names = [n for n in dir(registry) if n.isupper() and not n.startswith('MMENGINE_')]
    assert {'MODELS', 'DATASETS', 'TRANSFORMS', 'METRICS', 'HOOKS', 'VISUALIZERS'} <= set(names)
    for name in names:
        reg = getattr(registry, name)
        assert reg.scope == 'mmblog', name
        if name in MMBLOG_ROOTS:
            assert reg.parent is None, name
        else:
            assert reg.parent is not None and reg.parent.scope == 'mmengine', name
        assert reg._locations, f'{name} has no locations='


def test_register_all_modules_sets_default_scope():
    register_all_modules()
    assert DefaultScope.get_current_instance().scope_name == 'mmblog'


def test_building_through_mmengine_root_with_scope_finds_mmblog_parts():
    register_all_modules()
    head = MMENGINE_MODELS.build(dict(type='mmblog.LinearClsHead', num_classes=3, in_channels=4))
    assert head.fc.out_features == 3


def test_parent_parts_resolve_from_the_child_registry():
    register_all_modules()
    pre = registry.MODELS.build(dict(type='ImgDataPreprocessor', mean=[0.0], std=[255.0]))
    assert type(pre).__name__ == 'ImgDataPreprocessor'


def test_unknown_type_names_the_type_and_registry():
    register_all_modules()
    with pytest.raises(KeyError, match='NoSuchHead is not in the mmblog::model registry'):
        registry.MODELS.build(dict(type='NoSuchHead'))
