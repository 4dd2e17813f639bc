import os
import os.path as osp
import pickle
import shutil

import numpy as np
import pytest
import torch

from mmblog.datasets import HowTo100MDataset, IntraVideoBatchSampler
from mmblog.datasets.video_text import (
    VideoTextFormatError,
    load_caption_pickle,
    merge_captions,
    read_word2vec_bin,
    tokenize_words,
    write_word2vec_bin,
)
from mmblog.testing.demo_data import make_howto100m_demo


@pytest.fixture(scope='module')
def demo_root(tmp_path_factory):
    out = tmp_path_factory.mktemp('ht')
    make_howto100m_demo(str(out), n_train=12, n_test=4, captions_per_video=8, n_tasks=3)
    return osp.join(out, 'howto100m')


def test_word2vec_round_trip(tmp_path):
    words = ['pan', 'stir', 'Olive_oil', 'ñame']
    vecs = np.random.default_rng(0).normal(size=(4, 5)).astype(np.float32)
    path = str(tmp_path / 'w.bin')
    write_word2vec_bin(path, words, vecs)
    got_words, got = read_word2vec_bin(path)
    assert got_words == words
    np.testing.assert_array_equal(got, vecs)
    with open(path, 'rb') as f:
        data = f.read()
    (tmp_path / 'cut.bin').write_bytes(data[:-9])
    with pytest.raises(VideoTextFormatError, match=r'cut.bin: record 3 \(ñame\): vector'):
        read_word2vec_bin(str(tmp_path / 'cut.bin'))


def test_merge_captions_grows_towards_the_shorter_side():
    starts, ends = [0, 2, 3, 9, 10], [1, 3, 8, 10, 11]
    words = [['a'], ['b'], ['c'], ['d'], ['e']]
    # caption 1 (2-3 s): prev gives 0-3 (3 s), next 2-8 (6 s) -> prev; then only next: 0-8.
    assert merge_captions(starts, ends, words, 1, 5.0) == (0, 2, ['a', 'b', 'c'])
    assert merge_captions(starts, ends, words, 2, 5.0) == (2, 2, ['c'])  # already 5 s
    assert merge_captions(starts, ends, words, 4, 5.0) == (2, 4, ['c', 'd', 'e'])
    assert merge_captions(starts, ends, words, 0, 100.0) == (0, 4, list('abcde'))


def test_tokenize_drops_stop_words():
    assert tokenize_words("So then you'll Stir the sauce") == ["you'll", 'Stir', 'sauce']


def test_clip_vectors_match_a_direct_computation(demo_root):
    ds = HowTo100MDataset(data_root=demo_root)
    info = ds.get_data_info(5)
    assert info['end'] - info['start'] >= 5.0
    item = ds[5]
    f2 = np.load(osp.join(demo_root, 'features_2d', info['video_id'] + '.npy'))
    f3 = np.load(osp.join(demo_root, 'features_3d', info['video_id'] + '.npy'))
    p2 = f2[int(info['start']) : int(info['end']) + 1].max(0)
    p3 = f3[int(info['start'] * 1.5) : int(info['end'] * 1.5) + 1].max(0)
    expected = np.concatenate([p2 / np.linalg.norm(p2), p3 / np.linalg.norm(p3)])
    np.testing.assert_allclose(item['inputs']['video'].numpy(), expected, rtol=1e-5)
    words, vecs = read_word2vec_bin(osp.join(demo_root, 'word2vec.bin'))
    known = [w for w in info['words'] if w in words][:20]
    text = item['inputs']['text'].numpy()
    np.testing.assert_array_equal(text[: len(known)], vecs[[words.index(w) for w in known]])
    assert not text[len(known) :].any()
    test = HowTo100MDataset(data_root=demo_root, clip_list='test_clips.csv')
    assert (
        len(test) == 4 * 3
        and len(HowTo100MDataset(data_root=demo_root, data_fraction=0.5)) == len(ds) // 2
    )


def test_sampler_groups_videos_by_clips(demo_root):
    ds = HowTo100MDataset(data_root=demo_root)
    sampler = torch.utils.data.RandomSampler(ds)
    sampler.dataset = ds
    batches = list(IntraVideoBatchSampler(sampler, batch_size=12, clips_per_video=3, seed=0))
    assert len(batches) >= len(ds) // 4 - 2
    for batch in batches:
        vids = [ds.get_data_info(i)['video_index'] for i in batch]
        assert len(batch) == 12 and len(set(vids)) == 4
        assert all(vids[k] == vids[k - k % 3] for k in range(12))
    with pytest.raises(ValueError, match='multiple of clips_per_video'):
        IntraVideoBatchSampler(sampler, batch_size=10, clips_per_video=3)


def _copy_demo(demo_root, tmp_path):
    dst = tmp_path / 'ht'
    shutil.copytree(demo_root, dst)
    return str(dst)


def test_bad_inputs_give_one_line(demo_root, tmp_path):
    root = _copy_demo(demo_root, tmp_path)
    caps = load_caption_pickle(osp.join(root, 'caption.pickle'))
    vid = sorted(caps)[0]
    bad = dict(caps)
    bad[vid] = dict(caps[vid], text=caps[vid]['text'][:-1])
    with open(osp.join(root, 'caption.pickle'), 'wb') as f:
        pickle.dump(bad, f)
    with pytest.raises(VideoTextFormatError, match=f'record {vid}: start/end/text lengths') as e:
        HowTo100MDataset(data_root=root)
    assert '\n' not in str(e.value)

    bad[vid] = dict(caps[vid], end=[0.0] * len(caps[vid]['end']))
    with open(osp.join(root, 'caption.pickle'), 'wb') as f:
        pickle.dump(bad, f)
    with pytest.raises(VideoTextFormatError, match=f'record {vid}: caption 0: end 0.0 < start'):
        HowTo100MDataset(data_root=root)

    with open(osp.join(root, 'caption.pickle'), 'wb') as f:
        pickle.dump({vid: dict(start=[0], end=[1], text=[os.system])}, f)
    with pytest.raises(VideoTextFormatError, match='refuses to load global'):
        HowTo100MDataset(data_root=root)

    with open(osp.join(root, 'caption.pickle'), 'wb') as f:
        pickle.dump(caps, f)
    os.remove(osp.join(root, 'features_3d', f'{vid}.npy'))
    ds = HowTo100MDataset(data_root=root)
    idx = next(i for i in range(len(ds)) if ds.get_data_info(i)['video_id'] == vid)
    with pytest.raises(VideoTextFormatError, match=f'{vid}.npy: video {vid}: no features'):
        ds[idx]
