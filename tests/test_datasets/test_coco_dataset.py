"""CocoDataset / CityscapesDataset: category selection, filtering, masks, clear errors."""

import json

import numpy as np
import pycocotools.mask as mask_util
import pytest

from mmblog.registry import DATASETS
from mmblog.utils import MissingDataError, register_all_modules
from tests.fixtures.shapes_demo import shapes_demo_root  # noqa: F401

register_all_modules()


def _write(tmp_path, coco, name='ann.json'):
    (tmp_path / 'imgs').mkdir(exist_ok=True)
    path = tmp_path / name
    path.write_text(json.dumps(coco))
    return path


def _coco():
    rle_mask = np.zeros((40, 50), np.uint8, order='F')
    rle_mask[10:20, 5:25] = 1
    rle = mask_util.encode(rle_mask)
    rle['counts'] = rle['counts'].decode()
    return dict(
        images=[
            dict(id=1, file_name='a.jpg', height=40, width=50),
            dict(id=2, file_name='b.jpg', height=40, width=50),  # no annotations
            dict(id=3, file_name='c.jpg', height=20, width=50),  # too small for min_size 32
            dict(id=4, file_name='d.jpg', height=40, width=50),  # only a 'dog'
        ],
        categories=[dict(id=1, name='cat'), dict(id=5, name='dog'), dict(id=9, name='cow')],
        annotations=[
            dict(id=1, image_id=1, category_id=9, bbox=[5, 10, 20, 10], area=200, iscrowd=0,
                 segmentation=rle),
            dict(id=2, image_id=1, category_id=1, bbox=[30, 5, 10, 10], area=100, iscrowd=0,
                 segmentation=[[30, 5, 40, 5, 40, 15, 30, 15]]),
            dict(id=3, image_id=1, category_id=1, bbox=[0, 0, 8, 8], area=64, iscrowd=1,
                 segmentation=[[0, 0, 8, 0, 8, 8, 0, 8]]),
            dict(id=4, image_id=1, category_id=1, bbox=[1, 1, 0.5, 5], area=2, iscrowd=0),
            dict(id=5, image_id=3, category_id=1, bbox=[1, 1, 10, 10], area=100, iscrowd=0),
            dict(id=6, image_id=4, category_id=5, bbox=[1, 1, 10, 10], area=100, iscrowd=0),
        ],
    )  # fmt: skip


def _build(tmp_path, coco=None, **kwargs):
    ann = _write(tmp_path, coco or _coco())
    cfg = dict(type='CocoDataset', data_root=str(tmp_path), ann_file=ann.name,
               data_prefix=dict(img='imgs/'), pipeline=[])  # fmt: skip
    cfg.update(kwargs)
    return DATASETS.build(cfg)


def test_classes_select_and_order_labels(tmp_path):
    ds = _build(tmp_path, metainfo=dict(classes=('cow', 'cat')))
    assert ds.metainfo['classes'] == ('cow', 'cat') and len(ds.metainfo['palette']) == 2
    info = ds.get_data_info(0)
    assert info['img_path'].endswith('imgs/a.jpg') and info['img_id'] == 1
    # Labels follow the metainfo order, not the json's; the 0.5-wide box is dropped.
    assert [i['bbox_label'] for i in info['instances']] == [0, 1, 1]
    assert [i['ignore_flag'] for i in info['instances']] == [0, 0, 1]
    assert info['instances'][0]['bbox'] == [5, 10, 25, 20]
    # test_mode keeps every image, including the one whose only object is a dog.
    assert len(ds) == 4


def test_filter_empty_gt_and_min_size(tmp_path):
    ds = _build(
        tmp_path,
        metainfo=dict(classes=('cow', 'cat')),
        filter_cfg=dict(filter_empty_gt=True, min_size=32),
    )
    assert [ds.get_data_info(i)['img_id'] for i in range(len(ds))] == [1]
    ds = _build(
        tmp_path, metainfo=dict(classes=('cow', 'cat')), filter_cfg=dict(filter_empty_gt=False)
    )
    assert len(ds) == 4
    ds = _build(
        tmp_path,
        metainfo=dict(classes=('cow', 'cat')),
        filter_cfg=dict(filter_empty_gt=True, min_size=32),
        test_mode=True,
    )
    assert len(ds) == 4


def test_default_metainfo_is_coco_80(tmp_path):
    coco = _coco()
    coco['categories'] = [
        dict(id=i + 1, name=n)
        for i, n in enumerate(DATASETS.get('CocoDataset').METAINFO['classes'])
    ]
    for a in coco['annotations']:
        a['category_id'] = 1
    ds = _build(tmp_path, coco)
    assert len(ds.metainfo['classes']) == 80 and len(ds.metainfo['palette']) == 80
    assert ds.metainfo['classes'][0] == 'person'


def test_polygon_and_rle_masks_through_the_pipeline(tmp_path):
    import cv2

    for name in ('a.jpg', 'b.jpg', 'c.jpg', 'd.jpg'):
        (tmp_path / 'imgs').mkdir(exist_ok=True)
        cv2.imwrite(str(tmp_path / 'imgs' / name), np.zeros((40, 50, 3), np.uint8))
    ds = _build(
        tmp_path,
        metainfo=dict(classes=('cow', 'cat')),
        pipeline=[
            dict(type='LoadImageFromFile'),
            dict(type='LoadAnnotations', with_bbox=True, with_mask=True),
            dict(type='PackDetInputs'),
        ],
    )
    sample = ds[0]['data_samples']
    masks = sample.gt_instances.masks.numpy()
    assert masks.shape == (2, 40, 50)
    # RLE instance: the exact rectangle; polygon instance: pixels inside the square.
    assert masks[0].sum() == 200 and masks[0][10:20, 5:25].all()
    assert masks[1][6:14, 31:39].all() and masks[1].sum() < 150
    assert sample.ignored_instances.bboxes.shape == (1, 4)


