"""Mean cross-entropy of predicted probabilities (a validation loss for early stopping)."""

from collections.abc import Sequence

import torch
from mmengine.evaluator import BaseMetric

from mmblog.registry import METRICS


@METRICS.register_module()
class CrossEntropy(BaseMetric):
    """``-mean_i log p_i[y_i]`` over every scored row (sigmoid cross-entropy for 0/1 targets),
    reported as ``cross_entropy/loss``.

    Args:
        add_reg_loss: Add the model's regularisation term when the samples carry one as
            ``reg_loss`` (a model with an explicit L2 term attaches it; APPNP's reference stops
            on cross-entropy + L2, its training objective).
        eps: Floor of the probabilities before the log.
    """

    default_prefix = 'cross_entropy'

    def __init__(self, add_reg_loss: bool = True, eps: float = 1e-12, **kwargs):
        super().__init__(**kwargs)
        self.add_reg_loss = add_reg_loss
        self.eps = eps

    def process(self, data_batch, data_samples: Sequence) -> None:
        for sample in data_samples:
            sample = sample if isinstance(sample, dict) else sample.to_dict()
            p = sample['pred_score'].cpu().double()
            p = p.reshape(-1, p.shape[-1])
            gt = sample['gt_label'].cpu()
            if gt.dim() == 2 and gt.shape == p.shape:
                t = gt.double()
                nll = -(
                    t * p.clamp_min(self.eps).log() + (1 - t) * (1 - p).clamp_min(self.eps).log()
                )
                nll = nll.mean(1)
            else:
                nll = -p.gather(1, gt.reshape(-1, 1).long()).clamp_min(self.eps).log().flatten()
            reg = sample.get('reg_loss') if self.add_reg_loss else None
            self.results.append(
                dict(nll=nll, reg=None if reg is None else float(torch.as_tensor(reg)))
            )

    def compute_metrics(self, results: list) -> dict:
        loss = torch.cat([r['nll'] for r in results]).mean().item()
        regs = [r['reg'] for r in results if r['reg'] is not None]
        if self.add_reg_loss and regs:
            loss += sum(regs) / len(regs)
        return dict(loss=loss)
