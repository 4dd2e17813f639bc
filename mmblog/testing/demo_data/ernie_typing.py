"""Entity typing where only the knowledge graph knows the answer (ERNIE's claim, made testable).

Items have a *kind* (person / organization / location) and a *region* (north / south). Both are
facts of a knowledge graph (``instance_of`` and ``located_in`` edges, plus ``related_to`` edges
between items of one kind); the sentences never say them: a mention is an opaque made-up word
and the words around it are drawn independently of the types. Dev/test sentences mention only
items that no training sentence mentions, so a text-only model can do no better than the label
prior, while a model that reads the items' TransE vectors (trained on the graph, which holds the
facts of every item) can read the types off them.

Layout written under ``out_dir/ernie_typing``:

* ``kg/``: OpenKE benchmark (``entity2id.txt`` with Wikidata-style Q-ids, ``relation2id.txt``,
  ``train2id.txt``/``valid2id.txt``/``test2id.txt``) for TransE;
* ``train.json``/``dev.json``/``test.json``: OpenEntity json (a list of ``{"sent", "start",
  "end", "labels", "ents": [[qid, start, end, score], ...]}``, character offsets);
* ``vocab.txt``: a WordPiece vocabulary (special tokens, [ENT]/[HD]/[TL], the template words
  and single letters: every mention splits into letters).
"""

import json
import os
import os.path as osp
import string

import numpy as np

from mmblog.datasets.kg import write_openke_benchmark

KINDS = ('person', 'organization', 'location')
REGIONS = ('north', 'south')
_FILLERS = (
    'yesterday we read about {m} in the paper .',
    'the report on {m} came out this week .',
    'many people asked about {m} again .',
    'a long story about {m} was told by {o} .',
    'nobody expected {m} to appear there .',
    'in the evening {o} and {m} were discussed .',
    'the old book mentions {m} twice .',
    'we heard of {m} from a friend .',
)


def _opaque_words(rng, n: int) -> list[str]:
    words: set[str] = set()
    while len(words) < n:
        words.add(''.join(rng.choice(list(string.ascii_lowercase), size=6)))
    return sorted(words, key=lambda _: rng.random())


def make_ernie_typing_demo(
    out_dir: str,
    seed: int = 0,
    num_train: int = 160,
    num_dev: int = 40,
    num_test: int = 40,
    sents_per_item: int = 3,
) -> str:
    """Write the KG, the OpenEntity json splits and the vocabulary; returns a summary."""
    rng = np.random.default_rng(seed)
    n_items = num_train + num_dev + num_test
    kind = rng.integers(0, len(KINDS), n_items)
    region = rng.integers(0, len(REGIONS), n_items)
    n_ent = n_items + len(KINDS) + len(REGIONS)
    qids = [f'Q{q}' for q in rng.choice(np.arange(1000, 100000), size=n_ent, replace=False)]
    kind_ent = [n_items + k for k in range(len(KINDS))]
    region_ent = [n_items + len(KINDS) + r for r in range(len(REGIONS))]
    relations = ['instance_of', 'located_in', 'related_to']
    triples = [(i, 0, kind_ent[kind[i]]) for i in range(n_items)]
    triples += [(i, 1, region_ent[region[i]]) for i in range(n_items)]
    for i in range(n_items):
        same = np.flatnonzero((kind == kind[i]) & (region == region[i]))
        for j in rng.choice(same[same != i], size=3, replace=False):
            triples.append((i, 2, int(j)))
    triples = np.unique(np.asarray(triples, dtype=np.int64), axis=0)
    triples = triples[rng.permutation(len(triples))]
    # Every fact stays in the graph TransE trains on (test items' facts included: that is the
    # knowledge); a few copies serve as OpenKE's valid/test files.
    folder = osp.join(out_dir, 'ernie_typing')
    write_openke_benchmark(
        osp.join(folder, 'kg'),
        qids,
        relations,
        dict(train=triples, valid=triples[:50], test=triples[50:100]),
    )

    mentions = _opaque_words(rng, n_items)
    order = rng.permutation(n_items)
    split_items = dict(
        train=order[:num_train],
        dev=order[num_train : num_train + num_dev],
        test=order[num_train + num_dev :],
    )
    for split, items in split_items.items():
        records = []
        for i in items:
            for _ in range(sents_per_item):
                template = _FILLERS[rng.integers(len(_FILLERS))]
                pool = split_items[split]
                other = int(rng.choice(pool[pool != i]))
                sent = template.format(m=mentions[i], o=mentions[other])
                start = sent.index(mentions[i])
                ents = [[qids[i], start, start + len(mentions[i]), 0.9]]
                if '{o}' in template:
                    o_start = sent.index(mentions[other])
                    ents.append([qids[other], o_start, o_start + len(mentions[other]), 0.9])
                records.append(
                    dict(
                        sent=sent,
                        start=start,
                        end=start + len(mentions[i]),
                        labels=[KINDS[kind[i]], REGIONS[region[i]]],
                        ents=sorted(ents, key=lambda e: e[1]),
                    )
                )
        with open(osp.join(folder, f'{split}.json'), 'w', encoding='utf-8') as f:
            json.dump(records, f)

    words = sorted({w for t in _FILLERS for w in t.split() if '{' not in w})
    letters = list(string.ascii_lowercase)
    vocab = ['[PAD]', '[UNK]', '[CLS]', '[SEP]', '[MASK]', '[ENT]', '[HD]', '[TL]']
    # No mention is a vocabulary word: every mention splits into letters, so a model cannot
    # type a training mention by memorising one token id (the text carries no type either way).
    vocab += words + letters
    vocab += [f'##{c}' for c in letters]
    os.makedirs(folder, exist_ok=True)
    with open(osp.join(folder, 'vocab.txt'), 'w', encoding='utf-8') as f:
        f.writelines(f'{tok}\n' for tok in dict.fromkeys(vocab))
    sizes = '/'.join(str(len(v) * sents_per_item) for v in split_items.values())
    return f'{n_ent} entities, {len(triples)} facts, {sizes} sentences'
