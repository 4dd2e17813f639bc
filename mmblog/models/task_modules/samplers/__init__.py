from .random_sampler import RandomSampler

__all__ = ['RandomSampler']
