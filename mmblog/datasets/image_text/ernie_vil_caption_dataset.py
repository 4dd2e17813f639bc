"""Captions with detector region features for ERNIE-ViL (pre-training and the cloze test)."""

import json
import os.path as osp
import warnings

import numpy as np
import torch
from mmengine.dataset import BaseDataset

from mmblog.registry import DATASETS
from mmblog.utils import require_path

from ..text.scene_graph_parser import SceneGraphParseError, SceneGraphParser
from .region_feature_lmdb import RegionFeatureFormatError, RegionFeatureLMDB

GRAPH_KINDS = ('object', 'attribute', 'relation')
MODES = ('pretrain', 'cloze', 'vqa', 'vcr', 'grounding')


def _iou(boxes: np.ndarray, box) -> np.ndarray:
    x0 = np.maximum(boxes[:, 0], box[0])
    y0 = np.maximum(boxes[:, 1], box[1])
    x1 = np.minimum(boxes[:, 2], box[2])
    y1 = np.minimum(boxes[:, 3], box[3])
    inter = np.clip(x1 - x0, 0, None) * np.clip(y1 - y0, 0, None)
    area = (boxes[:, 2] - boxes[:, 0]) * (boxes[:, 3] - boxes[:, 1])
    return inter / (area + (box[2] - box[0]) * (box[3] - box[1]) - inter)


def region_locations(boxes: np.ndarray, height: int, width: int) -> np.ndarray:
    """ERNIE-ViL's 5-d location ``(x1/W, y1/H, x2/W, y2/H, area/(WH))`` of xyxy boxes."""
    b = np.asarray(boxes, dtype=np.float32).reshape(-1, 4)
    loc = b / np.array([width, height, width, height], dtype=np.float32)
    area = (loc[:, 2] - loc[:, 0]) * (loc[:, 3] - loc[:, 1])
    return np.concatenate([loc, area[:, None]], axis=1).astype(np.float32)


