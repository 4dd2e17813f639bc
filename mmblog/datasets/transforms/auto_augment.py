"""AutoAugment: apply one randomly chosen policy (a list of transforms) per image."""

import numpy as np
from mmcv.transforms import BaseTransform, Compose
from mmcv.transforms.utils import cache_randomness

from mmblog.registry import TRANSFORMS

# A small geometric default; configs normally give their own policies.
DEFAULT_POLICIES = [
    [dict(type='Rotate', prob=0.5, level=5)],
    [dict(type='Translate', prob=0.5, level=5)],
    [dict(type='Rotate', prob=0.5, level=7), dict(type='Translate', prob=0.5, level=5)],
]


@TRANSFORMS.register_module()
class AutoAugment(BaseTransform):
    """Pick one of ``policies`` (each a list of transform configs) and apply it.

    Args:
        policies: List of policies; each policy is a non-empty list of transform dicts.
        prob: Probabilities of the policies (uniform when None).
    """

    def __init__(self, policies: list | None = None, prob: list | None = None):
        policies = DEFAULT_POLICIES if policies is None else policies
        if not isinstance(policies, list) or not policies:
            raise ValueError('AutoAugment policies must be a non-empty list of lists of dicts')
        for i, policy in enumerate(policies):
            if not isinstance(policy, list) or not policy:
                raise ValueError(
                    f'AutoAugment policies[{i}] must be a non-empty list, got {policy!r}'
                )
        if prob is not None and (len(prob) != len(policies) or abs(sum(prob) - 1) > 1e-6):
            raise ValueError(f'AutoAugment prob must have {len(policies)} entries summing to 1')
        self.policies = policies
        self.prob = prob
        self.transforms = [Compose([TRANSFORMS.build(t) for t in p]) for p in policies]

    @cache_randomness
    def random_policy_index(self) -> int:
        return int(np.random.choice(len(self.transforms), p=self.prob))

    def transform(self, results: dict) -> dict | None:
        return self.transforms[self.random_policy_index()](results)

    def __repr__(self) -> str:
        return f'{type(self).__name__}(policies={self.policies}, prob={self.prob})'
