"""Classifier-based rejection sampling (VQ-VAE-2, section 3.3)."""

import torch
import torch.nn.functional as F


@torch.no_grad()
def classifier_rejection(
    images: torch.Tensor,
    labels: torch.Tensor,
    classifier,
    accept_fraction: float,
) -> torch.Tensor:
    """Scores each sample by the classifier's probability of its intended class and keeps the
    best ``accept_fraction`` of them: lower fractions trade diversity for quality.

    Args:
        images: (N, C, H, W) samples as the classifier expects them.
        labels: (N,) intended classes.
        classifier: Callable returning (N, num_classes) logits.
        accept_fraction: In (0, 1].

    Returns:
        Indices of the accepted samples, best first.
    """
    if not 0 < accept_fraction <= 1:
        raise ValueError(f'accept_fraction must be in (0, 1], got {accept_fraction}')
    probs = F.softmax(classifier(images), dim=1)
    score = probs.gather(1, labels.view(-1, 1)).squeeze(1)
    keep = max(1, int(round(accept_fraction * len(score))))
    return score.argsort(descending=True)[:keep]
