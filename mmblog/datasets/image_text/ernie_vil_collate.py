"""Batching of ERNIE-ViL items (captions + regions) into padded tensors."""

import torch

from mmblog.registry import FUNCTIONS


def _pad(seqs: list, value=0) -> torch.Tensor:
    width = max([len(s) for s in seqs] + [1])
    out = torch.full((len(seqs), width), value, dtype=torch.long)
    for i, s in enumerate(seqs):
        out[i, : len(s)] = torch.as_tensor(s, dtype=torch.long)
    return out


@FUNCTIONS.register_module()
def ernie_vil_collate(batch: list[dict]) -> dict:
    """Pad captions and regions of a list of :class:`ErnieVilCaptionDataset` items.

    inputs: ``input_ids`` / ``text_mask`` (B, L), ``region_feats`` (B, R, D),
    ``region_locs`` (B, R, 5), ``region_mask`` (B, R), ``region_cls_prob`` (B, R, C + 1) and,
    for the downstream heads, ``option_ids`` / ``option_mask`` (B, O, Lo).
    data_samples: per-sample ``graph_spans`` ([(kind, positions)]), ``image_id``, ``caption``,
    ``cloze_kind`` / ``cloze_positions`` (cloze items), ``region_boxes`` and the heads'
    targets (``answer``, ``answer_scores``, ``ground_labels`` (B, R) IoU >= 0.5 regions).
    """
    b = len(batch)
    ids = _pad([x['input_ids'] for x in batch])
    r_max = max(len(x['features']) for x in batch)
    dim = batch[0]['features'].shape[1]
    n_cls = batch[0]['cls_prob'].shape[1]
    feats = torch.zeros(b, r_max, dim)
    locs = torch.zeros(b, r_max, 5)
    probs = torch.zeros(b, r_max, n_cls)
    rmask = torch.zeros(b, r_max, dtype=torch.bool)
    for i, x in enumerate(batch):
        n = len(x['features'])
        feats[i, :n], locs[i, :n], probs[i, :n] = x['features'], x['locations'], x['cls_prob']
        rmask[i, :n] = True
    inputs = dict(
        input_ids=ids,
        text_mask=_pad([[1] * len(x['input_ids']) for x in batch]).bool(),
        region_feats=feats,
        region_locs=locs,
        region_mask=rmask,
        region_cls_prob=probs,
    )
    if 'options' in batch[0]:
        opts = [o for x in batch for o in x['options']]
        n_opt = len(batch[0]['options'])
        inputs['option_ids'] = _pad(opts).view(b, n_opt, -1)
        inputs['option_mask'] = _pad([[1] * len(o) for o in opts]).bool().view(b, n_opt, -1)
    samples: dict = {}
    for key in ('graph_spans', 'image_id', 'caption', 'cloze_kind', 'cloze_positions', 'boxes'):
        if key in batch[0]:
            samples[key] = [x[key] for x in batch]
    if 'file_name' in batch[0]:
        samples['file_name'] = [x.get('file_name') for x in batch]
    for key in ('answer',):
        if key in batch[0]:
            samples[key] = torch.tensor([x[key] for x in batch])
    if 'ground_labels' in batch[0]:
        labels = torch.zeros(b, r_max)
        for i, x in enumerate(batch):
            labels[i, : len(x['ground_labels'])] = x['ground_labels']
        samples['ground_labels'] = labels
    if 'answer_scores' in batch[0]:
        samples['answer_scores'] = torch.stack([x['answer_scores'] for x in batch])
    return dict(inputs=inputs, data_samples=samples)
