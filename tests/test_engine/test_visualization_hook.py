"""VisualizationHook's file names: after the source image, numbered when a name repeats."""

from mmengine.structures import BaseDataElement

from mmblog.engine.hooks.visualization_hook import VisualizationHook


def _sample(path):
    return BaseDataElement(metainfo=dict(img_path=path))


def test_pictures_are_named_after_the_source_image():
    hook = VisualizationHook()
    assert hook._name(_sample('/d/val/balloon_01.jpg'), 'test_00000_00') == 'balloon_01'
    # the same file name in another class folder keeps the number instead of overwriting
    assert hook._name(_sample('/d/b/balloon_01.jpg'), 'test_00000_01') == 'balloon_01_test_00000_01'
    assert hook._name(_sample(None), 'test_00001_00') == 'test_00001_00'
    assert hook._name({'recon': None}, 'test_00002_00') == 'test_00002_00'
