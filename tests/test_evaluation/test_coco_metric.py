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
