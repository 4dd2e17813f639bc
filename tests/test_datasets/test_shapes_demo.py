"""The shapes demo generator writes valid COCO / VIA / Cityscapes data that loads."""

import json
import time

import cv2
import numpy as np
import pycocotools.mask as mask_util
from mmengine.config import Config
from mmengine.runner import Runner

from mmblog.registry import DATASETS
from mmblog.structures import DetDataSample
from mmblog.testing.demo_data import DEMO_GENERATORS, make_shapes_demo
from mmblog.testing.demo_data.shapes import SHAPE_CLASSES
from mmblog.utils import register_all_modules
from tests.conftest import REPO_ROOT
from tests.fixtures.shapes_demo import shapes_demo_root  # noqa: F401

register_all_modules()


def test_registered_and_full_size_is_fast(tmp_path):
    assert DEMO_GENERATORS['shapes'] is make_shapes_demo
    start = time.time()
    summary = make_shapes_demo(str(tmp_path))
    assert time.time() - start < 30
    assert summary['shapes_train'] == 120 and summary['shapes_val'] == 40
    assert summary['instances_train'] >= 2 * 120
    assert len(list((tmp_path / 'shapes/train').glob('*.jpg'))) == 120


def test_coco_json_is_consistent(shapes_demo_root):  # noqa: F811
    coco = json.loads((shapes_demo_root / 'shapes/annotations/instances_train.json').read_text())
    assert [c['name'] for c in coco['categories']] == list(SHAPE_CLASSES)
    images = {i['id']: i for i in coco['images']}
    assert len(images) == 8
    for ann in coco['annotations']:
        img = images[ann['image_id']]
        poly = np.array(ann['segmentation'][0]).reshape(-1, 2)
        assert len(poly) >= 3
        x, y, w, h = ann['bbox']
        # The box is the polygon's extent (inclusive pixels) and lies inside the image.
        assert np.isclose(x, poly[:, 0].min()) and np.isclose(x + w - 1, poly[:, 0].max())
        assert 0 <= x and x + w <= img['width'] and 0 <= y and y + h <= img['height']
        rle = mask_util.frPyObjects(ann['segmentation'], img['height'], img['width'])
        assert abs(float(mask_util.area(mask_util.merge(rle))) - ann['area']) < 0.25 * ann['area']


def test_pixels_match_the_annotations(shapes_demo_root):  # noqa: F811
    """Inside each shape the image is one bright colour, unlike the grey background."""
    coco = json.loads((shapes_demo_root / 'shapes/annotations/instances_val.json').read_text())
    img_info = coco['images'][0]
    img = cv2.imread(str(shapes_demo_root / 'shapes/val' / img_info['file_name']))
    hsv = cv2.cvtColor(img, cv2.COLOR_BGR2HSV)
    for ann in [a for a in coco['annotations'] if a['image_id'] == img_info['id']]:
        x, y, w, h = (int(v) for v in ann['bbox'])
        cx, cy = x + w // 2, y + h // 2
        assert hsv[cy, cx, 1] > 120  # saturated object colour
    assert np.median(hsv[..., 1]) < 100  # mostly grey background


def test_deterministic(tmp_path):
    a, b = tmp_path / 'a', tmp_path / 'b'
    kw = dict(n_train=3, n_val=2, n_balloon=(2, 1), n_cityscapes=(1, 1), convert=False)
    make_shapes_demo(str(a), seed=3, **kw)
    make_shapes_demo(str(b), seed=3, **kw)
    for rel in ('shapes/annotations/instances_train.json', 'balloon/train/via_region_data.json'):
        assert (a / rel).read_text() == (b / rel).read_text()


def test_via_and_cityscapes_trees(shapes_demo_root):  # noqa: F811
    via = json.loads((shapes_demo_root / 'balloon/train/via_region_data.json').read_text())
    assert len(via) == 4
    rec = next(iter(via.values()))
    region = next(iter(rec['regions'].values()))
    assert region['shape_attributes']['name'] == 'polygon'
    assert (shapes_demo_root / 'balloon/train' / rec['filename']).is_file()
    inst_files = sorted(
        (shapes_demo_root / 'cityscapes/gtFine/train').glob('*/*_gtFine_instanceIds.png')
    )
    assert len(inst_files) == 4
    ids = cv2.imread(str(inst_files[0]), cv2.IMREAD_UNCHANGED)
    assert ids.dtype == np.uint16
    assert set(np.unique(ids[ids >= 1000]) // 1000) <= {24, 26, 33}
    labels = cv2.imread(str(inst_files[0]).replace('instanceIds', 'labelIds'), cv2.IMREAD_UNCHANGED)
    assert set(np.unique(labels)) <= {7, 11, 23, 24, 26, 33}
    assert (
        shapes_demo_root / 'cityscapes/annotations/instancesonly_filtered_gtFine_val.json'
    ).is_file()


def test_coco_instance_config_loads_demo_through_dataloader(shapes_demo_root):  # noqa: F811
    cfg = Config.fromfile(str(REPO_ROOT / 'configs/_base_/datasets/coco_instance.py'))
    loader = cfg.train_dataloader
    loader.update(num_workers=0, persistent_workers=False, batch_size=3)
    loader.dataset.update(
        data_root=str(shapes_demo_root / 'shapes'),
        ann_file='annotations/instances_train.json',
        data_prefix=dict(img='train/'),
        metainfo=dict(classes=SHAPE_CLASSES),
    )
    loader.dataset.pipeline[2].scale = (320, 240)
    dl = Runner.build_dataloader(loader)
    batch = next(iter(dl))
    assert isinstance(batch['inputs'], list) and len(batch['inputs']) == 3
    for img, sample in zip(batch['inputs'], batch['data_samples']):
        assert isinstance(sample, DetDataSample)
        assert img.dtype.is_floating_point is False and img.shape[0] == 3
        assert tuple(img.shape[1:]) == sample.metainfo['img_shape'] == (240, 320)
        gt = sample.gt_instances
        assert len(gt) >= 2 and gt.masks.shape[1:] == img.shape[1:]
        assert gt.labels.min() >= 0 and gt.labels.max() < 3
        # Each box encloses its mask.
        for box, mask in zip(gt.bboxes, gt.masks):
            ys, xs = np.nonzero(mask.numpy())
            assert xs.min() >= box[0] - 1 and xs.max() <= box[2] + 1
    val = DATASETS.build(
        dict(cfg.val_dataloader.dataset, data_root=str(shapes_demo_root / 'shapes'),
             ann_file='annotations/instances_val.json', data_prefix=dict(img='val/'),
             metainfo=dict(classes=SHAPE_CLASSES))
    )  # fmt: skip
    assert len(val) == 4
    sample = val[0]['data_samples']
    assert sample.metainfo['scale_factor'][0] > 1  # upscaled to (1333, 800)
