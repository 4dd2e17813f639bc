"""CocoMetric: perfect predictions score 1.0, worse ones less; format_only writes the jsons."""

import json

import numpy as np
import pytest
import torch
from mmengine.evaluator import Evaluator
from mmengine.logging import MMLogger

from mmblog.datasets.transforms.mask_ops import polygons_to_bitmap
from mmblog.registry import METRICS
from mmblog.structures import DetDataSample
from mmblog.utils import register_all_modules
from tests.fixtures.shapes_demo import shapes_demo_root  # noqa: F401

register_all_modules()
CLASSES = ('circle', 'rectangle', 'triangle')


def _samples(coco, shift=0.0, drop_every=0, with_masks=True):
    samples = []
    for img in coco['images']:
        anns = [a for a in coco['annotations'] if a['image_id'] == img['id']]
        if drop_every:
            anns = anns[::drop_every]
        boxes = torch.tensor(
            [[a['bbox'][0] + shift, a['bbox'][1], a['bbox'][0] + a['bbox'][2] + shift,
              a['bbox'][1] + a['bbox'][3]] for a in anns],
            dtype=torch.float32,
        ).reshape(-1, 4)  # fmt: skip
        pred = dict(
            bboxes=boxes,
            scores=torch.linspace(0.9, 0.5, len(anns)),
            labels=torch.tensor([a['category_id'] - 1 for a in anns], dtype=torch.long),
        )
        if with_masks:
            masks = [
                np.roll(
                    polygons_to_bitmap(a['segmentation'], img['height'], img['width']),
                    int(shift),
                    1,
                )
                for a in anns
            ]
            pred['masks'] = torch.from_numpy(
                np.stack(masks) if masks else np.zeros((0, img['height'], img['width']))
            ).bool()
        s = DetDataSample(metainfo=dict(img_id=img['id'], ori_shape=(img['height'], img['width'])))
        from mmengine.structures import InstanceData

        s.pred_instances = InstanceData(**pred)
        samples.append(s)
    return samples


def _evaluate(ann_file, samples, **kwargs):
    evaluator = Evaluator(dict(type='CocoMetric', ann_file=str(ann_file), **kwargs))
    evaluator.dataset_meta = dict(classes=CLASSES)
    evaluator.process(samples, {})
    return evaluator.evaluate(len(samples))


@pytest.fixture(scope='module')
def val(shapes_demo_root):  # noqa: F811
    path = shapes_demo_root / 'shapes/annotations/instances_val.json'
    return path, json.loads(path.read_text())


def test_perfect_predictions_score_one(val):
    ann_file, coco = val
    res = _evaluate(ann_file, _samples(coco), metric=['bbox', 'segm'])
    for key in ('coco/bbox_mAP', 'coco/bbox_mAP_50', 'coco/bbox_mAP_75', 'coco/segm_mAP'):
        assert res[key] == pytest.approx(1.0), key
    assert set(res) >= {'coco/bbox_mAP_s', 'coco/bbox_mAP_m', 'coco/bbox_mAP_l', 'coco/segm_mAP_50'}


def test_shifted_and_missing_predictions_score_lower(val):
    ann_file, coco = val
    shifted = _evaluate(ann_file, _samples(coco, shift=6.0), metric=['bbox', 'segm'])
    assert 0.05 < shifted['coco/bbox_mAP'] < 0.9
    assert shifted['coco/bbox_mAP_50'] > shifted['coco/bbox_mAP_75']
    assert shifted['coco/segm_mAP'] < 0.9
    missing = _evaluate(ann_file, _samples(coco, drop_every=2, with_masks=False))
    assert 0.2 < missing['coco/bbox_mAP'] < 0.9


def test_copypaste_line_and_classwise_table_are_logged(val, capsys):
    ann_file, coco = val
    logger = MMLogger.get_instance('coco_metric_test', log_level='INFO')
    assert logger is MMLogger.get_current_instance()
    _evaluate(ann_file, _samples(coco, with_masks=False), classwise=True)
    out = capsys.readouterr()
    text = out.out + out.err
    assert 'bbox_mAP_copypaste: 1.000 1.000 1.000' in text
    assert 'Average Precision  (AP) @[ IoU=0.50:0.95' in text
    assert 'triangle' in text and 'mAP_50' in text


def test_format_only_writes_result_jsons(val, tmp_path):
    ann_file, coco = val
    prefix = tmp_path / 'out' / 'results'
    res = _evaluate(ann_file, _samples(coco), metric=['bbox', 'segm'], format_only=True,
                    outfile_prefix=str(prefix))  # fmt: skip
    assert res == {}
    bbox = json.loads((tmp_path / 'out/results.bbox.json').read_text())
    segm = json.loads((tmp_path / 'out/results.segm.json').read_text())
    assert len(bbox) == len(coco['annotations']) == len(segm)
    first = coco['annotations'][0]
    match = [
        b
        for b in bbox
        if b['image_id'] == first['image_id'] and b['bbox'] == pytest.approx(first['bbox'])
    ]
    assert match and match[0]['category_id'] == first['category_id']
    assert isinstance(segm[0]['segmentation']['counts'], str)
    assert not list((tmp_path / 'out').glob('*.tmp'))


