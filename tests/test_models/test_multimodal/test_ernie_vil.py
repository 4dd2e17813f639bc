"""ERNIE-ViL: region embeddings, data layout, SGP masking, and the matching head learning."""

import numpy as np
import pytest
import torch

from mmblog.datasets.image_text import (
    ErnieVilCaptionDataset,
    RegionFeatureFormatError,
    RegionFeatureLMDB,
    ernie_vil_collate,
)
from mmblog.models.multimodal.ernie_vil import ErnieVil, RegionEmbeddings
from mmblog.testing.demo_data.ernie_vil_scenes import (
    make_ernie_vil_scenes_demo,
    write_oracle_region_features,
)

STEPS = 150
CIRCLE_STEPS = 200
ENCODER = dict(
    vocab_size=26,
    feat_dim=16,
    text_dims=32,
    image_dims=32,
    num_heads=2,
    text_ffn=64,
    image_ffn=64,
    num_text_layers=1,
    num_co_layers=1,
    fusion_dims=32,
    max_position_embeddings=40,
    dropout=0.0,
)


@pytest.fixture(scope='module')
def scenes(tmp_path_factory):
    out = tmp_path_factory.mktemp('evil')
    make_ernie_vil_scenes_demo(str(out), seed=1, n_train=120, n_val=30)
    root = out / 'ernie_vil_scenes'
    for split in ('train', 'val'):
        write_oracle_region_features(str(root), split, feat_dim=16, noise=0.05)
    return root


def _dataset(root, split, mode='pretrain'):
    return ErnieVilCaptionDataset(
        data_root=str(root),
        caption_file=f'captions_{split}.jsonl',
        feature_file=f'feats_oracle_{split}.lmdb',
        tokenizer=dict(type='WordPieceTokenizer', vocab_file='vocab.txt'),
        mode=mode,
    )


def test_img_token_is_the_mean_region_with_the_whole_image_box():
    torch.manual_seed(0)
    emb = RegionEmbeddings(feat_dim=4, embed_dims=8, dropout=0.0)
    feats, locs = torch.randn(1, 3, 4), torch.rand(1, 3, 5)
    mask = torch.tensor([[True, True, False]])
    x, m = emb(feats, locs, mask)
    assert m.tolist() == [[True, True, True, False]]
    mean = feats[:, :2].mean(1)
    whole = torch.tensor([[0.0, 0.0, 1.0, 1.0, 1.0]])
    direct = emb.feat_norm(emb.feat_fc(mean)) + emb.loc_norm(emb.loc_fc(whole))
    torch.testing.assert_close(x[:, 0], direct)


def test_caption_items_carry_graph_spans_and_regions(scenes):
    ds = _dataset(scenes, 'train')
    item = ds[0]
    tok = ds.tokenizer
    words = tok.convert_ids_to_tokens(item['input_ids'])
    assert words[0] == '[CLS]' and words[-1] == '[SEP]'
    kinds = {k for k, _ in item['graph_spans']}
    assert kinds == {0, 1, 2}
    rel = [pos for k, pos in item['graph_spans'] if k == 2][0]
    assert ' '.join(words[p] for p in rel) in ('left of', 'right of', 'above', 'below')
    assert item['features'].shape[1] == 16 and item['locations'].shape[1] == 5
    assert (item['locations'][:, :4] <= 1).all() and (item['locations'] >= 0).all()
    batch = ernie_vil_collate([ds[0], ds[1], ds[2]])
    assert batch['inputs']['region_feats'].shape[0] == 3
    # the caption's image travels with it (drawn by tools/test.py --show-dir)
    names = batch['data_samples']['file_name']
    assert names == [ds[i]['file_name'] for i in range(3)]
    assert all((scenes / 'train' / n).is_file() for n in names)
    cloze = _dataset(scenes, 'val', 'cloze')
    assert len(cloze) > len(_dataset(scenes, 'val'))  # one item per graph element


