from .aspect_ratio_batch_sampler import AspectRatioBatchSampler
from .intra_video_batch_sampler import IntraVideoBatchSampler

__all__ = ['AspectRatioBatchSampler', 'IntraVideoBatchSampler']
