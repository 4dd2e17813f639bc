"""Cross-modal retrieval: recall at K (R@K), median and mean rank (MedR, MeanR)."""

from collections.abc import Sequence

import numpy as np
import torch
from mmengine.evaluator import BaseMetric

from mmblog.registry import METRICS


def retrieval_ranks(similarity: np.ndarray, targets: np.ndarray | None = None) -> np.ndarray:
    """1-based rank of each query's target among all candidates (higher score = better).

    Ties count against the target: a candidate that scores exactly as high as the target ranks
    before it, so a model that gives every candidate the same score gets the worst rank, not
    the best.

    Args:
        similarity: (Q, N) scores of query q against candidate n.
        targets: (Q,) index of each query's correct candidate; default ``arange(Q)``.
    """
    similarity = np.asarray(similarity, dtype=np.float64)
    q = similarity.shape[0]
    targets = np.arange(q) if targets is None else np.asarray(targets)
    target_scores = similarity[np.arange(q), targets]
    at_least = (similarity >= target_scores[:, None]).sum(axis=1)
    return at_least.astype(np.int64)  # includes the target itself, so it is already 1-based


def recall_at_k(ranks: np.ndarray, ks: Sequence[int] = (1, 5, 10)) -> dict[str, float]:
    """Percentage of queries whose target ranks within K, plus MedR and MeanR."""
    ranks = np.asarray(ranks)
    out = {f'R@{k}': float(100.0 * (ranks <= k).mean()) for k in ks}
    out['MedR'] = float(np.median(ranks))
    out['MeanR'] = float(ranks.mean())
    return out


@METRICS.register_module()
class RetrievalMetric(BaseMetric):
    """Text-to-video retrieval over the whole test list: text i's target is clip i.

    Collects the ``text_embedding`` / ``video_embedding`` a model predicts per sample, scores
    every text against every clip by dot product (cosine for unit vectors) and reports R@K (%),
    MedR and MeanR; ``chance R@1`` (100 / pool size) is logged alongside for reference.

    Args:
        ks: The K of R@K.
        direction: ``'t2v'`` (text queries, video candidates) or ``'v2t'``.
    """

    default_prefix = 'retrieval'

    def __init__(
        self,
        ks: Sequence[int] = (1, 5, 10),
        direction: str = 't2v',
        collect_device: str = 'cpu',
        prefix: str | None = None,
    ) -> None:
        super().__init__(collect_device=collect_device, prefix=prefix)
        if direction not in ('t2v', 'v2t'):
            raise ValueError(f"direction must be 't2v' or 'v2t', got {direction!r}")
        self.ks = tuple(ks)
        self.direction = direction

    def process(self, data_batch, data_samples: Sequence[dict]) -> None:
        for s in data_samples:
            self.results.append(
                (s.get('clip_index'), s['text_embedding'].float(), s['video_embedding'].float())
            )

    def compute_metrics(self, results: list) -> dict[str, float]:
        # Keep dataset order when a distributed sampler interleaved the samples.
        if all(r[0] is not None for r in results):
            results = sorted(results, key=lambda r: r[0])
        text = torch.stack([r[1] for r in results])
        video = torch.stack([r[2] for r in results])
        sim = (text @ video.t()).numpy()
        if self.direction == 'v2t':
            sim = sim.T
        out = recall_at_k(retrieval_ranks(sim), self.ks)
        out['chance_R@1'] = 100.0 / sim.shape[1]
        return out