def test_sgp_masks_whole_elements_and_only_positive_pairs(scenes):
    ds = _dataset(scenes, 'train')
    batch = ernie_vil_collate([ds[i] for i in range(16)])
    model = ErnieVil(ENCODER, tasks=dict(sgp=1, itm=1), num_region_classes=4, sgp_prob=1.0)
    inputs, samples = batch['inputs'], batch['data_samples']
    gen = torch.Generator().manual_seed(0)
    neg_inputs, label = model._itm_negatives(inputs, samples, gen)
    assert 0 < int(label.sum()) < 16
    sgp, mlm = model._text_masks(inputs, samples, torch.Generator().manual_seed(0))
    assert not mlm.any()
    for i, spans in enumerate(samples['graph_spans']):
        expect = sorted(p for _, pos in spans for p in pos)
        assert torch.where(sgp[i])[0].tolist() == expect
    losses = model.loss(inputs, samples)
    assert set(losses) == {'loss_sgp', 'loss_itm'}


def test_bad_feature_records_get_one_line(tmp_path):

    db = RegionFeatureLMDB(str(tmp_path / 'f.lmdb'), write=True)
    db.put_many([('7', 10, 20, np.zeros((2, 4)), np.zeros((2, 3)), np.zeros((2, 2)))])
    db.put_many([('9', 10, 20, np.zeros((1, 4)), np.zeros((1, 3)), np.zeros((1, 2)))])
    with db.env.begin(write=True) as txn:  # a record a hostile writer replaced
        txn.put(b'9', b'cos\nsystem\n(S"echo hi"\ntR.')
    db.close()
    db = RegionFeatureLMDB(str(tmp_path / 'f.lmdb'))
    assert db.get('7')['features'].shape == (2, 3) and '7' in db and len(db) == 2
    with pytest.raises(RegionFeatureFormatError, match='record 8: no such image id'):
        db.get('8')
    with pytest.raises(RegionFeatureFormatError, match='record 9: refuses to load global'):
        db.get('9')


def _train_itm(model, train, steps: int, batch_size: int) -> list[float]:
    """Adam 1e-3 on the ITM loss over seeded random batches; the loss of every step."""
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    rng = np.random.default_rng(0)
    losses = []
    for _ in range(steps):
        picks = rng.choice(len(train), batch_size, replace=False)
        batch = ernie_vil_collate([train[i] for i in picks])
        loss = model.loss(batch['inputs'], batch['data_samples'])['loss_itm']
        opt.zero_grad()
        loss.backward()
        opt.step()
        losses.append(loss.item())
    return losses


