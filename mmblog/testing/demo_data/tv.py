"""A small TV corpus in HERO's layout whose subtitles, frames, TVR queries and TVQA questions
are tied by a hidden mapping.

Each video shows one of ``n_tasks`` topics. While a subtitle is spoken, each 1.5 s frame's
features are a fixed random linear map of the sum of the hidden prototypes of the subtitle's
content words, plus a slow "progress" signal (how far into the video the frame is) and
noise; frames between subtitles show only the progress signal. So a masked word can be read
off its frames (MLM), a masked frame off its subtitle (MNCE), a frame's position off its
progress (FOM), a subtitle's span off the frames (VSM). A TVR query re-words one subtitle; a
TVQA question names one word of a subtitle and its answer is another word of that subtitle,
the distractors being other words of the same topic (so the question alone cannot tell).
"""

import json
import os
import os.path as osp

import numpy as np

_SYLLABLES = 'ka lo mi nu pe ri sa to vu ze ba de fi go hu ja'.split()
_FILLERS = 'the and you so then it we a to of now look'.split()
SPECIALS = ['[PAD]', '[UNK]', '[CLS]', '[SEP]', '[MASK]']


def _words(n: int, rng: np.random.Generator) -> list[str]:
    out: set[str] = set()
    while len(out) < n:
        out.add(''.join(rng.choice(_SYLLABLES, size=3)))
    return sorted(out)


def _write_jsonl(path: str, rows: list[dict]) -> None:
    with open(path, 'w', encoding='utf-8') as f:
        for r in rows:
            f.write(json.dumps(r) + '\n')


def make_tv_demo(
    out_dir: str,
    seed: int = 0,
    n_train: int = 96,
    n_val: int = 24,
    n_tasks: int = 6,
    words_per_task: int = 10,
    subs_per_video: int = 6,
    feat_dim: int = 32,
    latent_dim: int = 24,
    frame_duration: float = 1.5,
) -> str:
    """Write ``<out_dir>/tv/``: ``video_feats/<vid>.npz`` (``features``), ``id2nframe.json``,
    ``subtitles.jsonl``, ``{train,val}_videos.txt``, ``tvr_{train,val}.jsonl``,
    ``tvr_video2dur_idx.json``, ``tvqa_{train,val}.jsonl`` and a WordPiece ``vocab.txt``."""
    rng = np.random.default_rng(seed)
    root = osp.join(out_dir, 'tv')
    os.makedirs(osp.join(root, 'video_feats'), exist_ok=True)
    vocab = _words(n_tasks * words_per_task, rng)
    topics = [vocab[i * words_per_task : (i + 1) * words_per_task] for i in range(n_tasks)]
    proto = {w: rng.normal(size=latent_dim) for w in vocab}
    progress = rng.normal(size=(2, latent_dim)) * 1.5
    mix = rng.normal(size=(latent_dim, feat_dim)) / np.sqrt(latent_dim)
    with open(osp.join(root, 'vocab.txt'), 'w', encoding='utf-8') as f:
        f.write('\n'.join(SPECIALS + vocab + _FILLERS + ['?', 'what', 'with', 'comes']) + '\n')

    subs_rows, id2nframe, dur_idx = [], {}, {'train': {}, 'val': {}}
    tvr = {'train': [], 'val': []}
    tvqa = {'train': [], 'val': []}
    lists = {'train': [], 'val': []}
    for v in range(n_train + n_val):
        split = 'train' if v < n_train else 'val'
        vid = f'tv_{v:04d}'
        topic = topics[int(rng.integers(n_tasks))]
        t, subs = float(rng.uniform(0, 1.5)), []
        for _ in range(subs_per_video):
            dur = float(rng.uniform(2.5, 4.5))
            words = list(rng.choice(topic, size=3, replace=False))
            subs.append(dict(start=round(t, 2), end=round(t + dur, 2), words=words))
            t += dur + float(rng.uniform(0, 1.0))
        duration = t + 1.0
        n_frames = int(np.ceil(duration / frame_duration))
        feats = []
        for k in range(n_frames):
            mid = (k + 0.5) * frame_duration
            p = np.pi * mid / duration
            z = progress[0] * np.cos(p) + progress[1] * np.sin(p)
            z = z + rng.normal(size=latent_dim) * 0.3
            for s in subs:
                if s['start'] <= mid < s['end']:
                    z = z + sum(proto[w] for w in s['words'])
            feats.append(z @ mix)
        np.savez(
            osp.join(root, 'video_feats', f'{vid}.npz'), features=np.asarray(feats, np.float32)
        )
        id2nframe[vid] = n_frames
        lists[split].append(vid)
        dur_idx[split][vid] = [round(duration, 2), len(dur_idx[split])]
        subs_rows.append(
            dict(
                vid_name=vid,
                sub=[
                    dict(
                        text=' '.join(
                            [
                                str(rng.choice(_FILLERS)),
                                s['words'][0],
                                s['words'][1],
                                str(rng.choice(_FILLERS)),
                                s['words'][2],
                            ]
                        ),
                        start=s['start'],
                        end=s['end'],
                    )
                    for s in subs
                ],
            )
        )
        for j, s in enumerate(subs):
            words = list(rng.permutation(s['words']))
            tvr[split].append(
                dict(
                    desc_id=len(tvr['train']) + len(tvr['val']),
                    vid_name=vid,
                    type='v',
                    desc=f'{rng.choice(_FILLERS)} {words[0]} {words[1]} {words[2]}',
                    duration=round(duration, 2),
                    ts=[s['start'], s['end']],
                )
            )
            if j % 2 == 0:
                answer = int(rng.integers(5))
                others = [w for w in topic if w not in s['words']]
                wrong = list(rng.choice(others, size=4, replace=False))
                options = wrong[:answer] + [s['words'][1]] + wrong[answer:]
                tvqa[split].append(
                    dict(
                        qid=len(tvqa['train']) + len(tvqa['val']),
                        vid_name=vid,
                        q=f'what comes with {s["words"][0]} ?',
                        answer_idx=answer,
                        ts=[s['start'], s['end']],
                        **{f'a{i}': options[i] for i in range(5)},
                    )
                )
    _write_jsonl(osp.join(root, 'subtitles.jsonl'), subs_rows)
    for split in ('train', 'val'):
        _write_jsonl(osp.join(root, f'tvr_{split}.jsonl'), tvr[split])
        _write_jsonl(osp.join(root, f'tvqa_{split}.jsonl'), tvqa[split])
        with open(osp.join(root, f'{split}_videos.txt'), 'w') as f:
            f.write('\n'.join(lists[split]) + '\n')
    for name, obj in (('id2nframe.json', id2nframe), ('tvr_video2dur_idx.json', dur_idx)):
        with open(osp.join(root, name), 'w') as f:
            json.dump(obj, f)
    return (
        f'{n_train}+{n_val} videos, {len(tvr["train"])}+{len(tvr["val"])} TVR queries, '
        f'{len(tvqa["train"])}+{len(tvqa["val"])} TVQA questions'
    )