@DATASETS.register_module()
class ErnieVilCaptionDataset(BaseDataset):
    """One item per caption (``mode='pretrain'``), per scene-graph element (``'cloze'``) or per
    generated downstream question (``'vqa'``, ``'vcr'``, ``'grounding'``).

    Reads a caption jsonl (``{"image_id", "caption", ...}`` one a line) and the region features
    of its images from a ViLBERT-layout LMDB. Each caption is parsed by
    :class:`SceneGraphParser`; its objects, attributes and relations become token spans for
    Scene Graph Prediction. A caption the parser cannot read keeps its text (MLM/ITM only) and
    is counted in one warning. In ``'cloze'`` mode each graph element of each caption is one
    item whose tokens the model masks and predicts (the post's cloze test).

    Args:
        data_root: Folder the paths are relative to.
        caption_file: Caption jsonl.
        feature_file: Region-feature LMDB (``tools/misc/extract_region_features.py``).
        tokenizer: A ``TOKENIZERS`` config; every caption word must be one token for the cloze
            test to score whole words (the demo's vocabulary is word-level).
        mode: ``'pretrain'``, ``'cloze'`` or a downstream task: ``'vqa'`` (``"what colour is
            the circle left of the blue square"`` -> the colour, or ``"what shape is the red
            ..."`` -> the shape; soft answer scores), ``'vcr'`` (``"what is left of the blue
            square"`` with 4 options, the right one the caption's subject) or ``'grounding'``
            (the subject phrase; regions with IoU >= 0.5 to its box are positives). These read
            the captions' ground-truth ``scene_graph`` (and ``coco_file`` for boxes).
        coco_file: COCO json of the split (``'grounding'`` only).
        answers: The VQA answer vocabulary.
        max_regions: Regions kept per image (highest detector confidence first, as stored).
        max_tokens: Caption tokens kept (without [CLS]/[SEP]).
    """

    METAINFO = dict(dataset='ErnieVilCaptions')

    def __init__(
        self,
        data_root: str = '',
        caption_file: str = 'captions_train.jsonl',
        feature_file: str = 'feats_gt_train.lmdb',
        tokenizer: dict | None = None,
        mode: str = 'pretrain',
        max_regions: int = 36,
        max_tokens: int = 30,
        coco_file: str | None = None,
        answers: tuple = ('red', 'green', 'blue', 'yellow', 'circle', 'square', 'triangle'),
        **kwargs,
    ) -> None:
        if mode not in MODES:
            raise ValueError(f'mode must be one of {MODES}, got {mode!r}')
        self.coco_file, self.answers = coco_file, tuple(answers)
        self.caption_file, self.feature_file = caption_file, feature_file
        self.tokenizer_cfg, self.mode = tokenizer, mode
        self.max_regions, self.max_tokens = max_regions, max_tokens
        self.parser = SceneGraphParser()
        kwargs.setdefault('pipeline', [])
        super().__init__(data_root=data_root, **kwargs)

    def _path(self, name: str) -> str:
        return name if osp.isabs(name) else osp.join(self.data_root, name)

    def full_init(self) -> None:
        if self._fully_initialized:
            return
        from mmblog.registry import TOKENIZERS

        if self.tokenizer_cfg is None:
            raise ValueError(
                'ErnieVilCaptionDataset needs tokenizer=dict(type=..., vocab_file=...)'
            )
        cfg = dict(self.tokenizer_cfg)
        if 'vocab_file' in cfg:
            cfg['vocab_file'] = self._path(cfg['vocab_file'])
        self.tokenizer = TOKENIZERS.build(cfg)
        self.store = RegionFeatureLMDB(self._path(self.feature_file))
        self._regions: dict[str, dict] = {}
        super().full_init()

    # ------------------------------------------------------------------------------ captions
    def encode_caption(self, caption: str) -> dict:
        """Token ids ``[CLS] words [SEP]`` and the token positions of each graph element."""
        words = self.parser.words(caption)
        enc = self.tokenizer.encode(' '.join(words))
        ids = enc.ids[: self.max_tokens]
        pos_of_word: dict[int, list[int]] = {}
        for t, w in enumerate(enc.word_ids[: len(ids)]):
            pos_of_word.setdefault(w, []).append(t + 1)  # +1: [CLS]
        spans: list[tuple[int, list[int]]] = []
        try:
            g = self.parser(caption)
        except SceneGraphParseError:
            g = None
        if g is not None:
            groups = (
                [[w] for w in g.object_words],
                [[w] for w in g.attribute_words],
                g.relation_words,
            )
            for kind, group in enumerate(groups):
                for word_idx in group:
                    pos = [p for w in word_idx for p in pos_of_word.get(w, [])]
                    if pos and len(pos) == sum(len(pos_of_word.get(w, [])) for w in word_idx):
                        spans.append((kind, pos))
        ids = [self.tokenizer.cls_token_id, *ids, self.tokenizer.sep_token_id]
        return dict(input_ids=ids, graph_spans=spans, parsed=g is not None)

    def load_data_list(self) -> list[dict]:
        path = require_path(
            self._path(self.caption_file),
            'python tools/misc/make_demo_data.py --only ernie_vil_scenes',
        )
        self._anns: dict = {}
        if self.mode == 'grounding':
            if self.coco_file is None:
                raise ValueError("mode='grounding' needs coco_file (the split's COCO json)")
            with open(
                require_path(self._path(self.coco_file), 'make_demo_data.py'), encoding='utf-8'
            ) as f:
                for a in json.load(f)['annotations']:
                    x, y, w, h = a['bbox']
                    self._anns[a['id']] = [x, y, x + w, y + h]
        items, unparsed = [], 0
        with open(path, encoding='utf-8') as f:
            for n, line in enumerate(f, 1):
                if not line.strip():
                    continue
                try:
                    rec = json.loads(line)
                    image_id, caption = str(rec['image_id']), rec['caption']
                except (json.JSONDecodeError, KeyError, TypeError) as e:
                    raise RegionFeatureFormatError(
                        f'{path}: line {n}: expected {{"image_id", "caption"}} ({e})'
                    ) from e
                if not isinstance(caption, str):
                    raise RegionFeatureFormatError(f'{path}: line {n}: caption: not a string')
                if image_id not in self.store:
                    raise RegionFeatureFormatError(
                        f'{path}: line {n}: image_id {image_id}: no region features in '
                        f'{self.store.path}'
                    )
                enc = self.encode_caption(caption)
                unparsed += not enc['parsed']
                base = dict(image_id=image_id, caption=caption, caption_idx=len(items), **enc)
                if isinstance(rec.get('file_name'), str):  # the image, for --show-dir pictures
                    base['file_name'] = rec['file_name']
                if self.mode == 'pretrain':
                    items.append(base)
                elif self.mode != 'cloze':
                    items.extend(self._downstream(rec, base, f'{path}: line {n}'))
                else:
                    for kind, pos in enc['graph_spans']:
                        items.append(dict(base, cloze_kind=kind, cloze_positions=pos))
        if unparsed:
            warnings.warn(
                f'{path}: {unparsed} captions the scene-graph parser cannot read are used for '
                'MLM/ITM only',
                stacklevel=2,
            )
        return items

    # ---------------------------------------------------------------------------- downstream
    def _text(self, words: str) -> list[int]:
        ids = self.tokenizer.encode(words).ids[: self.max_tokens]
        return [self.tokenizer.cls_token_id, *ids, self.tokenizer.sep_token_id]

    def _downstream(self, rec: dict, base: dict, where: str) -> list[dict]:
        """The generated VQA / VCR / grounding items of one caption record."""
        try:
            g = rec['scene_graph']
            (s_name, s_ann), (o_name, o_ann) = g['objects'][:2]
            rel = g['relations'][0][1]
            attrs = {0: [], 1: []}
            for o, a in g['attributes']:
                attrs[o].append(a)
        except (KeyError, TypeError, ValueError, IndexError) as e:
            raise RegionFeatureFormatError(f'{where}: scene_graph: {e!r}') from e
        colour = [a for a in attrs[0] if a in self.answers]
        o_colour = ' '.join(a for a in attrs[1] if a in self.answers)
        tail = f'{rel} the {o_colour} {o_name}'
        out = []
        if self.mode == 'vqa':
            qa = [(f'what shape is the {" ".join(colour)} {tail}', s_name)]
            if colour:
                qa.append((f'what colour is the {s_name} {tail}', colour[0]))
            for q, a in qa:
                scores = torch.zeros(len(self.answers))
                scores[self.answers.index(a)] = 1.0  # one annotator: soft score 1
                out.append(dict(base, input_ids=self._text(q), answer_scores=scores))
        elif self.mode == 'vcr':
            right = f'a {" ".join(colour)} {s_name}'
            rng = np.random.default_rng(int(base['caption_idx']))
            pool = [f'a {c} {s}' for c in self.answers[:4] for s in self.answers[4:]]
            wrong = [p for p in pool if p != right and p.split()[-1] != s_name]
            options = [right, *rng.choice(wrong, 3, replace=False)]
            order = rng.permutation(4)
            q = self.tokenizer.encode(f'what is {tail}').ids
            opts = [
                [
                    self.tokenizer.cls_token_id,
                    *q,
                    self.tokenizer.sep_token_id,
                    *self.tokenizer.encode(options[k]).ids,
                    self.tokenizer.sep_token_id,
                ]
                for k in order
            ]
            out.append(
                dict(base, input_ids=opts[0], options=opts, answer=int(np.where(order == 0)[0][0]))
            )
        else:  # grounding: the subject phrase
            if s_ann not in self._anns:
                raise RegionFeatureFormatError(
                    f'{where}: annotation {s_ann} not in {self.coco_file}'
                )
            phrase = f'a {" ".join(attrs[0])} {s_name}'
            out.append(dict(base, input_ids=self._text(phrase), gt_box=self._anns[s_ann]))
        return out

    # ------------------------------------------------------------------------------- regions
    def regions(self, image_id: str) -> dict:
        """Region features, 5-d locations and class distributions of an image (cached)."""
        if image_id not in self._regions:
            r = self.store.get(image_id)
            k = min(self.max_regions, r['num_boxes'])
            self._regions[image_id] = dict(
                features=torch.from_numpy(r['features'][:k].copy()),
                locations=torch.from_numpy(
                    region_locations(r['boxes'][:k], r['image_h'], r['image_w'])
                ),
                cls_prob=torch.from_numpy(r['cls_prob'][:k].copy()),
                boxes=torch.from_numpy(r['boxes'][:k].copy()),
            )
        return self._regions[image_id]

    def prepare_data(self, idx: int) -> dict:
        info = self.get_data_info(idx)
        item = dict(info, **self.regions(info['image_id']))
        if 'gt_box' in info:
            iou = _iou(item['boxes'].numpy(), info['gt_box'])
            item['ground_labels'] = torch.from_numpy(iou >= 0.5).float()
        return item
