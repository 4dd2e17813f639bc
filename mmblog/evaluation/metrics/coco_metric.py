"""COCO bbox / segm mAP through pycocotools (MMDetection's CocoMetric)."""

import contextlib
import io
import json
import os
import os.path as osp
import tempfile
from collections import OrderedDict

import numpy as np
import torch
from mmengine.evaluator import BaseMetric
from mmengine.logging import MMLogger, print_log

from mmblog.registry import METRICS

COCO_METRIC_ITEMS = {
    'mAP': 0,
    'mAP_50': 1,
    'mAP_75': 2,
    'mAP_s': 3,
    'mAP_m': 4,
    'mAP_l': 5,
    'AR@100': 8,
    'AR_s@100': 9,
    'AR_m@100': 10,
    'AR_l@100': 11,
}


def _np(x):
    if isinstance(x, torch.Tensor):
        return x.detach().cpu().numpy()
    return np.asarray(x)


def _xyxy2xywh(b) -> list:
    return [float(b[0]), float(b[1]), float(b[2] - b[0]), float(b[3] - b[1])]


def load_coco_gt(ann_file: str):
    """The ground-truth json as a pycocotools ``COCO``, annotation ids re-numbered 1..N in memory.

    COCOeval records a match by the matched annotation's id and reads 0 as "unmatched", so an
    annotation whose id is 0 (labelme, several converters and hand-written jsons start at 0) could
    never be matched. Re-numbering in memory keeps the file as it is and also survives duplicate
    ids; image and category ids are left alone (COCOeval has no such problem with them). Missing
    ``iscrowd``/``area`` get COCO's defaults instead of a KeyError deep inside COCOeval.
    """
    from pycocotools.coco import COCO

    from ...datasets.coco import load_coco_json

    data = load_coco_json(ann_file)
    annotations = []
    for i, ann in enumerate(data.get('annotations', [])):
        ann = dict(ann, id=i + 1)
        ann.setdefault('iscrowd', 0)
        if 'area' not in ann and isinstance(ann.get('bbox'), list) and len(ann['bbox']) == 4:
            ann['area'] = float(ann['bbox'][2]) * float(ann['bbox'][3])
        annotations.append(ann)
    data['annotations'] = annotations
    coco = COCO()
    coco.dataset = data
    with contextlib.redirect_stdout(io.StringIO()):
        coco.createIndex()
    return coco


def _write_json(obj, path: str) -> None:
    tmp = path + '.tmp'
    with open(tmp, 'w', encoding='utf-8') as f:
        json.dump(obj, f)
    os.replace(tmp, path)


