"""Batch images of similar aspect ratio together (less padding per batch)."""

from collections.abc import Sequence

from torch.utils.data import BatchSampler, Sampler

from mmblog.registry import DATA_SAMPLERS


@DATA_SAMPLERS.register_module()
class AspectRatioBatchSampler(BatchSampler):
    """Yield batches whose images are all landscape (w >= h) or all portrait.

    Args:
        sampler: The index sampler (e.g. ``DefaultSampler``).
        batch_size: Images per batch.
        drop_last: Drop the last incomplete batch of each group.
    """

    def __init__(self, sampler: Sampler, batch_size: int, drop_last: bool = False) -> None:
        if not isinstance(batch_size, int) or batch_size <= 0:
            raise ValueError(f'batch_size must be a positive int, got {batch_size!r}')
        self.sampler = sampler
        self.batch_size = batch_size
        self.drop_last = drop_last
        self._buckets: Sequence[list] = [[], []]

    def __iter__(self):
        buckets = [[], []]
        for idx in self.sampler:
            info = self.sampler.dataset.get_data_info(idx)
            group = 0 if info['width'] < info['height'] else 1
            buckets[group].append(idx)
            if len(buckets[group]) == self.batch_size:
                yield buckets[group][:]
                buckets[group] = []
        left = buckets[0] + buckets[1]
        while left:
            batch, left = left[: self.batch_size], left[self.batch_size :]
            if len(batch) == self.batch_size or not self.drop_last:
                yield batch

    def __len__(self) -> int:
        if self.drop_last:
            return len(self.sampler) // self.batch_size
        return (len(self.sampler) + self.batch_size - 1) // self.batch_size
