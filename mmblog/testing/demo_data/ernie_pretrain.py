"""ERNIE (THU) pre-training pairs in fairseq's indexed dataset, from the typing demo's sentences.

Each item is an int32 array of 4 aligned rows: token ids (``[CLS] A [SEP] B [SEP]``), segment
ids, entity ids + 1 at the first token of each linked mention (0 elsewhere; ids of the graph's
``entity2id.txt``) and the next-sentence label in the first column of row 3 (0: B is another
sentence about A's item, 1: B is about a random other item). Written as
``out_dir/ernie_typing/pretrain/{train,val}.{bin,idx}`` (train from train.json, val from
dev.json); the typing demo is generated first (same seed, same files).
"""

import json
import os.path as osp

import numpy as np

from mmblog.datasets.text.indexed_dataset import write_indexed_dataset
from mmblog.datasets.transforms import AlignEntities, MarkEntityMention, TokenizeText

from .ernie_typing import make_ernie_typing_demo


def _encode(folder: str, records: list[dict]) -> list[dict]:
    tokenizer = dict(
        type='WordPieceTokenizer',
        vocab_file=osp.join(folder, 'vocab.txt'),
        extra_special_tokens=['[ENT]', '[HD]', '[TL]'],
    )
    steps = [
        MarkEntityMention(threshold=0.3),
        TokenizeText(tokenizer=tokenizer, max_length=40),
        AlignEntities(entity2id_file=osp.join(folder, 'kg', 'entity2id.txt'), tokenizer=tokenizer),
    ]
    out = []
    for r in records:
        res = dict(text=r['sent'], entities=r['ents'])
        for t in steps:
            res = t(res)
        item = r['ents'][[e[1] for e in r['ents']].index(r['start'])][0]
        out.append(dict(ids=res['input_ids'], ents=res['input_ents'], item=item))
    return out


def make_ernie_pretrain_demo(out_dir: str, seed: int = 0, pairs_per_sentence: int = 2) -> str:
    """Write the pre-training pairs (and the typing demo they come from); returns a summary."""
    make_ernie_typing_demo(out_dir, seed=seed)
    folder = osp.join(out_dir, 'ernie_typing')
    rng = np.random.default_rng(seed + 11)
    sizes = []
    for split, source in (('train', 'train.json'), ('val', 'dev.json')):
        with open(osp.join(folder, source), encoding='utf-8') as f:
            sents = _encode(folder, json.load(f))
        by_item: dict[str, list[int]] = {}
        for k, s in enumerate(sents):
            by_item.setdefault(s['item'], []).append(k)
        items = []
        for k, a in enumerate(sents):
            for _ in range(pairs_per_sentence):
                label = int(rng.integers(2))
                if label == 0:
                    pool = [j for j in by_item[a['item']] if j != k]
                else:
                    pool = [j for j, s in enumerate(sents) if s['item'] != a['item']]
                b = sents[pool[int(rng.integers(len(pool)))]]
                ids = np.concatenate([a['ids'], b['ids'][1:]])
                segs = np.r_[np.zeros(len(a['ids'])), np.ones(len(b['ids']) - 1)]
                ents = np.concatenate([a['ents'], b['ents'][1:]])
                lab = np.zeros(len(ids))
                lab[0] = label
                items.append(np.stack([ids, segs, ents, lab]).astype(np.int32))
        write_indexed_dataset(osp.join(folder, 'pretrain', split), items)
        sizes.append(len(items))
    return f'{sizes[0]}/{sizes[1]} train/val pairs'