@METRICS.register_module()
class CocoMetric(BaseMetric):
    """COCO detection metrics for ``pred_instances`` (boxes in original-image coordinates).

    Args:
        ann_file: COCO json with the ground truth. When None, the ground truth is taken from the
            data samples' ``gt_instances`` (boxes must then be in original-image coordinates, as
            with ``LoadAnnotations`` after ``Resize`` in the test pipeline).
        metric: ``'bbox'``, ``'segm'`` or a list of them.
        classwise: Also log a per-class AP table.
        proposal_nums: The three max-detections-per-image settings of COCOeval (the official
            numbers use 100, the last).
        iou_thrs: IoU thresholds (default 0.50:0.05:0.95).
        metric_items: Which of the 12 numbers to return (default the 6 mAP ones).
        format_only: Only write ``{outfile_prefix}.bbox.json`` / ``.segm.json`` (test sets
            without annotations, e.g. COCO test-dev); returns no numbers.
        outfile_prefix: Where to write the result jsons (a temp dir when None).
    """

    default_prefix = 'coco'

    def __init__(
        self,
        ann_file: str | None = None,
        metric='bbox',
        classwise: bool = False,
        proposal_nums=(1, 10, 100),
        iou_thrs=None,
        metric_items=None,
        format_only: bool = False,
        outfile_prefix: str | None = None,
        collect_device: str = 'cpu',
        prefix: str | None = None,
        backend_args=None,
        **kwargs,
    ):
        super().__init__(collect_device=collect_device, prefix=prefix)
        self.metrics = [metric] if isinstance(metric, str) else list(metric)
        for m in self.metrics:
            if m not in ('bbox', 'segm'):
                raise ValueError(f"CocoMetric metric must be 'bbox' or 'segm', got {m!r}")
        self.classwise = classwise
        self.proposal_nums = list(proposal_nums)
        self.iou_thrs = (
            np.linspace(0.5, 0.95, int(np.round((0.95 - 0.5) / 0.05)) + 1, endpoint=True)
            if iou_thrs is None
            else np.asarray(iou_thrs, dtype=float)
        )
        self.metric_items = metric_items
        for item in metric_items or []:
            if item not in COCO_METRIC_ITEMS:
                raise ValueError(
                    f'CocoMetric metric_items: unknown {item!r}; use {list(COCO_METRIC_ITEMS)}'
                )
        self.format_only = format_only
        if format_only and not outfile_prefix:
            raise ValueError(
                'CocoMetric(format_only=True) needs outfile_prefix, e.g. '
                '--cfg-options test_evaluator.outfile_prefix=./work_dirs/results'
            )
        self.outfile_prefix = outfile_prefix
        self.ann_file = ann_file
        self._coco_gt = None
        if ann_file is not None:
            from mmblog.utils import require_path

            from ...datasets.coco import how_to_make

            require_path(ann_file, how_to_make(ann_file))

    # -- collection ---------------------------------------------------------------------------
    def process(self, data_batch, data_samples) -> None:
        for sample in data_samples:
            if not isinstance(sample, dict):
                sample = sample.to_dict()
            pred = sample['pred_instances']
            result = dict(
                img_id=sample['img_id'],
                bboxes=_np(pred['bboxes']).reshape(-1, 4).astype(float),
                scores=_np(pred['scores']).astype(float),
                labels=_np(pred['labels']).astype(int),
            )
            if 'segm' in self.metrics:
                if 'masks' not in pred:
                    raise ValueError(
                        "CocoMetric(metric='segm') needs pred_instances.masks; "
                        'the model gives boxes only'
                    )
                from mmblog.datasets.transforms.mask_ops import bitmap_to_rle

                result['masks'] = [bitmap_to_rle(_np(m)) for m in pred['masks']]
            gt = dict(
                img_id=sample['img_id'],
                width=int(sample['ori_shape'][1]),
                height=int(sample['ori_shape'][0]),
            )
            if self.ann_file is None and 'gt_instances' in sample:
                gi = sample['gt_instances']
                gt['bboxes'] = _np(gi['bboxes']).reshape(-1, 4).astype(float)
                gt['labels'] = _np(gi['labels']).astype(int)
                if 'masks' in gi:
                    gt['masks'] = [bitmap_to_rle(_np(m)) for m in gi['masks']]
            self.results.append((gt, result))

    # -- formatting ---------------------------------------------------------------------------
    def _cat_ids(self) -> list:
        classes = (self.dataset_meta or {}).get('classes')
        if self._coco_gt is None:
            return list(range(1, len(classes) + 1)) if classes else []
        from ...datasets.coco import select_categories

        cats = self._coco_gt.dataset['categories']
        if classes is None:
            return [c['id'] for c in cats]
        return select_categories(self.ann_file or 'ground truth', cats, tuple(classes))

    def results2json(self, results: list, outfile_prefix: str) -> dict:
        """Write ``{prefix}.bbox.json`` (and ``.segm.json``); returns the paths by metric."""
        cat_ids = self._cat_ids()
        bbox_json, segm_json = [], []
        for res in results:
            for i, (box, score, label) in enumerate(
                zip(res['bboxes'], res['scores'], res['labels'])
            ):
                if label >= len(cat_ids):
                    raise ValueError(
                        f'CocoMetric: predicted label {label} but the dataset has {len(cat_ids)} '
                        'classes; check num_classes against metainfo classes'
                    )
                entry = dict(
                    image_id=res['img_id'],
                    bbox=_xyxy2xywh(box),
                    score=float(score),
                    category_id=cat_ids[label],
                )
                bbox_json.append(entry)
                if 'masks' in res:
                    segm_json.append(dict(entry, segmentation=res['masks'][i]))
        files = {}
        os.makedirs(osp.dirname(osp.abspath(outfile_prefix)), exist_ok=True)
        files['bbox'] = f'{outfile_prefix}.bbox.json'
        _write_json(bbox_json, files['bbox'])
        if 'segm' in self.metrics:
            files['segm'] = f'{outfile_prefix}.segm.json'
            _write_json(segm_json, files['segm'])
        return files

    def gt_to_coco_json(self, gts: list, outfile_prefix: str) -> str:
        """Ground truth taken from the data samples, as a COCO json."""
        classes = (self.dataset_meta or {}).get('classes', ())
        categories = [dict(id=i + 1, name=c) for i, c in enumerate(classes)]
        images, annotations = [], []
        import pycocotools.mask as mask_util

        for gt in gts:
            images.append(
                dict(id=gt['img_id'], width=gt['width'], height=gt['height'], file_name='')
            )
            for j, (box, label) in enumerate(zip(gt.get('bboxes', []), gt.get('labels', []))):
                xywh = _xyxy2xywh(box)
                ann = dict(
                    id=len(annotations) + 1,
                    image_id=gt['img_id'],
                    bbox=xywh,
                    area=xywh[2] * xywh[3],
                    category_id=int(label) + 1,
                    iscrowd=0,
                )
                if 'masks' in gt:
                    ann['segmentation'] = gt['masks'][j]
                    ann['area'] = float(mask_util.area(gt['masks'][j]))
                annotations.append(ann)
        path = f'{outfile_prefix}.gt.json'
        _write_json(dict(images=images, annotations=annotations, categories=categories), path)
        return path

    # -- evaluation ---------------------------------------------------------------------------
    def compute_metrics(self, results: list) -> dict:
        from pycocotools.cocoeval import COCOeval

        logger = MMLogger.get_current_instance()
        gts, preds = zip(*results) if results else ((), ())
        tmp_dir = None
        outfile_prefix = self.outfile_prefix
        if outfile_prefix is None:
            tmp_dir = tempfile.TemporaryDirectory()
            outfile_prefix = osp.join(tmp_dir.name, 'results')

        ann_file = self.ann_file
        if ann_file is None and not self.format_only:
            ann_file = self.gt_to_coco_json(list(gts), outfile_prefix)
        if ann_file is not None:
            self._coco_gt = load_coco_gt(ann_file)
        files = self.results2json(list(preds), outfile_prefix)
        if self.format_only:
            logger.info(f'results are saved in {osp.dirname(osp.abspath(outfile_prefix))}: {files}')
            return {}

        cat_ids = self._cat_ids()
        img_ids = sorted({g['img_id'] for g in gts})
        eval_results = OrderedDict()
        for metric in self.metrics:
            logger.info(f'Evaluating {metric}...')
            with open(files[metric], encoding='utf-8') as f:
                dets = json.load(f)
            if not dets:
                logger.warning(f'no {metric} predictions; {metric} mAP is 0')
                for item in self.metric_items or list(COCO_METRIC_ITEMS)[:6]:
                    eval_results[f'{metric}_{item}'] = 0.0
                continue
            if metric == 'segm':
                # Mask AP ignores boxes; loadRes derives them from the masks.
                for d in dets:
                    d.pop('bbox', None)
            with contextlib.redirect_stdout(io.StringIO()):
                coco_dt = self._coco_gt.loadRes(dets)
            coco_eval = COCOeval(self._coco_gt, coco_dt, metric)
            coco_eval.params.catIds = cat_ids
            coco_eval.params.imgIds = img_ids
            coco_eval.params.maxDets = self.proposal_nums
            coco_eval.params.iouThrs = self.iou_thrs
            buf = io.StringIO()
            with contextlib.redirect_stdout(buf):
                coco_eval.evaluate()
                coco_eval.accumulate()
                coco_eval.summarize()
            logger.info('\n' + buf.getvalue())
            stats = coco_eval.stats
            if self.classwise:
                for name, ap in self._log_classwise(coco_eval, cat_ids, logger).items():
                    eval_results[f'{metric}_{name}_precision'] = float(f'{ap:.3f}')
            for item in self.metric_items or list(COCO_METRIC_ITEMS)[:6]:
                eval_results[f'{metric}_{item}'] = float(f'{stats[COCO_METRIC_ITEMS[item]]:.3f}')
            ap = stats[:6]
            logger.info(
                f'{metric}_mAP_copypaste: {ap[0]:.3f} {ap[1]:.3f} {ap[2]:.3f} '
                f'{ap[3]:.3f} {ap[4]:.3f} {ap[5]:.3f}'
            )
        if tmp_dir is not None:
            tmp_dir.cleanup()
        return eval_results

    def _log_classwise(self, coco_eval, cat_ids: list, logger) -> dict:
        """Log the per-class AP table; returns ``{class name: AP@[.5:.95]}`` (MMDetection's
        ``{metric}_{name}_precision`` results)."""
        precisions = coco_eval.eval['precision']  # (iou, recall, cls, area range, max dets)
        rows = []
        for idx, cat_id in enumerate(cat_ids):
            name = self._coco_gt.loadCats(cat_id)[0]['name']

            def ap_of(p):
                p = p[p > -1]
                return float(np.mean(p)) if p.size else float('nan')

            rows.append(
                (
                    name,
                    ap_of(precisions[:, :, idx, 0, -1]),
                    ap_of(precisions[0, :, idx, 0, -1]),
                    ap_of(precisions[min(5, len(precisions) - 1), :, idx, 0, -1]),
                )
            )
        width = max([len(r[0]) for r in rows] + [8])
        lines = [f'{"category":<{width}} | mAP   | mAP_50 | mAP_75', '-' * (width + 26)]
        lines += [f'{n:<{width}} | {a:.3f} | {b:.3f}  | {c:.3f}' for n, a, b, c in rows]
        print_log('\n' + '\n'.join(lines), logger=logger)
        return {n: a for n, a, _, _ in rows}
