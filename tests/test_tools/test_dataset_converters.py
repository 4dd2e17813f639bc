"""The walkthrough's dataset conversions (images2coco, balloon2coco, cityscapes) on demo data."""

import json
import shutil

import cv2
import numpy as np
import pycocotools.mask as mask_util
import pytest

from mmblog.datasets.converters import (
    ConversionError,
    convert_balloon_to_coco,
    convert_cityscapes,
    images2coco,
)
from mmblog.registry import DATASETS
from mmblog.utils import register_all_modules
from tests.conftest import run_tool
from tests.fixtures.shapes_demo import shapes_demo_root  # noqa: F401

register_all_modules()


def _tool_main(name: str):
    """The ``main`` of ``tools/dataset_converters/<name>.py`` (run in-process: fast)."""
    import importlib.util

    from tests.conftest import REPO_ROOT

    path = REPO_ROOT / 'tools/dataset_converters' / f'{name}.py'
    spec = importlib.util.spec_from_file_location(f'_converter_{name}', path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.main


@pytest.fixture()
def balloon(shapes_demo_root, tmp_path):  # noqa: F811
    """A private copy of the demo balloon tree (tests modify it)."""
    root = tmp_path / 'balloon'
    shutil.copytree(shapes_demo_root / 'balloon', root)
    for f in root.glob('*/annotation_coco.json'):
        f.unlink()
    return root


# -- images2coco ---------------------------------------------------------------------------------
def test_images2coco_seed_command(shapes_demo_root, tmp_path):  # noqa: F811
    img_dir = tmp_path / 'test2017'
    shutil.copytree(shapes_demo_root / 'shapes/val', img_dir)
    cv2.imwrite(str(img_dir / 'extra.png'), np.zeros((10, 12, 3), np.uint8))
    (img_dir / 'notes.txt').write_text('not an image')
    classes = tmp_path / 'classes.txt'
    classes.write_text('circle\nrectangle\ntriangle\n')
    proc = run_tool(
        'tools/dataset_converters/images2coco.py', img_dir, classes, 'test_info.json',
        '--exclude-extensions', 'png',
    )  # fmt: skip
    out = tmp_path / 'annotations/test_info.json'
    assert 'save json file' in proc.stdout and out.is_file()
    coco = json.loads(out.read_text())
    assert len(coco['images']) == 4 and coco['annotations'] == []
    assert [c['name'] for c in coco['categories']] == ['circle', 'rectangle', 'triangle']
    assert {(i['width'], i['height']) for i in coco['images']} == {(256, 192)}
    # A test set without ground truth loads in test mode for --format-only testing.
    ds = DATASETS.build(
        dict(type='CocoDataset', data_root=str(tmp_path), ann_file='annotations/test_info.json',
             data_prefix=dict(img='test2017/'), test_mode=True,
             metainfo=dict(classes=('circle', 'rectangle', 'triangle')),
             pipeline=[dict(type='LoadImageFromFile'), dict(type='PackDetInputs')])
    )  # fmt: skip
    assert len(ds) == 4 and ds[0]['inputs'].shape == (3, 192, 256)


def test_images2coco_errors(tmp_path):
    classes = tmp_path / 'classes.txt'
    classes.write_text('a\n')
    (tmp_path / 'imgs').mkdir()
    (tmp_path / 'imgs' / 'broken.jpg').write_bytes(b'not a jpeg')
    with pytest.raises(ConversionError, match='must end with .json'):
        images2coco(str(tmp_path / 'imgs'), str(classes), 'out.txt')
    with pytest.raises(ConversionError, match='classes file not found'):
        images2coco(str(tmp_path / 'imgs'), str(tmp_path / 'nope.txt'), 'o.json')
    with pytest.raises(ConversionError, match='broken.jpg: cannot read image'):
        images2coco(str(tmp_path / 'imgs'), str(classes), str(tmp_path / 'o.json'))
    assert not (tmp_path / 'o.json').exists()
    with pytest.raises(ConversionError, match='none: image folder not found'):
        _tool_main('images2coco')([str(tmp_path / 'none'), str(classes), 'o.json'])


# -- balloon2coco --------------------------------------------------------------------------------
def test_balloon2coco_seed_conversion(balloon):
    proc = run_tool('tools/dataset_converters/balloon2coco.py', balloon)
    assert 'train: 4 images' in proc.stdout
    via = json.loads((balloon / 'train/via_region_data.json').read_text())
    coco = json.loads((balloon / 'train/annotation_coco.json').read_text())
    assert coco['categories'] == [dict(id=0, name='balloon')]
    assert len(coco['images']) == len(via) == 4
    regions = [r['shape_attributes'] for rec in via.values() for r in rec['regions'].values()]
    assert len(coco['annotations']) == len(regions)
    for ann, shape in zip(coco['annotations'], regions):
        px, py = shape['all_points_x'], shape['all_points_y']
        # bbox from the raw polygon extremes, polygon points shifted by +0.5 (the seed's code)
        assert ann['bbox'] == [min(px), min(py), max(px) - min(px), max(py) - min(py)]
        assert ann['area'] == (max(px) - min(px)) * (max(py) - min(py))
        assert ann['segmentation'] == [[v + 0.5 for xy in zip(px, py) for v in xy]]
        assert ann['category_id'] == 0 and ann['iscrowd'] == 0
    # The balloon config's dataset settings load it.
    ds = DATASETS.build(
        dict(type='CocoDataset', data_root=str(balloon), ann_file='train/annotation_coco.json',
             data_prefix=dict(img='train/'), metainfo=dict(classes=('balloon',)), pipeline=[])
    )  # fmt: skip
    assert len(ds) == 4


def _edit_via(balloon, fn):
    path = balloon / 'train/via_region_data.json'
    via = json.loads(path.read_text())
    fn(via)
    path.write_text(json.dumps(via))
    return path


def _first_region(via):
    return next(iter(next(iter(via.values()))['regions'].values()))


@pytest.mark.parametrize(
    'edit,match',
    [
        (lambda v: _first_region(v)['shape_attributes'].update(all_points_x=[1, 2], all_points_y=[1, 2]),
         r"region 0: polygon has 2 points \(\"all_points_x\"\); need at least 3"),
        (lambda v: _first_region(v).update(region_attributes={'name': 'kite'}),
         r"unknown class 'kite' in \"region_attributes.name\""),
        (lambda v: next(iter(v.values())).update(filename='missing.jpg'),
         r'image .*missing.jpg \(field "filename"\) not found'),
        (lambda v: _first_region(v)['shape_attributes'].update(name='rect'),
         r"\"shape_attributes.name\" is 'rect'"),
        (lambda v: _first_region(v)['shape_attributes'].pop('all_points_y'), r'all_points_y'),
    ],
)  # fmt: skip
def test_balloon2coco_bad_input_names_file_record_field(balloon, edit, match):
    path = _edit_via(balloon, edit)
    out = balloon / 'train/annotation_coco.json'
    with pytest.raises(ConversionError, match=match) as err:
        convert_balloon_to_coco(str(path), str(out), str(balloon / 'train'))
    assert 'via_region_data.json: record' in str(err.value)
    # Nothing half-written.
    assert not out.exists() and not list((balloon / 'train').glob('*.tmp'))


def test_balloon2coco_malformed_json_cli(balloon):
    (balloon / 'train/via_region_data.json').write_text('{"a.jpg": {')
    # main raises; run_cli (the tool's entry point) prints it in one line with exit code 2
    with pytest.raises(ConversionError, match='via_region_data.json: malformed json'):
        _tool_main('balloon2coco')([str(balloon)])


# -- cityscapes ----------------------------------------------------------------------------------
@pytest.fixture()
def cityscapes(shapes_demo_root, tmp_path):  # noqa: F811
    root = tmp_path / 'cityscapes'
    shutil.copytree(
        shapes_demo_root / 'cityscapes', root, ignore=shutil.ignore_patterns('annotations')
    )
    return root


def test_cityscapes_seed_command(cityscapes):
    out_dir = cityscapes / 'annotations'
    proc = run_tool(
        'tools/dataset_converters/cityscapes.py', cityscapes, '--nproc', '2', '--out-dir', out_dir
    )
    assert 'Converting train into instancesonly_filtered_gtFine_train.json' in proc.stdout
    assert 'Loaded 4 images' in proc.stdout
    coco = json.loads((out_dir / 'instancesonly_filtered_gtFine_train.json').read_text())
    assert (out_dir / 'instancesonly_filtered_gtFine_val.json').is_file()
    assert [c['name'] for c in coco['categories']] == [
        'person', 'rider', 'car', 'truck', 'bus', 'train', 'motorcycle', 'bicycle'
    ]  # fmt: skip
    assert [c['id'] for c in coco['categories']] == [24, 25, 26, 27, 28, 31, 32, 33]
    # One annotation per instance id >= 24 in each instanceIds png; crowd = id < 1000.
    n_expected = 0
    for img in coco['images']:
        assert img['file_name'].split('/')[0] in ('aachen', 'bochum')
        ids = cv2.imread(str(cityscapes / 'gtFine/train' / img['segm_file']), cv2.IMREAD_UNCHANGED)
        uniq = np.unique(ids[ids >= 24])
        n_expected += len(uniq)
        anns = [a for a in coco['annotations'] if a['image_id'] == img['id']]
        assert sorted(a['iscrowd'] for a in anns) == sorted(int(u < 1000) for u in uniq)
        for a in anns:
            mask = mask_util.decode(a['segmentation'])
            assert mask.sum() == a['area']
            ys, xs = np.nonzero(mask)
            assert a['bbox'] == [
                xs.min(),
                ys.min(),
                xs.max() - xs.min() + 1,
                ys.max() - ys.min() + 1,
            ]
    assert len(coco['annotations']) == n_expected > 0


def test_cityscapes_errors(cityscapes, tmp_path):
    first = sorted((cityscapes / 'gtFine/train/aachen').glob('*_instanceIds.png'))[0]
    ids = cv2.imread(str(first), cv2.IMREAD_UNCHANGED)
    ids[0, 0] = 40 * 1000 + 1
    cv2.imwrite(str(first), ids)
    with pytest.raises(
        ConversionError, match=r'pixel value 40001 means label id 40, an unknown Cityscapes class'
    ):
        convert_cityscapes(str(cityscapes), str(tmp_path / 'out'), splits=('train',))
    assert not (tmp_path / 'out/instancesonly_filtered_gtFine_train.json').exists()
    first.unlink()
    with pytest.raises(
        ConversionError, match=r'leftImg8bit.png: its annotation .*instanceIds.png is missing'
    ):
        convert_cityscapes(str(cityscapes), str(tmp_path / 'out'), splits=('train',))
    with pytest.raises(ConversionError, match='folder not found'):
        convert_cityscapes(str(tmp_path / 'nowhere'), str(tmp_path / 'out'))
