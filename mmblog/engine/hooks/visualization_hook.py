"""Draw test/val predictions through the runner's visualizer (``tools/test.py --show-dir``)."""

import os
import os.path as osp

import numpy as np
from mmengine.hooks import Hook

from mmblog.registry import HOOKS
from mmblog.visualization.multimodal_drawing import draw_cloze, draw_moments, draw_retrieval
from mmblog.visualization.output import emit_drawn
from mmblog.visualization.prediction_drawing import draw_prediction_dict
from mmblog.visualization.sample_drawing import draw_masked_tokens, draw_node_confusion


def image_of(data_batch: dict, index: int, data_sample) -> np.ndarray:
    """The RGB image of one example: read from ``img_path`` when it is a file, else the input."""
    import mmcv

    path = data_sample.metainfo.get('img_path') if data_sample is not None else None
    if path and osp.isfile(path):
        return mmcv.imread(path, channel_order='rgb')
    tensor = data_batch['inputs'][index]
    return tensor.detach().cpu().numpy().transpose(1, 2, 0).astype(np.uint8)


def _loop_dataset(runner, tag: str):
    loop = runner.test_loop if tag == 'test' else runner.val_loop
    return loop.dataloader.dataset


def _tokenizer(dataset):
    """The tokenizer a transform of ``dataset``'s pipeline uses (text datasets), else ``None``."""
    for transform in getattr(getattr(dataset, 'pipeline', None), 'transforms', ()):
        tokenizer = getattr(transform, 'tokenizer', None)
        if tokenizer is not None and hasattr(tokenizer, 'id_to_token'):
            return tokenizer
    return None


def is_image_sample(sample) -> bool:
    """Whether ``sample`` annotates an image (drawn by the visualizer on that image)."""
    return not ('node_index' in sample or 'pred_tokens' in sample)


def draw_non_image_sample(runner, tag: str, sample, data_batch: dict, index: int):
    """The picture of a graph or text prediction (``None`` for image samples and the rest)."""
    if 'pred_tokens' in sample and 'mlm_labels' in sample:
        tokenizer = _tokenizer(_loop_dataset(runner, tag))
        inputs = data_batch['inputs']
        ids = inputs[index]['input_ids'] if isinstance(inputs, list) else inputs['input_ids'][index]
        if tokenizer is None:
            return draw_masked_tokens(ids, sample.mlm_labels, sample.pred_tokens, str)
        skip = (tokenizer.pad_token_id, tokenizer.cls_token_id, tokenizer.sep_token_id)
        return draw_masked_tokens(
            ids,
            sample.mlm_labels,
            sample.pred_tokens,
            lambda i: tokenizer.id_to_token(i) or '?',
            skip_ids=skip,
        )
    if 'node_index' in sample and 'pred_label' in sample and sample.pred_label.dim() == 1:
        classes = _loop_dataset(runner, tag).metainfo.get('classes')
        return draw_node_confusion(sample.pred_label, sample.gt_label, classes)
    return None


def is_retrieval_sample(sample) -> bool:
    """Whether ``sample`` is one text/clip pair of a retrieval test (drawn once all are in)."""
    return isinstance(sample, dict) and {'text_embedding', 'video_embedding'} <= sample.keys()


def is_moment_sample(sample) -> bool:
    """Whether ``sample`` holds one (query, video) pair's moments (drawn per query at the end)."""
    return isinstance(sample, dict) and {'query_id', 'spans', 'target', 'video'} <= sample.keys()


def _image_file(data_root: str, file_name: str | None) -> str | None:
    """``file_name`` under ``data_root`` or one folder below it (``val/val_0001.jpg``)."""
    if not file_name or not data_root or not osp.isdir(data_root):
        return None
    for sub in ['', *sorted(os.listdir(data_root))]:
        path = osp.join(data_root, sub, file_name)
        if osp.isfile(path):
            return path
    return None


