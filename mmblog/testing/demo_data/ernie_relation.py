"""Relation classification in ERNIE's FewRel/TACRED json, on the entities of the typing demo.

Reuses the world of :mod:`ernie_typing` (same seed: same knowledge graph, opaque mentions and
Wikidata-style ids, so the kg_embed exported from TransE covers these entities) and writes
``out_dir/ernie_typing/fewrel/{train,dev,test}.json`` as a list of ``{"text", "label", "ents":
[[head, start, end, 1.0], [tail, start, end, 1.0]], "ann": [[qid, start, end, 0.9], ...]}`` plus
``fewrel/vocab.txt`` (the typing vocabulary and the templates' words). The relation is said by
the template's words (four relations, two phrasings each); head and tail are items of the split.
"""

import json
import os
import os.path as osp

import numpy as np

from .ernie_typing import make_ernie_typing_demo

RELATIONS = {
    'works_with': ('{h} works with {t} every day .', 'every day {h} works with {t} .'),
    'lives_near': ('{h} lives near {t} .', 'they say {h} lives near {t} .'),
    'competes_with': ('{h} competes against {t} .', 'this year {h} competes against {t} .'),
    'founded_by': ('{h} was founded by {t} .', 'long ago {h} was founded by {t} .'),
}


def _mentions(records: list[dict]) -> list[tuple[str, str]]:
    out = {}
    for r in records:
        qid = r['ents'][[e[1] for e in r['ents']].index(r['start'])][0]
        out[r['sent'][r['start'] : r['end']]] = qid
    return sorted(out.items())


def make_ernie_relation_demo(out_dir: str, seed: int = 0, per_split=(400, 100, 100)) -> str:
    """Write the FewRel-style splits (and the typing demo they build on); returns a summary."""
    make_ernie_typing_demo(out_dir, seed=seed)
    folder = osp.join(out_dir, 'ernie_typing')
    os.makedirs(osp.join(folder, 'fewrel'), exist_ok=True)
    rng = np.random.default_rng(seed + 7)
    names = list(RELATIONS)
    for split, n in zip(('train', 'dev', 'test'), per_split):
        with open(osp.join(folder, f'{split}.json'), encoding='utf-8') as f:
            items = _mentions(json.load(f))
        records = []
        for _ in range(n):
            label = names[int(rng.integers(len(names)))]
            template = RELATIONS[label][int(rng.integers(2))]
            i, j = rng.choice(len(items), 2, replace=False)
            (h, hq), (t, tq) = items[i], items[j]
            text = template.format(h=h, t=t)
            hs, ts = text.index(h), text.index(t)
            records.append(
                dict(
                    text=text,
                    label=label,
                    ents=[[h, hs, hs + len(h), 1.0], [t, ts, ts + len(t), 1.0]],
                    ann=sorted(
                        [[hq, hs, hs + len(h), 0.9], [tq, ts, ts + len(t), 0.9]], key=lambda a: a[1]
                    ),
                )
            )
        with open(osp.join(folder, 'fewrel', f'{split}.json'), 'w', encoding='utf-8') as f:
            json.dump(records, f)
    with open(osp.join(folder, 'vocab.txt'), encoding='utf-8') as f:
        vocab = [line.rstrip('\n') for line in f]
    words = sorted({w for ts in RELATIONS.values() for t in ts for w in t.split() if '{' not in w})
    vocab += [w for w in words if w not in vocab]
    with open(osp.join(folder, 'fewrel', 'vocab.txt'), 'w', encoding='utf-8') as f:
        f.writelines(f'{tok}\n' for tok in vocab)
    return f'{len(names)} relations, {"/".join(map(str, per_split))} sentences, vocab {len(vocab)}'
