"""Reconstruction quality and codebook use of VQ autoencoders."""

import math

import torch
from mmengine.evaluator import BaseMetric

from mmblog.registry import METRICS


@METRICS.register_module()
class ReconstructionMetric(BaseMetric):
    """MSE and PSNR on [0, 1] pixels, the data variance for scale, and per-level code usage.

    Reports ``mse``, ``psnr`` (dB, peak 1, from the dataset MSE), ``data_var`` (variance of the
    original pixels: the MSE of always predicting the mean image value), and for each code level
    (``codes`` or ``top``/``bottom``) ``perplexity`` = exp(entropy of the code histogram over the
    whole set) and ``usage`` = fraction of the K codes used at least once.
    """

    default_prefix = 'recon'

    def process(self, data_batch, data_samples) -> None:
        for s in data_samples:
            recon, orig = s['recon'].double(), s['orig'].double()
            hist = {
                level: torch.bincount(codes.flatten(), minlength=s['num_codes'][level])
                for level, codes in s['codes'].items()
            }
            self.results.append(
                dict(
                    sq_err=float((recon - orig).pow(2).sum()),
                    sum=float(orig.sum()),
                    sq_sum=float(orig.pow(2).sum()),
                    n=orig.numel(),
                    hist=hist,
                )
            )

    def compute_metrics(self, results: list) -> dict:
        n = sum(r['n'] for r in results)
        mse = sum(r['sq_err'] for r in results) / n
        mean = sum(r['sum'] for r in results) / n
        var = sum(r['sq_sum'] for r in results) / n - mean**2
        metrics = dict(mse=mse, psnr=10 * math.log10(1.0 / max(mse, 1e-12)), data_var=var)
        levels = results[0]['hist'].keys()
        for level in levels:
            counts = sum(r['hist'][level] for r in results).double()
            probs = counts / counts.sum()
            entropy = -(probs[probs > 0] * probs[probs > 0].log()).sum()
            suffix = '' if len(levels) == 1 else f'_{level}'
            metrics[f'perplexity{suffix}'] = float(entropy.exp())
            metrics[f'usage{suffix}'] = float((counts > 0).double().mean())
        return metrics
