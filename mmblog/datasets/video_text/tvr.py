"""TVR (video corpus moment retrieval) in HERO's layout."""

from mmblog.registry import DATASETS

from .hero_layout import MAKE_TV, load_tvr, time_to_frames
from .io import load_json
from .video_subtitle import VideoSubtitleDataset


@DATASETS.register_module()
class TVRDataset(VideoSubtitleDataset):
    """Queries (``desc``) with their moment (``ts``) in a video.

    Training: one item per query, with its video. Corpus evaluation (``corpus=True``): one item
    per (query, candidate video) pair, the candidates being the split's videos in
    ``tvr_video2dur_idx.json``, so a metric can rank moments across the corpus.

    Args:
        ann_file: TVR jsonl (``desc_id, desc, vid_name, duration, ts, type``).
        video2dur: ``tvr_video2dur_idx.json`` (``{split: {vid: [duration, index]}}``).
        split: The key of ``video2dur`` whose videos form the corpus.
        corpus: Evaluate over the corpus (pairs) instead of one item per query.
        max_query_tokens: Tokens kept per query.
        (others as :class:`VideoSubtitleDataset`)
    """

    METAINFO = dict(dataset='TVR')

    def __init__(
        self,
        ann_file: str = 'tvr_train.jsonl',
        video2dur: str = 'tvr_video2dur_idx.json',
        split: str = 'train',
        corpus: bool = False,
        max_query_tokens: int = 30,
        **kwargs,
    ) -> None:
        self.video2dur, self.split, self.corpus = video2dur, split, corpus
        self.max_query_tokens = max_query_tokens
        super().__init__(ann_file=ann_file, **kwargs)

    def load_data_list(self) -> list[dict]:
        path = self.ann_file
        queries = load_tvr(path)
        dur = load_json(self._path(self.video2dur), MAKE_TV)
        if self.split not in dur:
            raise ValueError(
                f'{self._path(self.video2dur)}: no split {self.split!r} (splits: {sorted(dur)})'
            )
        corpus = sorted(dur[self.split])
        for q in queries:
            if not self.store.has(q['vid_name']):
                raise ValueError(
                    f'{path}: desc_id {q["desc_id"]}: video {q["vid_name"]}: no '
                    f'features in {self._path(self.feature_dir)}'
                )
        if not self.corpus:
            return [dict(q, candidate=q['vid_name']) for q in queries]
        return [dict(q, candidate=v) for q in queries for v in corpus]

    def prepare_data(self, idx: int) -> dict:
        info = self.get_data_info(idx)
        item = self.video_item(info['candidate'], self.ann_file)
        n = len(item['frames'])
        item['query'] = self.encode(info['desc'], self.max_query_tokens)
        item['query_id'] = info['desc_id']
        item['target'] = (info['vid_name'], *info['ts'])
        item['ts'] = info['ts']
        st, ed = time_to_frames(*info['ts'], self.frame_duration, n)
        # Only the query's own video has a span; -1 marks a negative candidate.
        item['span'] = [st, ed] if info['candidate'] == info['vid_name'] else [-1, -1]
        return item
