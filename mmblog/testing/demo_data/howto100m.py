"""A small HowTo100M in the reference layout whose captions and clip features are tied by a
hidden mapping, so a text-video embedding can learn it.

Each video shows one of ``n_tasks`` tasks. Each narration line names two or three of the task's
words (plus stop words, as speech does); while it is spoken, every frame's features are a fixed
random non-linear map of the sum of the spoken words' hidden prototypes, plus the video's own
"look" and noise. Words share nothing with their prototypes: the word2vec vectors are drawn
independently, so the text branch must learn the mapping. Clips of one video share their task's
words and look, so telling them apart needs the finer detail that intra-video negatives teach.
"""

import csv
import os
import os.path as osp
import pickle

import numpy as np

from mmblog.datasets.video_text.caption_merge import merge_captions
from mmblog.datasets.video_text.io import tokenize_words, write_word2vec_bin

_SYLLABLES = 'ka lo mi nu pe ri sa to vu ze ba de fi go hu ja'.split()
_FILLERS = 'the and you so then it we a to of um okay'.split()


def _pseudo_words(n: int, rng: np.random.Generator) -> list[str]:
    words: set[str] = set()
    while len(words) < n:
        words.add(''.join(rng.choice(_SYLLABLES, size=3)))
    return sorted(words)


def make_howto100m_demo(
    out_dir: str,
    seed: int = 0,
    n_train: int = 240,
    n_test: int = 40,
    n_tasks: int = 12,
    words_per_task: int = 12,
    captions_per_video: int = 18,
    clips_per_test_video: int = 5,
    dim_2d: int = 64,
    dim_3d: int = 64,
    latent_dim: int = 48,
    we_dim: int = 300,
) -> str:
    """Write ``<out_dir>/howto100m/``: ``HowTo100M_v1.csv`` (training videos),
    ``features_2d|features_3d/<video_id>.npy`` (1 and 1.5 features/s), ``caption.pickle``,
    ``word2vec.bin`` and ``test_clips.csv`` (held-out videos, ``video_id,start,end,sentence``).
    """
    rng = np.random.default_rng(seed)
    root = osp.join(out_dir, 'howto100m')
    for sub in ('features_2d', 'features_3d'):
        os.makedirs(osp.join(root, sub), exist_ok=True)

    # 60 words more than the tasks use: in word2vec, never spoken.
    vocab = _pseudo_words(n_tasks * words_per_task + 60, rng)
    task_words = [vocab[t * words_per_task : (t + 1) * words_per_task] for t in range(n_tasks)]
    prototype = {w: rng.normal(size=latent_dim) for w in vocab}
    a2 = rng.normal(size=(latent_dim, dim_2d)) / np.sqrt(latent_dim)
    a3 = rng.normal(size=(latent_dim, dim_3d)) / np.sqrt(latent_dim)

    all_words = vocab + _FILLERS
    vectors = rng.normal(size=(len(all_words), we_dim)).astype(np.float32)
    write_word2vec_bin(osp.join(root, 'word2vec.bin'), all_words, vectors)

    captions, rows, test_rows = {}, [], []
    n_videos = n_train + n_test
    for v in range(n_videos):
        vid = f'demo{v:05d}'
        task = int(rng.integers(n_tasks))
        look = rng.normal(size=latent_dim) * 0.8
        starts, ends, texts, spoken = [], [], [], []
        t = float(rng.uniform(0, 1))
        for _ in range(captions_per_video):
            dur = float(rng.uniform(1.5, 3.5))
            words = list(rng.choice(task_words[task], size=int(rng.integers(2, 4)), replace=False))
            fillers = list(rng.choice(_FILLERS, size=2))
            sentence = ' '.join([fillers[0], words[0], fillers[1], *words[1:]])
            starts.append(round(t, 2))
            ends.append(round(t + dur, 2))
            texts.append(sentence)
            spoken.append(words)
            t += dur + float(rng.uniform(0, 0.5))
        duration = ends[-1] + 1.0

        def latent_at(time: float, look=look, starts=starts, ends=ends, spoken=spoken):
            z = look + rng.normal(size=latent_dim) * 0.3
            for s, e, words in zip(starts, ends, spoken):
                if s <= time < e:
                    z = z + sum(prototype[w] for w in words)
            return z

        for sub, fps, a in (('features_2d', 1.0, a2), ('features_3d', 1.5, a3)):
            times = np.arange(int(duration * fps)) / fps
            feats = np.stack([np.maximum(latent_at(tt) @ a, 0) for tt in times]).astype(np.float32)
            np.save(osp.join(root, sub, f'{vid}.npy'), feats)

        if v < n_train:
            captions[vid] = dict(start=starts, end=ends, text=texts)
            rows.append(
                dict(
                    video_id=vid, category_1='Demo', category_2=f'task{task}', rank=1, task_id=task
                )
            )
        else:
            words = [tokenize_words(s) for s in texts]
            # Every third line: merged clips of one video barely overlap.
            picks = np.arange(1, captions_per_video, 3)[:clips_per_test_video]
            for i in picks:
                first, last, _ = merge_captions(starts, ends, words, int(i), 5.0)
                test_rows.append(
                    dict(
                        video_id=vid,
                        start=starts[first],
                        end=ends[last],
                        sentence=' '.join(texts[first : last + 1]),
                    )
                )

    with open(osp.join(root, 'caption.pickle'), 'wb') as f:
        pickle.dump(captions, f)
    for name, table in (('HowTo100M_v1.csv', rows), ('test_clips.csv', test_rows)):
        with open(osp.join(root, name), 'w', newline='', encoding='utf-8') as f:
            writer = csv.DictWriter(f, fieldnames=list(table[0]))
            writer.writeheader()
            writer.writerows(table)
    return (
        f'{n_train} training videos ({n_train * captions_per_video} captions), '
        f'{len(test_rows)} test clips from {n_test} held-out videos'
    )