def test_unknown_class_names_error(tmp_path):
    with pytest.raises(ValueError, match=r"classes \['horse'\].*metainfo"):
        _build(tmp_path, metainfo=dict(classes=('cat', 'horse')))


def test_missing_ann_file_names_the_command(tmp_path):
    with pytest.raises(MissingDataError, match='make_demo_data.py'):
        DATASETS.build(
            dict(type='CocoDataset', data_root=str(tmp_path / 'demo/shapes'),
                 ann_file='annotations/instances_train.json', pipeline=[])
        )  # fmt: skip
    with pytest.raises(MissingDataError, match='cityscapes.py'):
        DATASETS.build(
            dict(type='CityscapesDataset', data_root=str(tmp_path / 'cityscapes'),
                 ann_file='annotations/x.json', pipeline=[])
        )  # fmt: skip


@pytest.mark.parametrize(
    'mutate,match',
    [
        (
            lambda c: c['annotations'][1].pop('bbox'),
            r'annotations\[1\] \(id=2\): missing field "bbox"',
        ),
        (lambda c: c['annotations'][1].update(bbox=[1, 2, 3]), r'annotations\[1\].*"bbox" must be'),
        (lambda c: c['annotations'][1].update(image_id=99), r'"image_id" = 99 is not in "images"'),
        (
            lambda c: c['annotations'][1].update(segmentation=[[1, 2, 3, 4]]),
            r'polygon of >= 3 points',
        ),
        (lambda c: c['images'][0].pop('height'), r'images\[0\] is missing field "height"'),
        (lambda c: c.pop('categories'), r'"categories"'),
    ],
)
def test_malformed_annotations_name_file_record_field(tmp_path, mutate, match):
    coco = _coco()
    mutate(coco)
    with pytest.raises(ValueError, match=match) as err:
        _build(tmp_path, coco, metainfo=dict(classes=('cat',)))
    assert 'ann.json' in str(err.value)


def test_malformed_json(tmp_path):
    (tmp_path / 'imgs').mkdir()
    (tmp_path / 'ann.json').write_text('{"images": [')
    with pytest.raises(ValueError, match='ann.json: not valid json'):
        DATASETS.build(dict(type='CocoDataset', data_root=str(tmp_path), ann_file='ann.json',
                            data_prefix=dict(img='imgs/'), pipeline=[]))  # fmt: skip


def test_missing_image_file_is_named(tmp_path):
    ds = _build(
        tmp_path, metainfo=dict(classes=('cat',)), pipeline=[dict(type='LoadImageFromFile')]
    )
    with pytest.raises(FileNotFoundError, match='imgs/a.jpg'):
        ds[0]


def test_cityscapes_dataset_drops_crowd_only_images(shapes_demo_root):  # noqa: F811
    root = shapes_demo_root / 'cityscapes'
    common = dict(type='CityscapesDataset', data_root=str(root),
                  ann_file='annotations/instancesonly_filtered_gtFine_train.json',
                  data_prefix=dict(img='leftImg8bit/train/'), pipeline=[])  # fmt: skip
    all_ds = DATASETS.build(dict(common, filter_cfg=None))
    kept = DATASETS.build(dict(common, filter_cfg=dict(filter_empty_gt=True, min_size=32)))
    assert len(all_ds.metainfo['classes']) == 8
    expected = [
        i
        for i in range(len(all_ds))
        if any(not inst['ignore_flag'] for inst in all_ds.get_data_info(i)['instances'])
    ]
    assert len(kept) == len(expected) > 0
    labels = {
        inst['bbox_label']
        for i in range(len(all_ds))
        for inst in all_ds.get_data_info(i)['instances']
    }
    # circle -> person (0), rectangle -> car (2), triangle -> bicycle (7)
    assert labels <= {0, 2, 7} and len(labels) >= 2


def test_mmdet2_spellings_classes_and_img_prefix(tmp_path):
    """The walkthrough's balloon config says classes=... and img_prefix=... (MMDetection 2.x)."""
    ann = _write(tmp_path, _coco())
    ds = DATASETS.build(
        dict(type='CocoDataset', ann_file=str(ann), img_prefix=str(tmp_path / 'imgs'),
             classes=('cat',), pipeline=[])
    )  # fmt: skip
    assert ds.metainfo['classes'] == ('cat',)
    assert ds.get_data_info(0)['img_path'] == str(tmp_path / 'imgs' / 'a.jpg')


def test_default_prefix_is_data_root(tmp_path):
    ann = _write(tmp_path, _coco())
    ds = DATASETS.build(
        dict(type='CocoDataset', data_root=str(tmp_path), ann_file=ann.name,
             metainfo=dict(classes=('cat',)), pipeline=[])
    )  # fmt: skip
    assert ds.get_data_info(0)['img_path'] == str(tmp_path / 'a.jpg')