def draw_multimodal_sample(runner, tag: str, sample: dict, data_batch: dict, index: int):
    """The picture of an ERNIE-ViL cloze answer (``None`` for other predictions)."""
    samples = data_batch.get('data_samples') if isinstance(data_batch, dict) else None
    if 'prediction' not in sample or not isinstance(samples, dict):
        return None
    if 'cloze_positions' not in samples:
        return None
    dataset = _loop_dataset(runner, tag)
    tokenizer = getattr(dataset, 'tokenizer', None)
    ids = data_batch['inputs']['input_ids'][index].tolist()
    name = tokenizer.id_to_token if tokenizer is not None else str
    special = (
        (tokenizer.pad_token_id, tokenizer.cls_token_id, tokenizer.sep_token_id)
        if tokenizer is not None
        else ()
    )
    keep = [p for p, t in enumerate(ids) if t not in special]
    words = [name(ids[p]) or '?' for p in keep]
    at = {p: k for k, p in enumerate(keep)}
    positions = [at[p] for p in samples['cloze_positions'][index] if p in at]
    predicted = [name(t) or '?' for t in sample['prediction']]
    from mmblog.models.multimodal.ernie_vil.ernie_vil import GRAPH_KINDS

    kind = GRAPH_KINDS[int(samples['cloze_kind'][index])]
    image = None
    file_names = samples.get('file_name')
    path = _image_file(getattr(dataset, 'data_root', ''), file_names[index] if file_names else None)
    if path is not None:
        import mmcv

        image = mmcv.imread(path, channel_order='rgb')
    boxes = samples['boxes'][index] if 'boxes' in samples else np.zeros((0, 4))
    boxes = boxes.numpy() if hasattr(boxes, 'numpy') else np.asarray(boxes)
    return draw_cloze(image, boxes, words, positions, predicted, kind)


def _step(runner, batch_idx: int) -> int:
    """The training iteration when a train loop exists, else the batch index.

    ``runner.iter`` builds the train loop on first access, so in a test-only run it would load
    the (possibly absent) training dataset.
    """
    loop = getattr(runner, '_train_loop', None)
    if loop is None or isinstance(loop, dict):
        return batch_idx
    return runner.iter


