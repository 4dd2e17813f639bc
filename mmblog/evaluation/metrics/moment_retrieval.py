"""Video corpus moment retrieval (TVR / How2R): R@K at temporal IoU thresholds."""

from collections import defaultdict
from collections.abc import Sequence

import numpy as np
from mmengine.evaluator import BaseMetric

from mmblog.registry import METRICS
from mmblog.structures.temporal import temporal_iou


def moment_recall(
    ranked: Sequence[Sequence[tuple]],
    targets: Sequence[tuple],
    ks: Sequence[int] = (1, 10, 100),
    iou_thresholds: Sequence[float] = (0.5, 0.7),
) -> dict[str, float]:
    """Percentage of queries with a correct moment among their top K predictions.

    A prediction ``(video, start, end)`` is correct when its video is the target's and its
    temporal IoU with the target span is at least the threshold.

    Args:
        ranked: Per query, its predictions best first.
        targets: Per query, ``(video, start, end)``.
    """
    out = {}
    hits = {(k, t): 0 for k in ks for t in iou_thresholds}
    for preds, (vid, st, ed) in zip(ranked, targets):
        preds = list(preds)
        ious = np.zeros(len(preds))
        same = [i for i, p in enumerate(preds) if p[0] == vid]
        if same:
            ious[same] = temporal_iou([preds[i][1:3] for i in same], [(st, ed)])[:, 0]
        for k in ks:
            for t in iou_thresholds:
                hits[(k, t)] += bool((ious[:k] >= t).any())
    n = max(len(targets), 1)
    for (k, t), h in hits.items():
        out[f'R@{k}_IoU{t}'] = 100.0 * h / n
    return out


@METRICS.register_module()
class MomentRetrievalMetric(BaseMetric):
    """R@K at IoU thresholds over a corpus: each sample scores one (query, video) pair.

    A model's prediction per pair holds ``query_id``, ``video``, ``target`` (``(video, st, ed)``
    of the query), ``video_score`` (a scalar) and ``spans`` (a list of ``(st, ed, score)``). A
    moment's score is ``video_score * span_score``; every query's moments over all its pairs
    are ranked together.

    Args:
        ks: The K of R@K (TVR: 1, 10, 100).
        iou_thresholds: TVR: 0.5 and 0.7.
    """

    default_prefix = 'tvr'

    def __init__(
        self, ks=(1, 10, 100), iou_thresholds=(0.5, 0.7), collect_device='cpu', prefix=None
    ):
        super().__init__(collect_device=collect_device, prefix=prefix)
        self.ks = tuple(ks)
        self.iou_thresholds = tuple(iou_thresholds)

    def process(self, data_batch, data_samples: Sequence[dict]) -> None:
        for s in data_samples:
            self.results.append(
                (
                    s['query_id'],
                    s['video'],
                    tuple(s['target']),
                    float(s['video_score']),
                    [tuple(x) for x in s['spans']],
                )
            )

    def compute_metrics(self, results: list) -> dict[str, float]:
        moments, targets, videos = defaultdict(list), {}, set()
        for qid, vid, target, vscore, spans in results:
            targets[qid] = target
            videos.add(vid)
            moments[qid] += [(vscore * sc, vid, st, ed) for st, ed, sc in spans]
        qids = sorted(targets)
        ranked = [[m[1:] for m in sorted(moments[q], key=lambda m: -m[0])] for q in qids]
        out = moment_recall(ranked, [targets[q] for q in qids], self.ks, self.iou_thresholds)
        out['num_videos'] = float(len(videos))
        return out