def test_format_only_on_image_info_json_without_annotations(val, tmp_path):
    """The --format-only path: ground truth json from images2coco has no annotations."""
    _, coco = val
    info = dict(images=coco['images'], categories=coco['categories'])
    path = tmp_path / 'test_info.json'
    path.write_text(json.dumps(info))
    _evaluate(path, _samples(coco, with_masks=False), format_only=True,
              outfile_prefix=str(tmp_path / 'r'))  # fmt: skip
    assert (tmp_path / 'r.bbox.json').is_file()


def test_ground_truth_from_data_samples(val):
    ann_file, coco = val
    samples = _samples(coco, with_masks=False)
    from mmengine.structures import InstanceData

    for s in samples:
        s.gt_instances = InstanceData(
            bboxes=s.pred_instances.bboxes.clone(), labels=s.pred_instances.labels.clone()
        )
    evaluator = Evaluator(dict(type='CocoMetric', ann_file=None))
    evaluator.dataset_meta = dict(classes=CLASSES)
    evaluator.process(samples, {})
    assert evaluator.evaluate(len(samples))['coco/bbox_mAP'] == pytest.approx(1.0)


def test_bad_arguments():
    with pytest.raises(ValueError, match='outfile_prefix'):
        METRICS.build(dict(type='CocoMetric', format_only=True))
    with pytest.raises(ValueError, match="'bbox' or 'segm'"):
        METRICS.build(dict(type='CocoMetric', metric='proposal_fast'))


def test_segm_needs_masks(val):
    ann_file, coco = val
    with pytest.raises(ValueError, match='pred_instances.masks'):
        _evaluate(ann_file, _samples(coco, with_masks=False), metric='segm')


# -- ids that pycocotools mishandles: 0, gaps, shuffled order (issue 11) --------------------------
def _rect(x, y, w, h):
    return dict(bbox=[x, y, w, h], segmentation=[[x, y, x + w, y, x + w, y + h, x, y + h]])


def _id_json(kind: str) -> dict:
    """Three images, three classes, seven objects; ids numbered the way ``kind`` says."""
    objects = [  # (image index, class index, box)
        (0, 0, (4, 4, 20, 16)), (0, 1, (30, 8, 12, 22)), (0, 2, (6, 30, 25, 10)),
        (1, 0, (10, 10, 30, 30)), (1, 2, (2, 44, 14, 8)),
        (2, 1, (20, 2, 18, 18)), (2, 1, (3, 28, 26, 20)),
    ]  # fmt: skip
    names = ('cat', 'dog', 'potted plant')
    if kind == 'zero':  # labelme: everything from 0, category 0 a '_background_' entry
        img_ids, cat_ids, ann_ids = [0, 1, 2], [1, 2, 3], list(range(len(objects)))
        extra_cats = [dict(id=0, name='_background_')]
    elif kind == 'zero_category':  # the classes themselves start at category id 0
        img_ids, cat_ids, ann_ids = [0, 1, 2], [0, 1, 2], list(range(len(objects)))
        extra_cats = []
    elif kind == 'noncontiguous':
        img_ids, cat_ids, ann_ids = [10, 42, 7], [3, 12, 7], [5, 17, 900, 0, 33, 2, 64]
        extra_cats = [dict(id=99, name='unused')]
    else:  # 'shuffled': permuted ids, every list out of order
        img_ids, cat_ids, ann_ids = [2, 0, 1], [2, 0, 1], [6, 0, 4, 2, 5, 3, 1]
        extra_cats = []
    images = [dict(id=i, file_name=f'{i}.jpg', height=64, width=64) for i in img_ids]
    cats = [dict(id=c, name=n) for c, n in zip(cat_ids, names)] + extra_cats
    anns = [
        dict(_rect(*box), id=a, image_id=img_ids[i], category_id=cat_ids[c], iscrowd=0,
             area=box[2] * box[3])
        for a, (i, c, box) in zip(ann_ids, objects)
    ]  # fmt: skip
    if kind == 'shuffled':
        rng = np.random.default_rng(0)
        anns = [anns[i] for i in rng.permutation(len(anns))]
        images, cats = images[::-1], cats[::-1]
    return dict(images=images, annotations=anns, categories=cats)


