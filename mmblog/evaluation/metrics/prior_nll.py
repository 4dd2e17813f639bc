"""Negative log-likelihood of an autoregressive prior over code maps."""

import math

from mmengine.evaluator import BaseMetric

from mmblog.registry import METRICS


@METRICS.register_module()
class PriorNLL(BaseMetric):
    """Mean NLL per code in nats (``nll``) and bits (``bits_per_dim``), next to the uniform
    baseline log K (``uniform_nll``) that a prior must beat."""

    default_prefix = 'prior'

    def process(self, data_batch, data_samples) -> None:
        for s in data_samples:
            self.results.append((s['nll_sum'], s['num_codes'], s['codebook_size']))

    def compute_metrics(self, results: list) -> dict:
        total = sum(r[0] for r in results)
        count = sum(r[1] for r in results)
        nll = total / count
        return dict(nll=nll, bits_per_dim=nll / math.log(2.0), uniform_nll=math.log(results[0][2]))
