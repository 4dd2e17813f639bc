"""Batches of V videos x C clips, so that part of every clip's negatives come from its own
video (HowTo100M's intra-video negatives)."""

from collections import defaultdict

import numpy as np
from mmengine.dist import sync_random_seed
from torch.utils.data import BatchSampler, Sampler

from mmblog.registry import DATA_SAMPLERS


@DATA_SAMPLERS.register_module()
class IntraVideoBatchSampler(BatchSampler):
    """Group clips by video: each batch holds ``batch_size // clips_per_video`` distinct videos
    and ``clips_per_video`` clips of each.

    Every index the wrapped sampler yields is an anchor clip; its video joins the batch with the
    anchor and ``clips_per_video - 1`` more of its clips drawn at random (with replacement when
    the video has fewer clips, as the reference). Anchors of a video already in the batch wait
    for the next batch. ``clips_per_video=1`` gives batches of clips from distinct videos (no
    intra-video negatives).

    Args:
        sampler: The index sampler over clips (needs ``sampler.dataset`` with ``video_index``).
        batch_size: Clips per batch; a multiple of ``clips_per_video``.
        clips_per_video: C (reference: 64 of a batch of 32 x 64).
        drop_last: Drop a last incomplete batch.
        seed: Seed of the extra clips' draw (synchronised across ranks when None).
    """

    def __init__(
        self,
        sampler: Sampler,
        batch_size: int,
        clips_per_video: int = 2,
        drop_last: bool = True,
        seed: int | None = None,
    ) -> None:
        if clips_per_video < 1 or batch_size % clips_per_video:
            raise ValueError(
                f'batch_size ({batch_size}) must be a positive multiple of clips_per_video '
                f'({clips_per_video})'
            )
        self.sampler = sampler
        self.batch_size = batch_size
        self.clips_per_video = clips_per_video
        self.videos_per_batch = batch_size // clips_per_video
        self.drop_last = drop_last
        self.rng = np.random.default_rng(sync_random_seed() if seed is None else seed)
        dataset = sampler.dataset
        self.clips_of_video = defaultdict(list)
        self.video_of_clip = []
        for idx in range(len(dataset)):
            vid = dataset.get_data_info(idx)['video_index']
            self.clips_of_video[vid].append(idx)
            self.video_of_clip.append(vid)
        if len(self.clips_of_video) < self.videos_per_batch:
            raise ValueError(
                f'{len(self.clips_of_video)} videos cannot fill batches of '
                f'{self.videos_per_batch} distinct videos'
            )

    def _group(self, anchor: int) -> list[int]:
        clips = self.clips_of_video[self.video_of_clip[anchor]]
        others = [c for c in clips if c != anchor] or clips
        extra = self.rng.choice(
            others, self.clips_per_video - 1, replace=len(others) < self.clips_per_video - 1
        )
        return [anchor, *map(int, extra)]

    def __iter__(self):
        batch, videos, waiting = [], set(), []
        for anchor in self.sampler:
            vid = self.video_of_clip[anchor]
            if vid in videos:
                waiting.append(anchor)
                continue
            videos.add(vid)
            batch += self._group(anchor)
            if len(videos) == self.videos_per_batch:
                yield batch
                batch, videos = [], set()
                # Deferred anchors first, each at most once per batch.
                pending, waiting = waiting, []
                for a in pending:
                    v = self.video_of_clip[a]
                    if v in videos or len(videos) == self.videos_per_batch:
                        waiting.append(a)
                        continue
                    videos.add(v)
                    batch += self._group(a)
                if len(videos) == self.videos_per_batch:
                    yield batch
                    batch, videos = [], set()
        if batch and not self.drop_last:
            yield batch

    def __len__(self) -> int:
        n = len(self.sampler) // self.videos_per_batch
        if not self.drop_last and len(self.sampler) % self.videos_per_batch:
            n += 1
        return n
