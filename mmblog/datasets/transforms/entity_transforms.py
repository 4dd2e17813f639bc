"""ERNIE's entity inputs: mention marks, token-entity alignment and dEA noise.

A typing pipeline::

    pipeline = [
        dict(type='MarkEntityMention'),                       # "[ENT] mention [ENT]"
        dict(type='TokenizeText', tokenizer=tok, max_length=64),
        dict(type='AlignEntities', entity2id_file='kg_embed/entity2id.txt', tokenizer=tok),
        dict(type='DenoiseEntities', num_entities=14541),     # dEA (optional)
        dict(type='PackTextInputs', input_keys=ERNIE_INPUT_KEYS),
    ]
"""

import numpy as np
from mmcv.transforms import BaseTransform

from mmblog.datasets.kg.triple_io import read_openke_id_map
from mmblog.registry import TOKENIZERS, TRANSFORMS

IGNORE_INDEX = -100
ERNIE_INPUT_KEYS = (
    'input_ids',
    'token_type_ids',
    'attention_mask',
    'input_ents',
    'ent_mask',
    'mark_mask',
    'ent_labels',
)


def _insert(text: str, inserts: list[tuple[int, str]]):
    """Insert strings at character positions; returns the text and an offset-shift function.

    ``shift(x, is_end)`` maps an old offset to the new text: a start offset moves past strings
    inserted at or before it, an (exclusive) end offset only past strings inserted before it,
    so a span that touches a mark keeps covering the same characters.
    """
    inserts = sorted(inserts, key=lambda p: p[0])
    out, last = [], 0
    for pos, s in inserts:
        out += [text[last:pos], s]
        last = pos
    out.append(text[last:])

    def shift(x: int, is_end: bool) -> int:
        return x + sum(len(s) for pos, s in inserts if (pos < x if is_end else pos <= x))

    return ''.join(out), shift


@TRANSFORMS.register_module()
class MarkEntityMention(BaseTransform):
    """Surround the mention to type with [ENT] (``mention_span``) or the relation's head and tail
    with [HD]/[TL] (``head_span``/``tail_span``), as ERNIE's fine-tuning inputs do.

    Entity links (``entities``: ``[qid, start, end, score]``) with ``score > threshold`` (ERNIE
    keeps links scoring above 0.3) become ``entity_spans``/``entity_qids`` of the marked text,
    sorted by position.
    """

    def __init__(
        self, threshold: float = 0.3, ent_token='[ENT]', head_token='[HD]', tail_token='[TL]'
    ):
        self.threshold = threshold
        self.ent_token, self.head_token, self.tail_token = ent_token, head_token, tail_token

    def transform(self, results: dict) -> dict:
        inserts = []
        for key, mark in (
            ('mention_span', self.ent_token),
            ('head_span', self.head_token),
            ('tail_span', self.tail_token),
        ):
            if key in results:
                start, end = results[key]
                inserts += [(start, f'{mark} '), (end, f' {mark}')]
        text, shift = _insert(results['text'], inserts)
        links = sorted(
            (e for e in results.get('entities', []) if e[3] > self.threshold), key=lambda e: e[1]
        )
        results['text'] = text
        results['entity_spans'] = [(shift(e[1], False), shift(e[2], True)) for e in links]
        results['entity_qids'] = [e[0] for e in links]
        return results


@TRANSFORMS.register_module()
class AlignEntities(BaseTransform):
    """Token-level entity rows after :class:`TokenizeText`.

    Adds (L,) int64 arrays: ``input_ents`` (entity id + 1 at the first token of each linked
    mention, 0 elsewhere: row 0 of ERNIE's entity table is "no entity"), ``ent_mask`` (1 where an
    entity is aligned) and ``mark_mask`` (1 at the first mark token, [ENT] or [HD], and at the
    first [TL]). Links whose qid is not in ``entity2id_file`` are dropped, as ERNIE drops them.

    Args:
        entity2id_file: ``kg_embed/entity2id.txt`` (count line, ``qid<TAB>id``).
        tokenizer: The pipeline's tokenizer (to find the mark tokens' ids).
    """

    def __init__(self, entity2id_file: str, tokenizer, marks=('[ENT]', '[HD]', '[TL]')):
        self.entity2id = read_openke_id_map(
            entity2id_file, 'tools/model_converters/transe2kg_embed.py CONFIG CKPT OUT_DIR'
        )
        tok = TOKENIZERS.build(tokenizer) if isinstance(tokenizer, dict) else tokenizer
        self.mark_ids = [i for i in (tok.token_to_id(m) for m in marks) if i is not None]

    def transform(self, results: dict) -> dict:
        ids = np.asarray(results['input_ids'])
        input_ents = np.zeros(len(ids), dtype=np.int64)
        # TokenizeText keeps the spans that survive truncation, in order: a prefix of the links.
        for (first, _), qid in zip(results.get('entity_token_spans', []), results['entity_qids']):
            eid = self.entity2id.get(qid)
            if eid is not None:
                input_ents[first] = eid + 1
        mark_mask = np.zeros(len(ids), dtype=np.int64)
        for mark in self.mark_ids:
            where = np.flatnonzero(ids == mark)
            if len(where):
                mark_mask[where[0]] = 1
        results['input_ents'] = input_ents
        results['ent_mask'] = (input_ents > 0).astype(np.int64)
        results['mark_mask'] = mark_mask
        results.setdefault('ent_labels', np.full(len(ids), IGNORE_INDEX, dtype=np.int64))
        return results


@TRANSFORMS.register_module()
class DenoiseEntities(BaseTransform):
    """ERNIE's denoising entity auto-encoder (dEA) noise on the token-entity alignments.

    Every aligned entity is, independently: replaced by a random entity with ``replace_prob``
    (5%), un-aligned (``input_ents`` 0, ``ent_mask`` 0) with ``mask_prob`` (15%), kept otherwise
    (80%). ``ent_labels`` holds the original entity id (0-based) at every originally aligned
    token and -100 elsewhere: the model predicts it from the token's output.
    """

    def __init__(self, num_entities: int, replace_prob: float = 0.05, mask_prob: float = 0.15):
        if replace_prob + mask_prob > 1:
            raise ValueError('replace_prob + mask_prob must be <= 1')
        self.num_entities = num_entities
        self.replace_prob, self.mask_prob = replace_prob, mask_prob

    def transform(self, results: dict) -> dict:
        ents = np.asarray(results['input_ents']).copy()
        aligned = np.flatnonzero(ents > 0)
        labels = np.full(len(ents), IGNORE_INDEX, dtype=np.int64)
        labels[aligned] = ents[aligned] - 1
        u = np.random.random(len(aligned))
        replace = aligned[u < self.replace_prob]
        drop = aligned[(u >= self.replace_prob) & (u < self.replace_prob + self.mask_prob)]
        ents[replace] = np.random.randint(0, self.num_entities, len(replace)) + 1
        ents[drop] = 0
        results['input_ents'] = ents
        results['ent_mask'] = (ents > 0).astype(np.int64)
        results['ent_labels'] = labels
        return results
