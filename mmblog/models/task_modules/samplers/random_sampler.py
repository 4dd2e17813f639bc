"""Random positive/negative sampling of assigned candidates."""

import torch
from torchvision.models.detection._utils import BalancedPositiveNegativeSampler

from mmblog.registry import TASK_UTILS


@TASK_UTILS.register_module()
class RandomSampler:
    """Sample up to ``num`` candidates per image, at most ``pos_fraction`` of them positive.

    Args:
        num: Candidates per image.
        pos_fraction: Upper bound of the positive share.
        neg_pos_ub: Unused (MMDetection compatibility); must be -1.
        add_gt_as_proposals: The RoI head appends the gt boxes to the proposals first.

    ``sample(matched_idxs)`` takes the assigner's output and returns boolean masks (pos, neg).
    """

    def __init__(
        self,
        num: int,
        pos_fraction: float,
        neg_pos_ub: int = -1,
        add_gt_as_proposals: bool = True,
    ):
        self.num = num
        self.pos_fraction = pos_fraction
        self.add_gt_as_proposals = add_gt_as_proposals
        self._sampler = BalancedPositiveNegativeSampler(num, pos_fraction)

    def sample(self, matched_idxs: torch.Tensor) -> tuple:
        labels = (matched_idxs >= 0).to(torch.int64)
        labels[matched_idxs == -2] = -1
        pos, neg = self._sampler([labels])
        return pos[0].bool(), neg[0].bool()
