import io
import json

import numpy as np
import pytest

from mmblog.datasets.video_text import (
    VideoFeatureStore,
    VideoTextFormatError,
    assign_frames,
    load_subtitles,
    load_tvqa,
    load_tvr,
    time_to_frames,
)


def _jsonl(path, rows):
    path.write_text(''.join(json.dumps(r) + '\n' for r in rows))
    return str(path)


def test_feature_store_npz_lmdb_and_errors(tmp_path):
    feats = np.arange(12, dtype=np.float32).reshape(6, 2)
    np.savez(tmp_path / 'v1.npz', features=feats)
    np.savez(tmp_path / 'v2.npz', other=feats)
    store = VideoFeatureStore(str(tmp_path), max_frames=4)
    np.testing.assert_array_equal(store.get('v1'), feats[:4])
    with pytest.raises(VideoTextFormatError, match=r"v2.npz: video v2: field 'features' missing"):
        store.get('v2')
    with pytest.raises(VideoTextFormatError, match='v3.npz: video v3: no features'):
        store.get('v3')
    (tmp_path / 'id2nframe.json').write_text(json.dumps({'v1': 6}))
    listed = VideoFeatureStore(str(tmp_path), str(tmp_path / 'id2nframe.json'))
    assert listed.has('v1') and not listed.has('v2')

    import lmdb

    env = lmdb.open(str(tmp_path / 'db'), map_size=1 << 20)
    buf = io.BytesIO()
    np.savez(buf, features=feats)
    with env.begin(write=True) as txn:
        txn.put(b'v1', buf.getvalue())
    env.close()
    db = VideoFeatureStore(str(tmp_path / 'db'), use_lmdb=True)
    np.testing.assert_array_equal(db.get('v1'), feats)
    assert not db.has('v9')
    with pytest.raises(VideoTextFormatError, match=r'db\[v9\]: video v9: no features'):
        db.get('v9')


def test_subtitles_sorted_and_end_before_start(tmp_path):
    path = _jsonl(
        tmp_path / 's.jsonl',
        [
            dict(
                vid_name='a',
                sub=[dict(text='two', start=3.0, end=4.0), dict(text='one', start=0.0, end=2.5)],
            )
        ],
    )
    assert load_subtitles(path) == {'a': [('one', 0.0, 2.5), ('two', 3.0, 4.0)]}
    bad = _jsonl(
        tmp_path / 'b.jsonl',
        [dict(vid_name='a', sub=[]), dict(vid_name='b', sub=[dict(text='x', start=5.0, end=4.0)])],
    )
    with pytest.raises(VideoTextFormatError) as e:
        load_subtitles(bad)
    assert str(e.value) == f'{bad}: line 2 (video b): sub 0: end 4.0 < start 5.0'


def test_tvr_and_tvqa_fields(tmp_path):
    good = dict(desc_id=7, desc='q', vid_name='a', duration=9.0, ts=[1, 2], type='v')
    assert load_tvr(_jsonl(tmp_path / 'ok.jsonl', [good]))[0]['ts'] == [1.0, 2.0]
    path = _jsonl(tmp_path / 't.jsonl', [good, {k: v for k, v in good.items() if k != 'ts'}])
    with pytest.raises(
        VideoTextFormatError,
        match=r"t.jsonl: line 2 \(id 7\): field 'ts' "
        'missing',
    ):
        load_tvr(path)
    path = _jsonl(tmp_path / 'r.jsonl', [dict(good, ts=[3, 1])])
    with pytest.raises(VideoTextFormatError, match="field 'ts': end 1 < start 3"):
        load_tvr(path)
    qa = dict(
        qid=3, q='?', a0='x', a1='y', a2='z', a3='w', a4='v', answer_idx=5, ts=[0, 1], vid_name='a'
    )
    with pytest.raises(VideoTextFormatError, match=r"line 1 \(id 3\): field 'answer_idx' 5"):
        load_tvqa(_jsonl(tmp_path / 'q.jsonl', [qa]))
    qa4 = {k: v for k, v in qa.items() if k != 'a4'}
    assert load_tvqa(_jsonl(tmp_path / 'h.jsonl', [dict(qa4, answer_idx=3)]), num_options=4)
    with pytest.raises(VideoTextFormatError, match="field 'a4' missing"):
        load_tvqa(_jsonl(tmp_path / 'h.jsonl', [dict(qa4, answer_idx=3)]))


def test_frames_go_to_the_subtitle_with_the_highest_iou():
    # frames of 1.5 s: [0,1.5] [1.5,3] [3,4.5] [4.5,6] [6,7.5]
    spans = [(0.0, 2.0), (2.5, 4.6), (7.0, 7.2)]
    # frame 1 [1.5,3]: IoU 0.5/3 with sub 0, 0.5/3 with sub 1 -> tie, the earlier wins;
    # frame 3 [4.5,6]: 0.1/1.6 with sub 1; frame 4 [6,7.5]: 0.2/1.5 with sub 2.
    assert assign_frames(spans, 5, 1.5).tolist() == [0, 0, 1, 1, 2]
    assert assign_frames([(0.0, 1.0)], 3, 1.5).tolist() == [0, -1, -1]
    assert assign_frames([], 2, 1.5).tolist() == [-1, -1]
    assert time_to_frames(1.6, 4.4, 1.5, 10) == (1, 2)
    assert time_to_frames(3.0, 3.0, 1.5, 10) == (2, 2)
    assert time_to_frames(30.0, 40.0, 1.5, 10) == (9, 9)
