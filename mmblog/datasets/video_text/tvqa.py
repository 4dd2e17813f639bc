"""TVQA / How2QA (multiple-choice video QA) in HERO's layout."""

from mmblog.registry import DATASETS

from .hero_layout import load_tvqa, time_to_frames
from .video_subtitle import VideoSubtitleDataset


@DATASETS.register_module()
class TVQADataset(VideoSubtitleDataset):
    """One item per question: the video, ``q`` paired with each answer ``a_i`` as text
    (``[CLS] q [SEP] a_i [SEP]``), the answer index and the question's span ``ts`` in frames.

    Args:
        ann_file: TVQA jsonl (``q, a0..a4, answer_idx, ts, vid_name``).
        num_options: 5 for TVQA, 4 for How2QA.
        max_option_tokens: Tokens kept per question + answer.
        (others as :class:`VideoSubtitleDataset`)
    """

    METAINFO = dict(dataset='TVQA')

    def __init__(
        self,
        ann_file: str = 'tvqa_train.jsonl',
        num_options: int = 5,
        max_option_tokens: int = 40,
        **kwargs,
    ) -> None:
        self.num_options, self.max_option_tokens = num_options, max_option_tokens
        super().__init__(ann_file=ann_file, **kwargs)

    def load_data_list(self) -> list[dict]:
        path = self.ann_file
        items = load_tvqa(path, self.num_options)
        for lineno, q in enumerate(items, 1):
            if not self.store.has(q['vid_name']):
                raise ValueError(
                    f'{path}: question {q.get("qid", lineno)}: video '
                    f'{q["vid_name"]}: no features in {self._path(self.feature_dir)}'
                )
        return items

    def prepare_data(self, idx: int) -> dict:
        info = self.get_data_info(idx)
        item = self.video_item(info['vid_name'], self.ann_file)
        options = []
        for i in range(self.num_options):
            ids, _ = self.tokenizer.build_inputs(
                self.encode(info['q'], self.max_option_tokens), self.encode(info[f'a{i}'])
            )
            options.append(ids[: self.max_option_tokens])
        item['options'] = options
        item['answer'] = int(info['answer_idx'])
        item['query_id'] = info.get('qid', idx)
        item['span'] = list(
            time_to_frames(*map(float, info['ts']), self.frame_duration, len(item['frames']))
        )
        return item
