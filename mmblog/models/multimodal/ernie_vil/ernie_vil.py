"""ERNIE-ViL: knowledge-enhanced vision-language pre-training through scene graphs (Yu et al.,
AAAI 2021), with its pre-training tasks, the cloze test and its downstream heads."""

import torch
import torch.nn as nn
import torch.nn.functional as F

from mmblog.models.layers.transformer import MaskedLMHead
from mmblog.registry import MODELS

from ..base import BaseMultimodalModel

PRETRAIN_TASKS = ('sgp', 'mlm', 'mrp', 'itm')
DOWNSTREAM_TASKS = ('vqa', 'vcr', 'grounding')
RETRIEVAL_LOSSES = ('softmax', 'circle')
NEGATIVE_SIDES = ('image', 'text', 'both')
GRAPH_KINDS = ('object', 'attribute', 'relation')


def _bert_init(module: nn.Module) -> None:
    if isinstance(module, nn.Linear | nn.Embedding):
        nn.init.normal_(module.weight, std=0.02)
        if isinstance(module, nn.Linear) and module.bias is not None:
            nn.init.zeros_(module.bias)


@MODELS.register_module()
class ErnieVil(BaseMultimodalModel):
    """ERNIE-ViL pre-training (SGP, MLM, masked region prediction, ITM) and the cloze test.

    Scene Graph Prediction masks each parsed object, attribute and relation of a caption with
    probability ``sgp_prob`` (30%; all tokens of the element, 80% [MASK] / 10% random /
    10% kept) and predicts the tokens from text and image. MLM masks ``mlm_prob`` (15%) of the
    other tokens the same way. Masked region prediction zeroes ``mrp_prob`` (15%) of the
    regions and predicts the detector's class distribution (KL). Image-text matching replaces
    the image of ``itm_neg_prob`` of the pairs by another image of the batch. Token and region
    prediction use the positive pairs only. Without ``sgp`` in ``tasks`` the model is the
    paper's baseline (MLM + region prediction + ITM).

    ``predict`` on cloze items (``cloze_positions`` in the samples) masks the element's tokens
    and reports top-1 / top-5 hits per kind (a multi-token relation counts when every token is
    within the top k); otherwise it reports the pre-training accuracies on fixed masks.

    Args:
        encoder: :class:`ErnieVilEncoder` config.
        tasks: Pre-training losses and their weights, e.g. ``dict(sgp=1, mlm=1, mrp=1, itm=1)``.
        num_region_classes: Detector classes + 1 (background), the MRP target width.
        mask_token_id: The tokenizer's [MASK] id.
        num_special_tokens: Ids below this are special (never drawn as random replacements).
        sgp_prob / mlm_prob / mrp_prob / itm_neg_prob: Masking and negative rates.
        cloze_candidates: Number of possible answers of each element kind (chance level).
        num_answers: VQA answer vocabulary (VQA v2: 3129).
        eval_seed: Seed of the masks drawn at validation.
        retrieval_loss: How training scores matching. ``'softmax'`` (default): the 2-way ITM
            cross-entropy on ``itm_neg_prob`` swapped pairs. ``'circle'``: the paper's
            retrieval fine-tuning -- every pair of the batch is a positive, scored against
            ``retrieval_negatives`` mismatched pairs drawn from the batch, with the
            matching score ``s = softmax(itm_head)[match]`` (= sigmoid of the logit
            difference :meth:`match_scores` ranks by) in :class:`CircleLoss`.
        retrieval_negatives: K negatives per positive for the circle loss (paper: 20).
        retrieval_negative_side: ``'image'`` (the caption with other images: the reference's
            schema), ``'text'`` (the image with other captions) or ``'both'`` (K of each).
        circle_loss: :class:`CircleLoss` config (ERNIE-ViL's Flickr30K setting: m 0.3, g 32).

    Downstream tasks (``tasks`` holding one of them; the batch decides which runs): ``vqa``
    (multi-label BCE on soft answer scores from the fused representation), ``vcr`` (multiple
    choice: one score per [question; option] pair, softmax over the options), ``grounding``
    (each region scored from [CLS] x region; BCE with IoU >= 0.5 regions as positives; correct
    when the top region is one). Retrieval ranks pairs by :meth:`match_scores` (the ITM head).
    """

    def __init__(
        self,
        encoder: dict,
        tasks: dict | None = None,
        num_region_classes: int = 1601,
        mask_token_id: int = 4,
        num_special_tokens: int = 6,
        sgp_prob: float = 0.3,
        mlm_prob: float = 0.15,
        mrp_prob: float = 0.15,
        itm_neg_prob: float = 0.5,
        cloze_candidates: dict | None = None,
        num_answers: int = 3129,
        eval_seed: int = 0,
        retrieval_loss: str = 'softmax',
        retrieval_negatives: int = 20,
        retrieval_negative_side: str = 'image',
        circle_loss: dict | None = None,
        data_preprocessor: dict | None = None,
        init_cfg: dict | None = None,
    ) -> None:
        super().__init__(
            data_preprocessor=data_preprocessor or dict(type='BaseDataPreprocessor'),
            init_cfg=init_cfg,
        )
        self.tasks = dict(tasks if tasks is not None else dict(sgp=1, mlm=1, mrp=1, itm=1))
        unknown = set(self.tasks) - set(PRETRAIN_TASKS) - set(DOWNSTREAM_TASKS)
        if unknown:
            raise ValueError(
                f'unknown ERNIE-ViL tasks {sorted(unknown)}; choose from '
                f'{PRETRAIN_TASKS + DOWNSTREAM_TASKS}'
            )
        if retrieval_loss not in RETRIEVAL_LOSSES:
            raise ValueError(
                f'unknown retrieval_loss {retrieval_loss!r}; choose from {RETRIEVAL_LOSSES}'
            )
        if retrieval_negative_side not in NEGATIVE_SIDES:
            raise ValueError(
                f'unknown retrieval_negative_side {retrieval_negative_side!r}; choose from '
                f'{NEGATIVE_SIDES}'
            )
        if retrieval_negatives < 1:
            raise ValueError(f'retrieval_negatives must be >= 1, got {retrieval_negatives}')
        self.retrieval_loss = retrieval_loss
        self.retrieval_negatives = retrieval_negatives
        self.retrieval_negative_side = retrieval_negative_side
        self.circle_loss = MODELS.build(
            circle_loss or dict(type='CircleLoss', margin=0.3, gamma=32.0)
        )
        self.encoder = MODELS.build(dict(type='ErnieVilEncoder', **encoder))
        enc = self.encoder
        vocab = enc.text_embeddings.word_embeddings.num_embeddings
        self.mlm_head = MaskedLMHead(enc.text_dims, vocab)
        self.mrp_head = nn.Sequential(
            nn.Linear(enc.image_dims, enc.image_dims),
            nn.GELU(),
            nn.LayerNorm(enc.image_dims, eps=1e-12),
            nn.Linear(enc.image_dims, num_region_classes),
        )
        self.itm_head = nn.Linear(enc.fusion_dims, 2)
        f = enc.fusion_dims
        # Downstream heads on the fused [CLS] x [IMG] (VQA, VCR) or [CLS] x region (grounding).
        if 'vqa' in self.tasks:
            self.vqa_head = nn.Sequential(
                nn.Linear(f, 2 * f), nn.GELU(), nn.LayerNorm(2 * f), nn.Linear(2 * f, num_answers)
            )
        if 'vcr' in self.tasks:
            self.vcr_head = nn.Linear(f, 1)
        if 'grounding' in self.tasks:
            self.grounding_head = nn.Linear(f, 1)
        self.vocab_size = vocab
        self.mask_token_id, self.num_special_tokens = mask_token_id, num_special_tokens
        self.sgp_prob, self.mlm_prob = sgp_prob, mlm_prob
        self.mrp_prob, self.itm_neg_prob = mrp_prob, itm_neg_prob
        self.cloze_candidates = dict(cloze_candidates or dict(object=3, attribute=6, relation=4))
        self.eval_seed = eval_seed
        self.apply(_bert_init)
        self._init_fusion()
        self.mlm_head.tie_weights(enc.text_embeddings.word_embeddings)

    def _init_fusion(self) -> None:
        """Fan-in (PyTorch default) init for the two poolers and the heads on their product.

        At BERT's std 0.02 the matching logit ``w . (pool(CLS) * pool(IMG))`` is a product of
        three small factors and each one's gradient is scaled by the other two: a saddle the
        demo's ITM did not leave in 400 steps (loss at ln 2, retrieval at chance); the VCR head
        on the same product stayed at ln 4 the same way.
        """
        enc = self.encoder
        for layer in (enc.text_pooler[0], enc.image_pooler[0], self.itm_head):
            layer.reset_parameters()
        if hasattr(self, 'vcr_head'):
            self.vcr_head.reset_parameters()

    # ---------------------------------------------------------------------------- masking
    @staticmethod
    def _rand(shape, gen, device) -> torch.Tensor:
        return (
            torch.rand(shape, generator=gen).to(device) if gen else torch.rand(shape, device=device)
        )

    def _corrupt(self, ids: torch.Tensor, pick: torch.Tensor, gen) -> torch.Tensor:
        """BERT's 80/10/10: [MASK], a random non-special token, or the token itself."""
        r = self._rand(ids.shape, gen, ids.device)
        noise = (
            self.num_special_tokens
            + (
                self._rand(ids.shape, gen, ids.device) * (self.vocab_size - self.num_special_tokens)
            ).long()
        )
        out = torch.where(pick & (r < 0.8), torch.full_like(ids, self.mask_token_id), ids)
        return torch.where(pick & (r >= 0.8) & (r < 0.9), noise, out)

    def _text_masks(self, inputs: dict, samples: dict, gen) -> tuple[torch.Tensor, torch.Tensor]:
        """Boolean (B, L) positions for SGP (whole graph elements) and for MLM (the rest)."""
        ids, valid = inputs['input_ids'], inputs['text_mask']
        content = valid & (ids >= self.num_special_tokens)
        sgp = torch.zeros_like(valid)
        if 'sgp' in self.tasks:
            spans = samples.get('graph_spans') or [[] for _ in range(len(ids))]
            for i, row in enumerate(spans):
                if not row:
                    continue
                draw = self._rand((len(row),), gen, 'cpu') < self.sgp_prob
                for (_, pos), hit in zip(row, draw.tolist()):
                    if hit:
                        sgp[i, pos] = True
        mlm = torch.zeros_like(valid)
        if 'mlm' in self.tasks:
            mlm = (self._rand(ids.shape, gen, ids.device) < self.mlm_prob) & content & ~sgp
        return sgp, mlm

    def _itm_negatives(self, inputs: dict, samples: dict, gen) -> tuple[dict, torch.Tensor]:
        """Swap the regions of ``itm_neg_prob`` of the rows with the next row's (label 0)."""
        b = inputs['input_ids'].shape[0]
        if 'itm' not in self.tasks or b < 2:
            return inputs, torch.ones(b, dtype=torch.long, device=inputs['input_ids'].device)
        neg = self._rand((b,), gen, 'cpu') < self.itm_neg_prob
        ids = samples.get('image_id')
        if ids is not None:  # another caption of the same image is no negative
            neg &= torch.tensor([ids[i] != ids[(i + 1) % b] for i in range(b)])
        src = torch.arange(b)
        src[neg] = (src[neg] + 1) % b
        out = dict(inputs)
        for key in ('region_feats', 'region_locs', 'region_mask', 'region_cls_prob'):
            out[key] = inputs[key][src.to(inputs[key].device)]
        return out, (~neg).long().to(inputs['input_ids'].device)

    def _encode(self, inputs: dict, input_ids=None, region_feats=None) -> dict:
        return self.encoder(
            inputs['input_ids'] if input_ids is None else input_ids,
            inputs['text_mask'],
            inputs['region_feats'] if region_feats is None else region_feats,
            inputs['region_locs'],
            inputs['region_mask'],
        )

    def _draw_negatives(self, samples: dict, b: int, device) -> tuple[torch.Tensor, torch.Tensor]:
        """(B, K) rows of the batch to pair each row with, and their validity mask.

        K distinct other rows drawn uniformly; rows showing the same image are no negatives
        (masked), nor are the missing ones when the batch has fewer than K + 1 images.
        """
        k = self.retrieval_negatives
        ids = samples.get('image_id')
        same = torch.eye(b, dtype=torch.bool)
        if ids is not None:
            same = torch.tensor([[a == c for c in ids] for a in ids])
        keys = torch.rand(b, b).masked_fill(same, -1.0)
        kk = min(k, b)
        top = keys.topk(kk, dim=1)
        idx, ok = top.indices, top.values >= 0
        if kk < k:  # pad to K so that the shapes do not depend on the batch size
            idx = torch.cat([idx, idx.new_zeros(b, k - kk)], 1)
            ok = torch.cat([ok, ok.new_zeros(b, k - kk)], 1)
        return idx.to(device), ok.to(device)

    def _circle_retrieval(self, inputs: dict, samples: dict) -> torch.Tensor:
        """Circle loss of each (caption, image) pair against K mismatched pairs of the batch."""
        b = inputs['input_ids'].shape[0]
        device = inputs['input_ids'].device
        rows = torch.arange(b, device=device)[:, None]
        text_idx, image_idx, masks = [rows], [rows], [torch.ones_like(rows, dtype=torch.bool)]
        side = self.retrieval_negative_side
        if side in ('image', 'both'):  # the caption against other images
            idx, ok = self._draw_negatives(samples, b, device)
            text_idx.append(rows.expand_as(idx))
            image_idx.append(idx)
            masks.append(ok)
        if side in ('text', 'both'):  # the image against other captions
            idx, ok = self._draw_negatives(samples, b, device)
            text_idx.append(idx)
            image_idx.append(rows.expand_as(idx))
            masks.append(ok)
        t, v, mask = torch.cat(text_idx, 1), torch.cat(image_idx, 1), torch.cat(masks, 1)
        flat = {}
        for key, value in inputs.items():
            if key in ('input_ids', 'text_mask'):
                flat[key] = value[t.reshape(-1)]
            elif key.startswith('region'):
                flat[key] = value[v.reshape(-1)]
        logits = self.itm_head(self._encode(flat)['pooled'])
        score = logits.softmax(-1)[:, 1].view(b, -1)
        return self.circle_loss(score[:, :1], score[:, 1:], neg_mask=mask[:, 1:])

    def _pretrain(self, inputs: dict, samples: dict, gen) -> tuple[dict, dict]:
        samples = samples or {}
        circle = self.retrieval_loss == 'circle' and 'itm' in self.tasks and gen is None
        if circle:  # training with circle loss: every pair is a positive, negatives built below
            clean = inputs
            itm_label = torch.ones(
                inputs['input_ids'].shape[0], dtype=torch.long, device=inputs['input_ids'].device
            )
        else:
            inputs, itm_label = self._itm_negatives(inputs, samples, gen)
        pos = itm_label.bool()
        # Negatives are masked like positives (else "no [MASK] in the text" would give the
        # matching head a shortcut); only the positives' masked tokens/regions are predicted.
        sgp, mlm = self._text_masks(inputs, samples, gen)
        ids = self._corrupt(inputs['input_ids'], sgp | mlm, gen)
        feats, rmask = inputs['region_feats'], inputs['region_mask']
        mrp = torch.zeros_like(rmask)
        if 'mrp' in self.tasks:
            mrp = (self._rand(rmask.shape, gen, rmask.device) < self.mrp_prob) & rmask
            feats = feats.masked_fill(mrp[..., None], 0.0)
        # The circle loss encodes its own clean pairs; skip this pass when nothing else needs it.
        token_tasks = any(t in self.tasks for t in ('sgp', 'mlm', 'mrp'))
        out = self._encode(inputs, ids, feats) if token_tasks or not circle else None
        sgp, mlm, mrp = sgp & pos[:, None], mlm & pos[:, None], mrp & pos[:, None]
        losses, stats = {}, {}
        target = inputs['input_ids']
        for name, pick in (('sgp', sgp), ('mlm', mlm)):
            if name not in self.tasks:
                continue
            logits = self.mlm_head(out['text'][pick])
            gold = target[pick]
            losses[f'loss_{name}'] = self.tasks[name] * (
                F.cross_entropy(logits, gold) if len(gold) else logits.sum() * 0
            )
            stats[name] = self._stats((logits.argmax(-1) == gold).sum(), len(gold), 0.0)
        if 'mrp' in self.tasks:
            logp = self.mrp_head(out['image'][:, 1:][mrp]).log_softmax(-1)
            tgt = inputs['region_cls_prob'][mrp]
            kl = F.kl_div(logp, tgt, reduction='batchmean') if len(tgt) else logp.sum() * 0
            losses['loss_mrp'] = self.tasks['mrp'] * kl
            stats['mrp'] = self._stats((logp.argmax(-1) == tgt.argmax(-1)).sum(), len(tgt), 0.0)
        if circle:
            losses['loss_itm'] = self.tasks['itm'] * self._circle_retrieval(clean, samples)
        elif 'itm' in self.tasks:
            logits = self.itm_head(out['pooled'])
            losses['loss_itm'] = self.tasks['itm'] * F.cross_entropy(logits, itm_label)
            stats['itm'] = self._stats(
                (logits.argmax(-1) == itm_label).sum(), len(itm_label), 0.5 * len(itm_label)
            )
        return losses, stats

    @staticmethod
    def _stats(correct, total, chance) -> dict:
        return dict(correct=float(correct), total=float(total), chance=float(chance))

    # ------------------------------------------------------------------------------- cloze
    @torch.no_grad()
    def cloze(self, inputs: dict, samples: dict, topk: int = 5) -> list[dict]:
        """Mask each item's element (``cloze_positions``) and score its top-1 / top-k."""
        ids = inputs['input_ids'].clone()
        for i, pos in enumerate(samples['cloze_positions']):
            ids[i, pos] = self.mask_token_id
        logits = self.mlm_head(self._encode(inputs, ids)['text'])
        preds = []
        for i, (kind, pos) in enumerate(zip(samples['cloze_kind'], samples['cloze_positions'])):
            name = GRAPH_KINDS[int(kind)]
            gold = inputs['input_ids'][i, pos]
            top = logits[i, pos].topk(topk, -1).indices  # (P, k)
            n = self.cloze_candidates.get(name, self.vocab_size)
            preds.append(
                {
                    f'cloze_{name}_top1': self._stats(bool((top[:, 0] == gold).all()), 1, 1 / n),
                    f'cloze_{name}_top{topk}': self._stats(
                        bool((top == gold[:, None]).any(-1).all()), 1, min(topk, n) / n
                    ),
                    'prediction': top[:, 0].tolist(),
                }
            )
        return preds

    @torch.no_grad()
    def match_scores(self, inputs: dict) -> torch.Tensor:
        """Image-text matching score of each (caption, image) row: logit(match) - logit(not),
        the retrieval head's ranking score."""
        logits = self.itm_head(self._encode(inputs)['pooled'])
        return logits[:, 1] - logits[:, 0]

    # --------------------------------------------------------------------------- downstream
    def _downstream(self, inputs: dict, samples: dict) -> tuple[str, torch.Tensor, list]:
        """(task, loss, per-sample stats) of a VQA / VCR / grounding batch, else task None."""
        if 'answer_scores' in samples:
            logits = self.vqa_head(self._encode(inputs)['pooled'])
            target = samples['answer_scores'].to(logits)
            loss = F.binary_cross_entropy_with_logits(logits, target) * target.shape[1]
            score = target.gather(1, logits.argmax(-1, keepdim=True))[:, 0]
            n = target.shape[1]
            return 'vqa', loss, [self._stats(float(s), 1, 1 / n) for s in score]
        if 'option_ids' in inputs:
            b, o, length = inputs['option_ids'].shape
            rep = {
                k: v.repeat_interleave(o, 0) for k, v in inputs.items() if k.startswith('region')
            }
            flat = dict(
                rep,
                input_ids=inputs['option_ids'].view(b * o, length),
                text_mask=inputs['option_mask'].view(b * o, length),
            )
            logits = self.vcr_head(self._encode(flat)['pooled']).view(b, o)
            answer = samples['answer'].to(logits.device)
            hits = (logits.argmax(-1) == answer).tolist()
            return 'vcr', F.cross_entropy(logits, answer), [self._stats(h, 1, 1 / o) for h in hits]
        if 'ground_labels' in samples:
            out = self._encode(inputs)
            enc = self.encoder
            t = enc.text_pooler(out['text'][:, 0])[:, None]
            logits = self.grounding_head(t * enc.image_pooler(out['image'][:, 1:]))[..., 0]
            valid = inputs['region_mask']
            labels = samples['ground_labels'].to(logits)
            loss = F.binary_cross_entropy_with_logits(logits[valid], labels[valid])
            top = logits.masked_fill(~valid, float('-inf')).argmax(-1, keepdim=True)
            hit = labels.gather(1, top)[:, 0].tolist()
            chance = (labels.sum(1) / valid.sum(1).clamp(min=1)).tolist()
            return 'grounding', loss, [self._stats(h, 1, c) for h, c in zip(hit, chance)]
        return None, None, []

    # ---------------------------------------------------------------------------- modes
    def loss(self, inputs: dict, data_samples: dict | None = None) -> dict:
        task, loss, _ = self._downstream(inputs, data_samples or {})
        if task is not None:
            return {f'loss_{task}': loss}
        losses, _ = self._pretrain(inputs, data_samples, None)
        return losses

    def predict(self, inputs: dict, data_samples: dict | None = None) -> list[dict]:
        samples = data_samples or {}
        if 'cloze_positions' in samples:
            return self.cloze(inputs, samples)
        with torch.no_grad():
            task, _, stats = self._downstream(inputs, samples)
        if task is not None:
            return [{task: s} for s in stats]
        gen = torch.Generator().manual_seed(self.eval_seed)
        with torch.no_grad():
            _, stats = self._pretrain(inputs, samples, gen)
        # The batch's totals ride on its first sample (TaskAccuracy sums them).
        return [stats] + [{} for _ in range(inputs['input_ids'].shape[0] - 1)]

    def _forward(self, inputs: dict, data_samples: dict | None = None) -> dict:
        return self._encode(inputs)
