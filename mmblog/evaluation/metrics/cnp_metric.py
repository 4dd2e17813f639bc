"""Test negative log-likelihood of a CNP, and how its uncertainty depends on the contexts."""

import numpy as np
from mmengine.evaluator import BaseMetric

from mmblog.registry import METRICS


@METRICS.register_module()
class CNPMetric(BaseMetric):
    """``nll``: mean over curves of -mean_t log p(y_t); ``mse`` of the predicted mean;
    ``sigma_near`` / ``sigma_far``: mean predicted sigma at targets within ``near`` of some
    context x versus farther than ``far`` from every context (1-D x only). A CNP that has
    learnt the data should be confident near its observations: sigma_near < sigma_far.

    Args:
        near: Distance in x counted as "at a context point".
        far: Distance in x counted as "away from all context points".
    """

    default_prefix = 'cnp'

    def __init__(self, near: float = 0.05, far: float = 0.5, **kwargs):
        super().__init__(**kwargs)
        self.near, self.far = near, far

    def process(self, data_batch, data_samples) -> None:
        for s in data_samples:
            tx = s['target_x'][:, 0].numpy()
            cx = s['context_x'][:, 0].numpy()
            dist = np.abs(tx[:, None] - cx[None, :]).min(1)
            sigma = s['sigma'].numpy().mean(-1)
            self.results.append(
                dict(
                    nll=s['nll'],
                    sq_err=float((s['mu'] - s['target_y']).pow(2).mean()),
                    near=sigma[dist <= self.near].tolist(),
                    far=sigma[dist >= self.far].tolist(),
                )
            )

    def compute_metrics(self, results: list) -> dict:
        near = [v for r in results for v in r['near']]
        far = [v for r in results for v in r['far']]
        return dict(
            nll=float(np.mean([r['nll'] for r in results])),
            mse=float(np.mean([r['sq_err'] for r in results])),
            sigma_near=float(np.mean(near)) if near else float('nan'),
            sigma_far=float(np.mean(far)) if far else float('nan'),
        )
