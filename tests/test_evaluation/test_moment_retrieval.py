import numpy as np
import pytest

from mmblog.evaluation.metrics import MomentRetrievalMetric, TaskAccuracy, moment_recall
from mmblog.structures import temporal_iou


def _iou(a, b):
    inter = max(0.0, min(a[1], b[1]) - max(a[0], b[0]))
    union = (a[1] - a[0]) + (b[1] - b[0]) - inter
    if union == 0:
        return 1.0 if a[0] == b[0] else 0.0
    return inter / union


def test_temporal_iou_matches_direct_computation():
    rng = np.random.default_rng(0)
    a = np.sort(rng.integers(0, 8, size=(20, 2)), 1).astype(float)  # ties and points
    b = np.sort(rng.integers(0, 8, size=(15, 2)), 1).astype(float)
    expected = np.array([[_iou(x, y) for y in b] for x in a])
    np.testing.assert_allclose(temporal_iou(a, b), expected)
    assert temporal_iou([[0, 1]], [[1, 2]])[0, 0] == 0  # touching


def test_moment_recall_thresholds_and_k():
    targets = [('v1', 0.0, 10.0), ('v2', 5.0, 7.0)]
    ranked = [
        [('v2', 0.0, 10.0), ('v1', 0.0, 6.0), ('v1', 0.0, 8.0)],  # IoU 0.6 then 0.8
        [('v2', 5.0, 7.0)],
    ]
    out = moment_recall(ranked, targets, ks=(1, 2, 3), iou_thresholds=(0.5, 0.7))
    assert out['R@1_IoU0.5'] == 50.0 and out['R@2_IoU0.5'] == 100.0
    assert out['R@2_IoU0.7'] == 50.0 and out['R@3_IoU0.7'] == 100.0


def test_metric_ranks_moments_across_videos():
    metric = MomentRetrievalMetric(ks=(1, 2), iou_thresholds=(0.5,))
    metric.process(
        {},
        [
            dict(query_id=0, video='a', target=('a', 0, 3), video_score=1.0, spans=[(0, 3, 0.5)]),
            dict(query_id=0, video='b', target=('a', 0, 3), video_score=2.0, spans=[(0, 3, 0.4)]),
        ],
    )
    out = metric.compute_metrics(metric.results)
    # b's moment scores 0.8 > a's 0.5: the right one is second.
    assert out['R@1_IoU0.5'] == 0.0 and out['R@2_IoU0.5'] == 100.0 and out['num_videos'] == 2


def test_task_accuracy_sums_batches():
    metric = TaskAccuracy()
    metric.process({}, [dict(mlm=dict(correct=3, total=4, chance=1)), {}])
    metric.process({}, [dict(mlm=dict(correct=1, total=4, chance=1))])
    out = metric.compute_metrics(metric.results)
    assert out == pytest.approx({'mlm_acc': 50.0, 'mlm_chance': 25.0})
