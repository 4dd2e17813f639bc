import pytest
import torch

from mmblog.datasets.video_text import TVQADataset, TVRDataset, VideoSubtitleDataset, hero_collate
from mmblog.models.multimodal import HERO
from mmblog.testing.demo_data import make_tv_demo

ENC = dict(
    feat_dim=32,
    vocab_size=81,
    pad_token_id=0,
    embed_dims=32,
    num_heads=2,
    feedforward_channels=64,
    num_cross_layers=1,
    num_temporal_layers=1,
    dropout=0.0,
)


@pytest.fixture(scope='module')
def tv(tmp_path_factory):
    out = tmp_path_factory.mktemp('tv')
    make_tv_demo(str(out), n_train=6, n_val=3)
    root = str(out / 'tv')
    args = dict(
        data_root=root,
        feature_dir='video_feats',
        id2nframe='id2nframe.json',
        subtitle_file='subtitles.jsonl',
        tokenizer=dict(type='WordPieceTokenizer', vocab_file='vocab.txt'),
    )
    return root, args


def _batch(ds, n=4):
    return hero_collate([ds[i] for i in range(n)])


def test_segments_follow_the_subtitles(tv):
    _, args = tv
    ds = VideoSubtitleDataset(**args)
    item = ds[0]
    frames = sorted(f for s in item['segments'] for f in s['frames'])
    assert frames == list(range(len(item['frames'])))  # every frame in exactly one segment
    subs = ds.subtitles[item['vid']]
    text_segs = [s for s in item['segments'] if s['tokens']]
    assert len(text_segs) == len(subs)
    assert ds.tokenizer.decode(text_segs[0]['tokens']) == subs[0][0]


def test_cross_modal_stage_is_local_to_each_subtitle(tv):
    _, args = tv
    torch.manual_seed(0)
    model = HERO(ENC, tasks=dict(mlm=1)).eval()
    batch = _batch(VideoSubtitleDataset(**args), 2)['inputs']
    out = model.encoder(batch)
    changed = dict(batch, seg_tokens=batch['seg_tokens'].clone())
    changed['seg_tokens'][0] = 5  # the first subtitle of video 0 says something else
    out2 = model.encoder(changed)
    first = batch['seg_frames'][0][batch['seg_frames'][0] >= 0]
    others = [f for f in range(batch['frames'].shape[1]) if f not in first.tolist()]
    vc, vc2 = out['v_cross'][0], out2['v_cross'][0]
    assert not torch.allclose(vc[first], vc2[first])
    torch.testing.assert_close(vc[others], vc2[others])
    assert not torch.allclose(out['v_temp'][0, others], out2['v_temp'][0, others])  # temporal
    torch.testing.assert_close(out['v_temp'][1], out2['v_temp'][1])  # other video untouched


def test_masked_frames_hide_their_features(tv):
    _, args = tv
    model = HERO(ENC, tasks=dict(mnce=1)).eval()
    batch = _batch(VideoSubtitleDataset(**args), 2)['inputs']
    masked = torch.zeros_like(batch['frame_mask'])
    masked[0, 2] = True
    noisy = dict(batch, frames=batch['frames'].clone())
    noisy['frames'][0, 2] += 100
    torch.testing.assert_close(
        model.encoder(batch, frame_masked=masked)['v_temp'],
        model.encoder(noisy, frame_masked=masked)['v_temp'],
    )


@pytest.mark.parametrize('task', ['mlm', 'mffr', 'mnce', 'vsm', 'fom'])
def test_each_pretraining_task_trains_and_reports(tv, task):
    _, args = tv
    torch.manual_seed(0)
    model = HERO(ENC, tasks={task: 1})
    batch = _batch(VideoSubtitleDataset(**args))
    losses = model(batch['inputs'], batch['data_samples'], mode='loss')
    assert list(losses) == [f'loss_{task}']
    losses[f'loss_{task}'].backward()
    assert model.encoder.frame_embeddings.fc.weight.grad.abs().sum() > 0
    stats = model(batch['inputs'], batch['data_samples'], mode='predict')[0]
    for name, s in stats.items():
        assert name.startswith(task) and 0 <= s['correct'] <= s['total'] and s['chance'] > 0