def perfect_samples(coco: dict, classes) -> list:
    """The ground truth itself as predictions (score 1.0), masks rasterised by pycocotools."""
    import pycocotools.mask as mask_util
    from mmengine.structures import InstanceData

    label_of = {c['id']: classes.index(c['name']) for c in coco['categories']
                if c['name'] in classes}  # fmt: skip
    samples = []
    for img in coco['images']:
        h, w = img['height'], img['width']
        anns = [a for a in coco['annotations'] if a['image_id'] == img['id']
                and not a.get('iscrowd') and a['category_id'] in label_of]  # fmt: skip
        masks = []
        for a in anns:
            seg = a['segmentation']
            rle = (
                mask_util.merge(mask_util.frPyObjects(seg, h, w)) if isinstance(seg, list) else seg
            )
            masks.append(mask_util.decode(rle))
        s = DetDataSample(metainfo=dict(img_id=img['id'], ori_shape=(h, w)))
        s.pred_instances = InstanceData(
            bboxes=torch.tensor(
                [[x, y, x + bw, y + bh] for x, y, bw, bh in (a['bbox'] for a in anns)],
                dtype=torch.float64,
            ).reshape(-1, 4),
            scores=torch.ones(len(anns)),
            labels=torch.tensor([label_of[a['category_id']] for a in anns], dtype=torch.long),
            masks=torch.from_numpy(np.stack(masks) if masks else np.zeros((0, h, w))).bool(),
        )
        samples.append(s)
    return samples


def _evaluate_perfect(ann_file, coco, classes):
    evaluator = Evaluator(
        dict(type='CocoMetric', ann_file=str(ann_file), metric=['bbox', 'segm'], classwise=True,
             metric_items=['mAP', 'mAP_50', 'mAP_75', 'AR@100'])
    )  # fmt: skip
    evaluator.dataset_meta = dict(classes=tuple(classes))
    samples = perfect_samples(coco, classes)
    evaluator.process(samples, {})
    return evaluator.evaluate(len(samples))


@pytest.mark.parametrize('kind', ['zero', 'zero_category', 'noncontiguous', 'shuffled'])
def test_perfect_predictions_score_one_whatever_the_ids(kind, tmp_path):
    coco = _id_json(kind)
    path = tmp_path / f'{kind}.json'
    path.write_text(json.dumps(coco))
    classes = ('cat', 'dog', 'potted plant')
    res = _evaluate_perfect(path, coco, classes)
    for metric in ('bbox', 'segm'):
        for item in ('mAP', 'mAP_50', 'mAP_75', 'AR@100'):
            assert res[f'coco/{metric}_{item}'] == 1.0, (metric, item, res)
        for name in classes:  # classwise
            assert res[f'coco/{metric}_{name}_precision'] == 1.0, (metric, name, res)
    assert json.loads(path.read_text()) == coco  # re-numbering happens in memory only


def test_id_zero_is_matched_where_pycocotools_alone_misses_it(tmp_path):
    """The direct check of the cause: plain COCOeval on the same json stays below 1."""
    import contextlib
    import io

    from pycocotools.coco import COCO
    from pycocotools.cocoeval import COCOeval

    coco = _id_json('zero')
    path = tmp_path / 'zero.json'
    path.write_text(json.dumps(coco))
    dets = [dict(image_id=a['image_id'], category_id=a['category_id'], bbox=a['bbox'], score=1.0)
            for a in coco['annotations']]  # fmt: skip
    with contextlib.redirect_stdout(io.StringIO()):
        gt = COCO(str(path))
        ev = COCOeval(gt, gt.loadRes(dets), 'bbox')
        ev.evaluate(), ev.accumulate(), ev.summarize()
    assert ev.stats[0] < 0.99
    res = _evaluate_perfect(path, coco, ('cat', 'dog', 'potted plant'))
    assert res['coco/bbox_mAP'] == 1.0


@pytest.mark.parametrize(
    'json_path,classes',
    [
        ('balloon/val/annotation_coco.json', ('balloon',)),
        (
            'cityscapes/annotations/instancesonly_filtered_gtFine_val.json',
            ('person', 'rider', 'car', 'truck', 'bus', 'train', 'motorcycle', 'bicycle'),
        ),
    ],
)
def test_converter_outputs_score_one_on_their_own_ground_truth(shapes_demo_root, json_path,  # noqa: F811
                                                               classes):  # fmt: skip
    """balloon2coco and cityscapes.py number images/annotations from 0: still exactly 1.000."""
    path = shapes_demo_root / json_path
    coco = json.loads(path.read_text())
    assert min(a['id'] for a in coco['annotations']) == 0
    present = {c['name'] for c in coco['categories']
               if any(a['category_id'] == c['id'] for a in coco['annotations'])}  # fmt: skip
    res = _evaluate_perfect(path, coco, classes)
    for metric in ('bbox', 'segm'):
        assert res[f'coco/{metric}_mAP'] == 1.0
        for name in present:
            assert res[f'coco/{metric}_{name}_precision'] == 1.0, (metric, name)
