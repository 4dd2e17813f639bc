import pytest
import torch

from mmblog.datasets.graph import MovieLensDataset, graph_collate, read_ratings
from mmblog.testing.demo_data import make_movielens_demo


def test_reads_demo_split_and_builds_subgraph_samples(tmp_path):
    make_movielens_demo(str(tmp_path), num_users=40, num_items=50, density=0.2)
    root = tmp_path / 'ml-100k'
    train = MovieLensDataset(str(root), split='train', cache_dir=str(tmp_path / 'cache'))
    test = MovieLensDataset(str(root), split='test')
    n_all = len(read_ratings(str(root / 'u.data')))
    assert len(train) + len(test) == n_all
    item = train[0]
    data = item['inputs']
    assert data.x.shape[1] == 4 and data.x[:, 0].sum() == 1 and data.x[:, 1].sum() == 1
    assert data.edge_index.shape[1] == len(data.edge_type)
    assert float(data.y) == float(item['data_samples'].gt_rating)
    # The cache is reused: a second dataset reads the same tensors back.
    again = MovieLensDataset(str(root), split='train', cache_dir=str(tmp_path / 'cache'))
    assert torch.equal(again.sub['node_id'], train.sub['node_id'])
    assert train.sub['node_id'].dtype == torch.int16 and train.sub['node_label'].dtype == torch.int8
    batch = graph_collate([train[k] for k in range(5)])
    assert batch['inputs'].num_graphs == 5


def test_bad_line_is_one_error(tmp_path):
    (tmp_path / 'u1.base').write_text('1\t2\t5\t100\n3\tx\t4\t101\n')
    (tmp_path / 'u1.test').write_text('1\t2\t5\t100\n')
    with pytest.raises(ValueError, match=r"u1.base:2: field 'item' is not a number: 'x'"):
        MovieLensDataset(str(tmp_path))
    with pytest.raises(FileNotFoundError, match='make_demo_data.py --only movielens'):
        MovieLensDataset(str(tmp_path / 'nowhere'))


def test_ml1m_ratings_dat_and_random_split(tmp_path):
    (tmp_path / 'ratings.dat').write_text(
        ''.join(
            f'{u}::{i}::{1 + (u + i) % 5}::97830{u}\n' for u in range(1, 9) for i in range(1, 7)
        )
    )
    tr = MovieLensDataset(str(tmp_path), 'train', 'ratings.dat', None, test_ratio=0.25)
    te = MovieLensDataset(str(tmp_path), 'test', 'ratings.dat', None, test_ratio=0.25)
    assert (len(tr), len(te)) == (36, 12)


def test_other_folds_sparsity_ratio_and_rating_classes(tmp_path):
    lines = [f'{u}\t{i}\t{1 + (u * i) % 5}\t0\n' for u in range(1, 11) for i in range(1, 9)]
    (tmp_path / 'u3.base').write_text(''.join(lines[:64]))
    (tmp_path / 'u3.test').write_text(''.join(lines[64:]))
    full = MovieLensDataset(str(tmp_path), 'train', 'u3.base', 'u3.test')
    half = MovieLensDataset(str(tmp_path), 'train', 'u3.base', 'u3.test', sparsity_ratio=0.5)
    test = MovieLensDataset(str(tmp_path), 'test', 'u3.base', 'u3.test', sparsity_ratio=0.5)
    assert (len(full), len(half), len(test)) == (64, 32, 16)
    assert int(half.graph.u_ptr[-1]) == 32  # the training graph itself is thinned
    two = MovieLensDataset(str(tmp_path), 'train', 'u3.base', 'u3.test', num_rating_classes=2)
    # 5 sorted values -> classes 0,0,0,1,1 (value index * 2 // 5)
    cls = set(two.graph.u_val.tolist())
    assert cls == {0, 1} and two.num_rating_classes == 2


def test_resample_each_epoch_draws_new_capped_samples_reproducibly(tmp_path):
    # Every user rates every item: all 1-hop fringes exceed the cap of 3, so sampling shows.
    lines = [f'{u}\t{i}\t{1 + (u + i) % 5}\t0\n' for u in range(1, 13) for i in range(1, 11)]
    (tmp_path / 'u1.base').write_text(''.join(lines[:100]))
    (tmp_path / 'u1.test').write_text(''.join(lines[100:]))
    kw = dict(max_nodes_per_hop=3, cache_dir=str(tmp_path / 'cache'))
    ds = MovieLensDataset(str(tmp_path), 'train', resample_each_epoch=True, **kw)
    fixed = MovieLensDataset(str(tmp_path), 'train', **kw)
    epoch0 = ds.sub['node_id'].clone()
    ds.set_epoch(1)
    # Same subgraph sizes (1 + 1 targets + 3 + 3 sampled), other nodes; targets stay first.
    assert torch.equal(ds.sub['node_ptr'], fixed.sub['node_ptr'])
    assert not torch.equal(ds.sub['node_id'], epoch0)
    assert torch.equal(ds.sub['node_label'], fixed.sub['node_label'])
    epoch1 = ds.sub['node_id'].clone()
    ds.set_epoch(2)
    assert not torch.equal(ds.sub['node_id'], epoch1)
    ds.set_epoch(1)  # a resumed run sees the same epoch-1 samples
    assert torch.equal(ds.sub['node_id'], epoch1)
    ds.set_epoch(0)
    assert torch.equal(ds.sub['node_id'], epoch0)
    fixed.set_epoch(3)  # without the option the cached samples stay
    assert torch.equal(fixed.sub['node_id'], epoch0)
    assert ds[5]['inputs'].num_nodes == 8