def test_ratio_sampling_picks_one_task_per_step(tv):
    _, args = tv
    model = HERO(ENC, tasks=dict(mlm=2, mnce=2, fom=1, vsm=2), task_sampling='ratio')
    batch = _batch(VideoSubtitleDataset(**args))
    torch.manual_seed(0)
    seen = {
        next(iter(model(batch['inputs'], batch['data_samples'], mode='loss'))) for _ in range(12)
    }
    assert len(seen) >= 3
    with pytest.raises(ValueError, match='unknown HERO tasks'):
        HERO(ENC, tasks=dict(itm=1))


def test_vsm_span_is_the_query_subtitles_frames(tv):
    _, args = tv
    model = HERO(ENC, tasks=dict(vsm=1))
    batch = _batch(VideoSubtitleDataset(**args))['inputs']
    seg = model._query_segments(batch, torch.Generator().manual_seed(0))
    span = model._span_of_segments(batch, seg)
    t = batch['frames'].shape[1]
    for b, n in enumerate(seg.tolist()):
        frames = batch['seg_frames'][n][batch['seg_frames'][n] >= 0] - b * t
        assert batch['seg_video'][n] == b and batch['seg_token_mask'][n].any()
        assert span[b].tolist() == [frames.min().item(), frames.max().item()]


def test_tvr_and_qa_heads(tv):
    _, args = tv
    model = HERO(ENC, tasks=dict(tvr=1, qa=1))
    tvr = TVRDataset(ann_file='tvr_val.jsonl', split='val', corpus=True, **args)
    assert len(tvr) == 3 * 6 * 3  # queries x corpus videos
    b = _batch(tvr, 3)
    assert model(b['inputs'], b['data_samples'], mode='loss')['loss_tvr'].isfinite()
    with torch.no_grad():
        preds = model(b['inputs'], b['data_samples'], mode='predict')
    assert len(preds) == 3 and preds[0]['target'][0] == tvr.get_data_info(0)['vid_name']
    assert all(0 <= st < ed for st, ed, _ in preds[0]['spans'])
    qa = TVQADataset(ann_file='tvqa_val.jsonl', **args)
    b = _batch(qa, 3)
    assert b['inputs']['option_tokens'].shape[:2] == (3, 5)
    assert model(b['inputs'], b['data_samples'], mode='loss')['loss_qa'].isfinite()
    assert model(b['inputs'], b['data_samples'], mode='predict')[0]['qa']['chance'] == 3 / 5


def test_flat_encoder_refuses_frame_reordering(tv):
    _, args = tv
    model = HERO(dict(ENC, hierarchical=False), tasks=dict(mlm=1))
    batch = _batch(VideoSubtitleDataset(**args))
    assert model(batch['inputs'], batch['data_samples'], mode='loss')['loss_mlm'].isfinite()
    with pytest.raises(ValueError, match='needs the hierarchical encoder'):
        model.encoder(batch['inputs'], reorder=torch.zeros_like(batch['inputs']['seg_video']))


def test_query_for_a_video_without_features(tv, tmp_path):
    root, args = tv
    import shutil

    dst = tmp_path / 'tv'
    shutil.copytree(root, dst)
    (dst / 'video_feats' / 'tv_0006.npz').unlink()
    (dst / 'id2nframe.json').write_text('{}')
    with pytest.raises(
        ValueError,
        match=r'tvr_val.jsonl: desc_id \d+: video tv_0006: no '
        'features',
    ):
        TVRDataset(**dict(args, data_root=str(dst)), ann_file='tvr_val.jsonl', split='val')