@HOOKS.register_module()
class VisualizationHook(Hook):
    """Draw every ``interval``-th prediction in test (and optionally val) runs.

    Args:
        enable: Off by default; ``tools/test.py --show/--show-dir`` switches it on.
        interval: Draw one example every ``interval`` iterations.
        show: Show drawings in a window.
        out_dir: Folder (relative to the run's log dir unless absolute) to write PNGs into.
        draw_on_val: Also draw during validation (logged to the visualizer's backends).
    """

    priority = 'NORMAL'

    def __init__(
        self,
        enable: bool = False,
        interval: int = 1,
        show: bool = False,
        out_dir: str | None = None,
        draw_on_val: bool = False,
        wait_time: float = 0.0,
    ):
        self.enable = enable
        self.interval = interval
        self.show = show
        self.out_dir = out_dir
        self.draw_on_val = draw_on_val
        self.wait_time = wait_time
        self._warned = False
        self._names: set[str] = set()
        self._retrieval: list[dict] = []
        self._moments: list[dict] = []

    def _draw(self, runner, batch_idx: int, data_batch: dict, outputs, tag: str) -> None:
        if not self.enable or batch_idx % self.interval:
            return
        out_dir = self.out_dir
        if out_dir is not None and not osp.isabs(out_dir):
            out_dir = osp.join(runner.log_dir, out_dir)
        for i, sample in enumerate(outputs):
            if is_retrieval_sample(sample):
                # a ranking needs every clip of the test list: drawn after the epoch
                self._retrieval.append(sample)
                continue
            if is_moment_sample(sample):
                self._moments.append(sample)
                continue
            name = self._name(sample, f'{tag}_{batch_idx:05d}_{i:02d}')
            out_file = osp.join(out_dir, name + '.png') if out_dir else None
            if isinstance(sample, dict) or not is_image_sample(sample):
                # generative and KG models predict plain dicts (reconstructions, CNP bands,
                # ranks); graphs and token sequences get a confusion matrix / the filled-in text
                if isinstance(sample, dict):
                    drawn = draw_prediction_dict(sample)
                    if drawn is None:
                        drawn = draw_multimodal_sample(runner, tag, sample, data_batch, i)
                else:
                    drawn = draw_non_image_sample(runner, tag, sample, data_batch, i)
                if drawn is None:
                    if not self._warned:
                        runner.logger.warning(f'{tag}: these predictions hold nothing to draw')
                        self._warned = True
                    continue
                emit_drawn(
                    runner.visualizer,
                    name,
                    drawn,
                    self.show,
                    self.wait_time,
                    out_file,
                    _step(runner, batch_idx),
                )
                continue
            runner.visualizer.add_datasample(
                name,
                image_of(data_batch, i, sample),
                data_sample=sample,
                show=self.show,
                wait_time=self.wait_time,
                out_file=out_file,
                step=_step(runner, batch_idx),
            )

    def _name(self, sample, numbered: str) -> str:
        """The source image's name (``balloon_01.png`` for ``balloon_01.jpg``), else ``numbered``;
        a name already used in this run (same file name in two folders) keeps the number."""
        path = None
        if sample is not None and not isinstance(sample, dict):
            path = sample.metainfo.get('img_path')
        if not path:
            return numbered
        name = osp.splitext(osp.basename(path))[0]
        if name in self._names:
            name = f'{name}_{numbered}'
        self._names.add(name)
        return name

    def _draw_retrieval(self, runner, tag: str) -> None:
        """One picture per text query: its top clips among all the test list's clips."""
        samples, self._retrieval = self._retrieval, []
        if not samples or not self.enable:
            return
        if all(s.get('clip_index') is not None for s in samples):
            samples = sorted(samples, key=lambda s: s['clip_index'])
        import torch

        text = torch.stack([s['text_embedding'].float() for s in samples])
        video = torch.stack([s['video_embedding'].float() for s in samples])
        sim = (text @ video.t()).numpy()
        dataset = _loop_dataset(runner, tag)
        infos = [
            dataset.get_data_info(s['clip_index']) if s.get('clip_index') is not None else {}
            for s in samples
        ]
        names = [
            f'{i.get("video_id", n)} {i.get("start", 0):g}-{i.get("end", 0):g}s'
            if 'video_id' in i
            else f'clip {n}'
            for n, i in enumerate(infos)
        ]
        out_dir = self.out_dir
        if out_dir is not None and not osp.isabs(out_dir):
            out_dir = osp.join(runner.log_dir, out_dir)
        for q in range(0, len(samples), self.interval):
            name = f'{tag}_query_{q:05d}'
            drawn = draw_retrieval(infos[q].get('text', f'query {q}'), sim[q], q, names)
            out_file = osp.join(out_dir, name + '.png') if out_dir else None
            emit_drawn(runner.visualizer, name, drawn, self.show, self.wait_time, out_file, q)

    def _draw_moments(self, runner, tag: str) -> None:
        """One picture per query: its best moments over every candidate video of the corpus,
        ranked by video score x span score as MomentRetrievalMetric ranks them."""
        samples, self._moments = self._moments, []
        if not samples or not self.enable:
            return
        ranked, targets = {}, {}
        for s in samples:
            targets[s['query_id']] = tuple(s['target'])
            ranked.setdefault(s['query_id'], []).extend(
                (s['video'], st, ed, float(s['video_score']) * sc) for st, ed, sc in s['spans']
            )
        dataset = _loop_dataset(runner, tag)
        texts = {}
        for k in range(len(dataset)):
            info = dataset.get_data_info(k)
            texts.setdefault(info.get('desc_id'), info.get('desc', ''))
        out_dir = self.out_dir
        if out_dir is not None and not osp.isabs(out_dir):
            out_dir = osp.join(runner.log_dir, out_dir)
        for n, qid in enumerate(sorted(targets, key=str)):
            if n % self.interval:
                continue
            name = f'{tag}_query_{qid}'
            moments = sorted(ranked[qid], key=lambda m: -m[3])
            drawn = draw_moments(texts.get(qid, str(qid)), targets[qid], moments)
            out_file = osp.join(out_dir, name + '.png') if out_dir else None
            emit_drawn(runner.visualizer, name, drawn, self.show, self.wait_time, out_file, n)

    def after_val_epoch(self, runner, metrics=None) -> None:
        if self.draw_on_val:
            self._draw_retrieval(runner, 'val')
            self._draw_moments(runner, 'val')
        self._retrieval, self._moments = [], []

    def after_test_epoch(self, runner, metrics=None) -> None:
        self._draw_retrieval(runner, 'test')
        self._draw_moments(runner, 'test')

    def after_val_iter(self, runner, batch_idx: int, data_batch=None, outputs=None) -> None:
        if self.draw_on_val:
            self._draw(runner, batch_idx, data_batch, outputs, 'val')

    def after_test_iter(self, runner, batch_idx: int, data_batch=None, outputs=None) -> None:
        self._draw(runner, batch_idx, data_batch, outputs, 'test')