def _match_auc(model, ds) -> float:
    """Share of held-out captions scored higher with their own image than with another's."""
    items = [ds[i] for i in range(len(ds))]
    n = len(items)

    def other(i: int) -> dict:  # the first caption half the set away whose image differs
        js = range(i + n // 2, i + n + n // 2)
        return items[next(j % n for j in js if items[j % n]['image_id'] != items[i]['image_id'])]

    keys = ('features', 'locations', 'cls_prob')
    swapped = [dict(x, **{k: other(i)[k] for k in keys}) for i, x in enumerate(items)]
    model.eval()
    own = model.match_scores(ernie_vil_collate(items)['inputs'])
    return float((own > model.match_scores(ernie_vil_collate(swapped)['inputs'])).float().mean())


@pytest.mark.slow
def test_matching_head_learns_to_tell_a_captions_image_from_others(scenes):
    """ITM from scratch on a tiny set: held-out own-vs-other ranking clearly above 50%."""

    torch.manual_seed(0)
    train, val = _dataset(scenes, 'train'), _dataset(scenes, 'val')
    model = ErnieVil(ENCODER, tasks=dict(itm=1), num_region_classes=4)
    before = _match_auc(model, val)
    model.train()
    _train_itm(model, train, STEPS, batch_size=32)
    after = _match_auc(model, val)
    print(f'held-out own-image-first: {before:.3f} before, {after:.3f} after {STEPS} steps')
    assert after > 0.75 and after > before + 0.15


def test_circle_retrieval_negatives_skip_same_image_rows_and_match_the_loss(scenes):
    torch.manual_seed(0)
    ds = _dataset(scenes, 'train')
    batch = ernie_vil_collate([ds[i] for i in range(6)])
    ids = batch['data_samples']['image_id']
    model = ErnieVil(
        ENCODER,
        tasks=dict(itm=1),
        num_region_classes=4,
        retrieval_loss='circle',
        retrieval_negatives=8,
    )
    idx, ok = model._draw_negatives(batch['data_samples'], 6, 'cpu')
    assert idx.shape == ok.shape == (6, 8)
    for i in range(6):
        picked = idx[i][ok[i]].tolist()
        assert len(picked) == len(set(picked)) == sum(ids[j] != ids[i] for j in range(6))
        assert all(ids[j] != ids[i] for j in picked)
    # The training loss is the circle loss of each pair's matching score (sigmoid of the score
    # match_scores ranks by) vs. its negatives'; the loss module records what it was given.
    seen = {}
    loss_fn = model.circle_loss

    def record(module, args, kwargs, out):
        seen.update(pos=args[0].detach(), neg=args[1].detach(), mask=kwargs['neg_mask'])

    loss_fn.register_forward_hook(record, with_kwargs=True)
    torch.manual_seed(1)
    loss = model.loss(batch['inputs'], batch['data_samples'])['loss_itm']
    torch.manual_seed(1)
    idx, ok = model._draw_negatives(batch['data_samples'], 6, 'cpu')
    model.eval()
    keys = ('features', 'locations', 'cls_prob')
    s = torch.stack(
        [
            torch.sigmoid(
                model.match_scores(
                    ernie_vil_collate(
                        [ds[i]] + [dict(ds[i], **{k: ds[int(j)][k] for k in keys}) for j in idx[i]]
                    )['inputs']
                )
            )
            for i in range(6)
        ]
    )
    assert torch.equal(seen['mask'], ok)
    torch.testing.assert_close(seen['pos'], s[:, :1], rtol=1e-4, atol=1e-6)
    torch.testing.assert_close(seen['neg'][ok], s[:, 1:][ok], rtol=1e-4, atol=1e-6)
    expected = loss_fn(s[:, :1], s[:, 1:], neg_mask=ok)
    assert loss.item() == pytest.approx(expected.item(), rel=1e-4)
    # Both sides: the caption against K other images and the image against K other captions.
    both = ErnieVil(
        ENCODER,
        tasks=dict(itm=1),
        num_region_classes=4,
        retrieval_loss='circle',
        retrieval_negatives=3,
        retrieval_negative_side='both',
    )
    both.circle_loss.register_forward_hook(record, with_kwargs=True)
    both.loss(batch['inputs'], batch['data_samples'])['loss_itm'].backward()
    assert seen['neg'].shape == (6, 6) and seen['mask'].shape == (6, 6)
    assert both.itm_head.weight.grad.abs().sum() > 0
    assert ErnieVil(ENCODER, tasks=dict(itm=1), num_region_classes=4).retrieval_loss == 'softmax'
    with pytest.raises(ValueError, match="unknown retrieval_loss 'triplet'"):
        ErnieVil(ENCODER, tasks=dict(itm=1), num_region_classes=4, retrieval_loss='triplet')


@pytest.mark.slow
def test_circle_loss_retrieval_option_learns_to_rank_a_captions_own_image_first(scenes):
    """Circle-loss fine-tuning from scratch on a tiny set: loss falls, own-image-first > 0.75."""

    torch.manual_seed(0)
    train, val = _dataset(scenes, 'train'), _dataset(scenes, 'val')
    model = ErnieVil(
        ENCODER,
        tasks=dict(itm=1),
        num_region_classes=4,
        retrieval_loss='circle',
        retrieval_negatives=7,
    )
    before = _match_auc(model, val)
    model.train()
    losses = _train_itm(model, train, CIRCLE_STEPS, batch_size=8)
    after = _match_auc(model, val)
    first, last = np.mean(losses[:20]), np.mean(losses[-20:])
    print(f'circle: loss {first:.3f} -> {last:.3f}; own-image-first {before:.3f} -> {after:.3f}')
    assert last < 0.92 * first
    assert after > 0.75 and after > before + 0.15
