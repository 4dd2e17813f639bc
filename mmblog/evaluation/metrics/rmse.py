"""Root mean squared error of predicted ratings."""

import math
from collections.abc import Sequence

from mmengine.evaluator import BaseMetric

from mmblog.registry import METRICS


@METRICS.register_module()
class RMSE(BaseMetric):
    """``sqrt(mean((pred_rating - gt_rating)^2))`` over all samples, reported as ``rmse``.

    Args:
        clip: Optional (low, high): clip predictions to the rating range first (off by default,
            as the IGMC reference reports unclipped RMSE).
    """

    default_prefix = ''

    def __init__(self, clip: Sequence[float] | None = None, **kwargs):
        super().__init__(**kwargs)
        self.clip = clip

    def process(self, data_batch, data_samples: Sequence) -> None:
        for s in data_samples:
            get = s.get if hasattr(s, 'get') else s.__getitem__
            p, g = float(get('pred_rating')), float(get('gt_rating'))
            if self.clip is not None:
                p = min(max(p, self.clip[0]), self.clip[1])
            self.results.append((p - g) ** 2)

    def compute_metrics(self, results: list) -> dict:
        return dict(rmse=math.sqrt(sum(results) / max(len(results), 1)))
