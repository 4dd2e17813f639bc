"""HERO: hierarchical video+language pre-training (Li et al., EMNLP 2020) and its heads."""

import torch
import torch.nn.functional as F

from mmblog.models.layers.transformer import MaskedLMHead
from mmblog.registry import MODELS

from ..base import BaseMultimodalModel

PRETRAIN_TASKS = ('mlm', 'mffr', 'mnce', 'vsm', 'fom')
DOWNSTREAM_TASKS = ('tvr', 'qa')


def _bert_init(module: torch.nn.Module) -> None:
    """BERT's initialisation: N(0, 0.02) weights, zero biases (LayerNorm: 1, 0)."""
    if isinstance(module, torch.nn.Linear | torch.nn.Embedding):
        torch.nn.init.normal_(module.weight, std=0.02)
        if isinstance(module, torch.nn.Linear) and module.bias is not None:
            torch.nn.init.zeros_(module.bias)


@MODELS.register_module()
class HERO(BaseMultimodalModel):
    """HERO with its pre-training tasks and downstream heads, chosen by ``tasks``.

    ``tasks`` maps task names to ratios: with ``task_sampling='ratio'`` (the reference) each
    training step runs one task drawn with these probabilities (reference MLM:MNCE:FOM:VSM =
    2:2:1:2); with ``'sum'`` every step runs all of them and sums the losses weighted by the
    ratios. Pre-training tasks: ``mlm`` (15% of subtitle tokens, 80/10/10), ``mffr`` / ``mnce``
    (15% of frames zeroed + mask embedding; L2 regression / noise-contrastive choice among the
    masked frames' targets and the unmasked frames, temperature 1), ``vsm`` (one subtitle per
    video removed and used as the query; local start/end cross-entropy and global hinge with
    in-batch negatives), ``fom`` (15% of frames reordered after fusion; N_v-way position
    classification). Downstream: ``tvr`` (moment retrieval with the VSM head on ``desc``
    queries) and ``qa`` (multiple choice plus the question's span).

    Args:
        encoder: ``HEROEncoder`` config.
        tasks: ``{task: ratio}``.
        task_sampling: ``'ratio'`` or ``'sum'``.
        mask_token_id: The tokenizer's ``[MASK]`` id.
        mask_prob: Share of tokens / frames masked or reordered (0.15).
        vsm_margin / vsm_local_weight / vsm_global_weight: VSM hinge margin and lambda_1, 2.
        qa_span_weight: Weight of the span loss in QA.
        max_span_frames: Longest predicted moment (TVR evaluation).
        num_spans: Moments kept per (query, video) pair at evaluation.
        video_score_scale: Moment score = exp(scale * video cosine) * p_st * p_ed.
        frame_duration: Seconds per frame (moments are reported in seconds).
        eval_seed: Seed of the masks drawn at validation (the same masks every time).
    """

    def __init__(
        self,
        encoder: dict,
        tasks: dict | None = None,
        task_sampling: str = 'ratio',
        mask_token_id: int = 4,
        mask_prob: float = 0.15,
        vsm_margin: float = 0.1,
        vsm_local_weight: float = 1.0,
        vsm_global_weight: float = 1.0,
        qa_span_weight: float = 0.5,
        max_span_frames: int = 16,
        num_spans: int = 20,
        video_score_scale: float = 10.0,
        frame_duration: float = 1.5,
        eval_seed: int = 0,
        data_preprocessor: dict | None = None,
        init_cfg: dict | None = None,
    ) -> None:
        super().__init__(
            data_preprocessor=data_preprocessor or dict(type='BaseDataPreprocessor'),
            init_cfg=init_cfg,
        )
        self.tasks = dict(tasks or dict(mlm=2, mnce=2, fom=1, vsm=2))
        unknown = set(self.tasks) - set(PRETRAIN_TASKS) - set(DOWNSTREAM_TASKS)
        if unknown:
            raise ValueError(
                f'unknown HERO tasks {sorted(unknown)}; choose from '
                f'{PRETRAIN_TASKS + DOWNSTREAM_TASKS}'
            )
        if task_sampling not in ('ratio', 'sum'):
            raise ValueError(f"task_sampling must be 'ratio' or 'sum', got {task_sampling!r}")
        self.task_sampling = task_sampling
        enc = dict(type='HEROEncoder', **{k: v for k, v in encoder.items() if k != 'type'})
        self.encoder = MODELS.build(enc)
        c = self.encoder.embed_dims
        feat_dim = self.encoder.frame_embeddings.fc.in_features
        vocab = self.encoder.text_embeddings.word_embeddings.num_embeddings
        max_frames = self.encoder.frame_embeddings.position_embeddings.num_embeddings
        heads = enc.get('num_heads', 12)
        if 'mlm' in self.tasks:
            self.mlm_head = MaskedLMHead(c, vocab)
            self.mlm_head.tie_weights(self.encoder.text_embeddings.word_embeddings)
        if {'mffr', 'mnce'} & set(self.tasks):
            self.mfm_head = MODELS.build(dict(type='MFMHead', embed_dims=c, feat_dim=feat_dim))
        if {'vsm', 'tvr', 'qa'} & set(self.tasks):
            self.vsm_head = MODELS.build(dict(type='VSMHead', embed_dims=c, num_heads=heads))
        if 'fom' in self.tasks:
            self.fom_head = MODELS.build(dict(type='FOMHead', embed_dims=c, max_frames=max_frames))
        if 'qa' in self.tasks:
            self.qa_head = MODELS.build(dict(type='QAHead', embed_dims=c))
        self.mask_token_id, self.mask_prob = mask_token_id, mask_prob
        self.vocab_size = vocab
        self.vsm_margin = vsm_margin
        self.vsm_local_weight, self.vsm_global_weight = vsm_local_weight, vsm_global_weight
        self.qa_span_weight = qa_span_weight
        self.max_span_frames, self.num_spans = max_span_frames, num_spans
        self.video_score_scale = video_score_scale
        self.frame_duration = frame_duration
        self.eval_seed = eval_seed
        self.apply(_bert_init)

    # ---------------------------------------------------------------------------- helpers
    def _rand(self, shape, gen, device) -> torch.Tensor:
        return torch.rand(shape, generator=gen, device='cpu' if gen else device).to(device)

    def _choose(self, valid: torch.Tensor, gen) -> torch.Tensor:
        """``mask_prob`` of the valid positions of each row, at least one per row with any."""
        pick = (self._rand(valid.shape, gen, valid.device) < self.mask_prob) & valid
        empty = ~pick.any(-1) & valid.any(-1)
        if empty.any():
            first = valid.float().argmax(-1)
            pick[empty, first[empty]] = True
        return pick

    @staticmethod
    def _stats(correct, total, chance) -> dict:
        return dict(correct=float(correct), total=float(total), chance=float(chance))

    # ------------------------------------------------------------------------------- tasks
    def _mlm(self, inputs: dict, samples, gen) -> tuple:
        tokens, valid = inputs['seg_tokens'], inputs['seg_token_mask']
        pick = self._choose(valid.flatten()[None], gen).view_as(valid)
        r = self._rand(tokens.shape, gen, tokens.device)
        noise = (self._rand(tokens.shape, gen, tokens.device) * self.vocab_size).long()
        corrupted = torch.where(
            pick & (r < 0.8), torch.full_like(tokens, self.mask_token_id), tokens
        )
        corrupted = torch.where(pick & (r >= 0.8) & (r < 0.9), noise, corrupted)
        out = self.encoder(dict(inputs, seg_tokens=corrupted))
        logits = self.mlm_head(out['w_cross'][pick])
        target = tokens[pick]
        loss = F.cross_entropy(logits, target)
        majority = target.bincount().max()  # the unigram (most frequent target) baseline
        return loss, self._stats((logits.argmax(-1) == target).sum(), len(target), majority)

    def _mfm(self, inputs: dict, samples, gen, kind: str) -> tuple:
        fmask = inputs['frame_mask']
        picked = self._choose(fmask, gen)
        out = self.encoder(inputs, frame_masked=picked)
        pred = self.mfm_head(out['v_temp'][picked])
        target = inputs['frames'][picked]
        cands = torch.cat([target, inputs['frames'][fmask & ~picked]])
        idx = torch.arange(len(pred), device=pred.device)
        if kind == 'mffr':
            loss = F.mse_loss(pred, target, reduction='none').sum(-1).mean()
            hit = torch.cdist(pred, cands).argmin(-1) == idx
        else:
            logits = pred @ cands.t()  # temperature 1
            loss = F.cross_entropy(logits, idx)
            hit = logits.argmax(-1) == idx
        return loss, self._stats(hit.sum(), len(pred), len(pred) / len(cands))

    def _query_segments(self, inputs: dict, gen) -> tuple:
        """One subtitle with text per video: its segment index, or -1 for videos without."""
        has_text = inputs['seg_token_mask'].any(-1)
        b = inputs['frames'].shape[0]
        r = self._rand(has_text.shape, gen, has_text.device) + has_text.float() * 2
        seg = torch.full((b,), -1, dtype=torch.long, device=has_text.device)
        best = torch.full((b,), -1.0, device=has_text.device)
        best = best.scatter_reduce(0, inputs['seg_video'], r, 'amax', include_self=True)
        for n in (r == best[inputs['seg_video']]).nonzero().flatten().tolist():
            if has_text[n]:
                seg[inputs['seg_video'][n]] = n
        return seg

    def _span_of_segments(self, inputs: dict, seg: torch.Tensor) -> torch.Tensor:
        t = inputs['frames'].shape[1]
        rows = inputs['seg_frames'][seg.clamp(min=0)]
        st = rows.masked_fill(rows < 0, 1 << 30).min(-1).values % t
        ed = rows.max(-1).values % t
        return torch.stack([st, ed], -1)

    def _local_loss(self, v_temp, fmask, q, span, keep) -> tuple:
        st, ed = self.vsm_head.local_logits(v_temp, fmask, q)
        st, ed, span = st[keep], ed[keep], span[keep]
        loss = F.cross_entropy(st, span[:, 0]) + F.cross_entropy(ed, span[:, 1])
        return loss, st.argmax(-1) == span[:, 0], ed.argmax(-1) == span[:, 1]

    def _vsm(self, inputs: dict, samples, gen) -> tuple:
        seg = self._query_segments(inputs, gen)
        keep = seg >= 0
        removed = torch.zeros(len(inputs['seg_tokens']), dtype=torch.bool, device=seg.device)
        removed[seg[keep]] = True
        out = self.encoder(inputs, token_mask_out=removed)
        qs = seg.clamp(min=0)
        q_mask = inputs['seg_token_mask'][qs]
        q = self.vsm_head.query(self.encoder.encode_text(inputs['seg_tokens'][qs], q_mask), q_mask)
        span = self._span_of_segments(inputs, seg)
        fmask = inputs['frame_mask']
        local, st_hit, ed_hit = self._local_loss(out['v_temp'], fmask, q, span, keep)
        scores = self.vsm_head.global_scores(out['v_temp'][keep], fmask[keep], q[keep])
        loss = self.vsm_local_weight * local + self.vsm_global_weight * self.vsm_head.hinge(
            scores, self.vsm_margin
        )
        chance = (1.0 / fmask[keep].sum(-1).float()).sum()
        return loss, dict(
            vsm_st=self._stats(st_hit.sum(), keep.sum(), chance),
            vsm_ed=self._stats(ed_hit.sum(), keep.sum(), chance),
        )

    def _fom(self, inputs: dict, samples, gen) -> tuple:
        fmask = inputs['frame_mask']
        b, t = fmask.shape
        picked = self._choose(fmask, gen)
        reorder = torch.arange(t, device=fmask.device).repeat(b, 1)
        for i in range(b):
            pos = picked[i].nonzero().flatten()
            if len(pos) < 2:  # one picked frame cannot move: pick a second one
                others = (fmask[i] & ~picked[i]).nonzero().flatten()
                if len(others) == 0:
                    continue
                pos = torch.cat([pos, others[:1]])
                picked[i, others[0]] = True
            perm = torch.randperm(len(pos), generator=gen).to(pos.device)
            if (perm == torch.arange(len(pos), device=pos.device)).all():
                perm = perm.roll(1)
            reorder[i, pos] = pos[perm]
        out = self.encoder(inputs, reorder=reorder)
        logits = self.fom_head(out['v_temp'])[..., :t]
        logits = logits.masked_fill(~fmask[:, None, :], float('-inf'))[picked]
        target = reorder[picked]
        loss = F.cross_entropy(logits, target)
        chance = (1.0 / fmask.sum(-1, keepdim=True).float()).expand(b, t)[picked].sum()
        return loss, self._stats((logits.argmax(-1) == target).sum(), len(target), chance)

    def _encode_query(self, tokens, mask) -> torch.Tensor:
        return self.vsm_head.query(self.encoder.encode_text(tokens, mask), mask)

    def _tvr(self, inputs: dict, samples, gen) -> tuple:
        out = self.encoder(inputs)
        q = self._encode_query(inputs['query_tokens'], inputs['query_mask'])
        span = samples['span'].to(q.device)
        keep = span[:, 0] >= 0
        fmask = inputs['frame_mask']
        local, st_hit, ed_hit = self._local_loss(out['v_temp'], fmask, q, span, keep)
        scores = self.vsm_head.global_scores(out['v_temp'], fmask, q)
        loss = self.vsm_local_weight * local + self.vsm_global_weight * self.vsm_head.hinge(
            scores, self.vsm_margin
        )
        chance = (1.0 / fmask[keep].sum(-1).float()).sum()
        return loss, dict(tvr_st=self._stats(st_hit.sum(), keep.sum(), chance))

    def _qa(self, inputs: dict, samples, gen) -> tuple:
        out = self.encoder(inputs)
        tok, mask = inputs['option_tokens'], inputs['option_mask']
        b, o, length = tok.shape
        q = self._encode_query(tok.view(b * o, length), mask.view(b * o, length)).view(b, o, -1)
        fmask = inputs['frame_mask']
        logits = self.qa_head(out['v_temp'], fmask, q)
        answer = samples['answer'].to(logits.device)
        loss = F.cross_entropy(logits, answer)
        span = samples['span'].to(logits.device)
        keep = torch.ones(b, dtype=torch.bool, device=logits.device)
        local, _, _ = self._local_loss(out['v_temp'], fmask, q[torch.arange(b), answer], span, keep)
        loss = loss + self.qa_span_weight * local
        hit = (logits.argmax(-1) == answer).sum()
        return loss, dict(qa=self._stats(hit, b, b / o))

    def _run(self, task: str, inputs: dict, samples, gen) -> tuple:
        if task in ('mffr', 'mnce'):
            loss, stats = self._mfm(inputs, samples, gen, task)
        else:
            loss, stats = getattr(self, f'_{task}')(inputs, samples, gen)
        if 'correct' in stats:
            stats = {task: stats}
        return loss, stats

    # ---------------------------------------------------------------------------- modes
    def _active_tasks(self, inputs: dict) -> list[str]:
        if 'option_tokens' in inputs:
            return ['qa']
        if 'query_tokens' in inputs:
            return ['tvr']
        return [t for t in self.tasks if t in PRETRAIN_TASKS]

    def loss(self, inputs: dict, data_samples: dict | None = None) -> dict:
        tasks = self._active_tasks(inputs)
        ratios = torch.tensor([float(self.tasks.get(t, 1.0)) for t in tasks])
        if self.task_sampling == 'ratio' and len(tasks) > 1:
            tasks = [tasks[int(torch.multinomial(ratios, 1))]]
            ratios = torch.ones(1)
        losses = {}
        for task, w in zip(tasks, ratios.tolist()):
            loss, _ = self._run(task, inputs, data_samples, None)
            losses[f'loss_{task}'] = w * loss
        return losses

    def predict(self, inputs: dict, data_samples: dict | None = None) -> list[dict]:
        b = inputs['frames'].shape[0]
        if 'query_tokens' in inputs and data_samples is not None and 'target' in data_samples:
            return self._predict_moments(inputs, data_samples)
        gen = torch.Generator().manual_seed(self.eval_seed)
        stats = {}
        for task in self._active_tasks(inputs):
            _, s = self._run(task, inputs, data_samples, gen)
            stats.update(s)
        # The batch's totals ride on its first sample (TaskAccuracy sums them).
        return [stats] + [{} for _ in range(b - 1)]

    def _predict_moments(self, inputs: dict, samples: dict) -> list[dict]:
        out = self.encoder(inputs)
        q = self._encode_query(inputs['query_tokens'], inputs['query_mask'])
        fmask = inputs['frame_mask']
        st, ed = self.vsm_head.local_logits(out['v_temp'], fmask, q)
        p = st.softmax(-1)[:, :, None] * ed.softmax(-1)[:, None, :]  # (B, T, T)
        t = p.shape[-1]
        ii = torch.arange(t, device=p.device)
        ok = (ii[None, :] >= ii[:, None]) & (ii[None, :] - ii[:, None] < self.max_span_frames)
        p = p.masked_fill(~ok, 0)
        vscore = self.vsm_head.global_scores(out['v_temp'], fmask, q).diagonal()
        fd = self.frame_duration
        preds = []
        for i in range(len(q)):
            top = p[i].flatten().topk(min(self.num_spans, int(ok.sum())))
            spans = [
                ((k // t) * fd, (k % t + 1) * fd, float(s))
                for k, s in zip(top.indices.tolist(), top.values.tolist())
            ]
            preds.append(
                dict(
                    query_id=samples['query_id'][i],
                    video=samples['vid'][i],
                    target=samples['target'][i],
                    video_score=float(torch.exp(self.video_score_scale * vscore[i])),
                    spans=spans,
                )
            )
        return preds

    def _forward(self, inputs: dict, data_samples: dict | None = None) -> dict:
        return self.encoder(inputs)
