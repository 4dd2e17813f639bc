"""MovieLens ratings as IGMC samples: one enclosing subgraph per (user, item) rating."""

import hashlib
import os
import os.path as osp
import time

import torch
import torch.nn.functional as F
from mmengine.logging import print_log
from torch.utils.data import Dataset
from torch_geometric.data import Data

from mmblog.registry import DATASETS
from mmblog.structures import GraphDataSample

from .enclosing_subgraphs import BipartiteCSR, extract_all, subgraph_edges
from .rating_io import read_ratings


@DATASETS.register_module()
class MovieLensDataset(Dataset):
    """Ratings of a train/test file pair (ML-100K ``u1.base``/``u1.test`` ... ``u5``, or any
    ``user item rating`` files; ML-1M ``ratings.dat`` with ``test_ratio``), each rating one sample:
    its h-hop enclosing subgraph in the *training* rating graph with the target rating removed.

    Users and items are indexed over both files (as the IGMC reference does); the edge type of a
    rating is its index among the sorted distinct training rating values.

    Every item is ``{'inputs': Data(x one-hot node labels, edge_index both directions, edge_type,
    y rating), 'data_samples': GraphDataSample(gt_rating)}``; collate with ``graph_collate``.

    Args:
        data_root: Folder of the rating files.
        split: ``'train'`` or ``'test'``.
        train_file / test_file: File names. ``test_file=None`` splits ``train_file`` randomly
            with ``test_ratio`` (ML-1M's protocol in the IGMC paper: 90/10).
        hop: h of the enclosing subgraphs.
        max_nodes_per_hop: Users and items sampled per hop (200 for ML-100K, 100 for ML-1M).
        sparsity_ratio: Keep this fraction of the training ratings (the sparsity study).
        seed: Sampling and splitting seed.
        num_workers: Extraction processes (0: in this process).
        cache_dir: Where the extracted subgraphs are saved and reused (None: no cache). Only
            the sampled nodes are stored (int16/int32 ids, int8 labels: ~50 MB for ML-100K u1);
            the ratings among them are looked up again per item.
        num_rating_classes: Map the sorted rating values onto this many edge types (transfer
            between rating scales; None: one type per value).
        resample_each_epoch: Draw new per-hop samples every epoch (the reference's
            ``--dynamic-train``, which extracts each training subgraph when it is loaded): call
            :meth:`set_epoch`, as ``DatasetEpochHook`` does. Epoch 0 uses the cached samples;
            epoch e re-extracts the nodes with a seed of its own (1.7 s for ML-100K u1), so a
            resumed run sees the same subgraphs.
    """

    METAINFO = dict(task='rating')

    def __init__(
        self,
        data_root: str,
        split: str = 'train',
        train_file: str = 'u1.base',
        test_file: str | None = 'u1.test',
        test_ratio: float = 0.1,
        hop: int = 1,
        max_nodes_per_hop: int | None = 200,
        sparsity_ratio: float = 1.0,
        seed: int = 0,
        num_workers: int = 0,
        cache_dir: str | None = None,
        num_rating_classes: int | None = None,
        resample_each_epoch: bool = False,
    ):
        if split not in ('train', 'test'):
            raise ValueError(f"split must be 'train' or 'test', got {split!r}")
        self.split, self.hop = split, hop
        train_path = osp.join(data_root, train_file)
        train, test = self._read_splits(data_root, train_file, test_file, test_ratio, seed)
        if sparsity_ratio < 1.0:
            g = torch.Generator().manual_seed(seed + 1)
            keep = torch.randperm(len(train), generator=g)[: int(sparsity_ratio * len(train))]
            train = train[keep.sort().values]
        users, u_inv = torch.unique(torch.cat([train[:, 0], test[:, 0]]), return_inverse=True)
        items, i_inv = torch.unique(torch.cat([train[:, 1], test[:, 1]]), return_inverse=True)
        self.rating_values = torch.unique(train[:, 2])
        n_tr = len(train)
        rating_cls = torch.searchsorted(self.rating_values, train[:, 2].contiguous())
        if num_rating_classes is not None:
            # Rating-scale mapping for transfer (the reference's post_rating_map): the k-th of n
            # sorted rating values becomes class k * C // n, e.g. Flixster's 0.5..5 -> 5 classes.
            rating_cls = rating_cls * num_rating_classes // len(self.rating_values)
        self.num_rating_classes = num_rating_classes or len(self.rating_values)
        self.graph = BipartiteCSR.from_ratings(
            u_inv[:n_tr], i_inv[:n_tr], rating_cls, len(users), len(items)
        )
        sel = slice(0, n_tr) if split == 'train' else slice(n_tr, None)
        self.pairs = torch.stack([u_inv[sel], i_inv[sel]], 1)
        self.ratings = (train if split == 'train' else test)[:, 2].float()
        self.num_node_labels = 2 * hop + 2
        key = f'{train_path}|{test_file}|{test_ratio}|{hop}|{max_nodes_per_hop}|'
        key += f'{sparsity_ratio}|{seed}|{split}|{os.path.getsize(train_path)}|nodes-v2'
        key += f'|{type(self).__name__}'
        self._extract_args = dict(
            hop=hop, max_nodes_per_hop=max_nodes_per_hop, num_workers=num_workers, edges=False
        )
        self._seed, self._epoch = seed + (split == 'test'), 0
        self.resample_each_epoch = resample_each_epoch
        self.sub = self._load_or_extract(
            cache_dir,
            key,
            lambda: extract_all(self.graph, self.pairs, seed=self._seed, **self._extract_args),
        )

    def set_epoch(self, epoch: int) -> None:
        """Resample every subgraph's nodes for ``epoch`` (only with ``resample_each_epoch``)."""
        if not self.resample_each_epoch or epoch == self._epoch:
            return
        # Chunk k of an extraction uses seed + k: epochs a million seeds apart never share one.
        seed = self._seed + 1_000_000 * epoch
        start = time.perf_counter()
        self.sub = extract_all(
            self.graph, self.pairs, seed=seed, progress=False, **self._extract_args
        )
        self._epoch = epoch
        took = time.perf_counter() - start
        print_log(f'resampled {len(self)} subgraphs for epoch {epoch} in {took:.1f} s', 'current')

    def _read_splits(self, data_root, train_file, test_file, test_ratio, seed):
        """(train, test) float64 (n, 3) tensors of (user, item, rating)."""
        train = read_ratings(osp.join(data_root, train_file))
        if test_file is None:
            perm = torch.randperm(len(train), generator=torch.Generator().manual_seed(seed))
            n_test = int(round(test_ratio * len(train)))
            return train[perm[n_test:]], train[perm[:n_test]]
        return train, read_ratings(osp.join(data_root, test_file))

    @staticmethod
    def _load_or_extract(cache_dir, key, extract) -> dict:
        if cache_dir is None:
            return extract()
        path = osp.join(cache_dir, hashlib.sha1(key.encode()).hexdigest()[:16] + '.pt')
        if osp.isfile(path):
            # Tensors only: weights_only refuses anything that would run code.
            return torch.load(path, weights_only=True)
        sub = extract()
        os.makedirs(cache_dir, exist_ok=True)
        tmp = path + '.tmp'
        torch.save(sub, tmp)
        os.replace(tmp, path)  # nothing half-written under the final name
        return sub

    def __len__(self) -> int:
        return len(self.pairs)

    def __getitem__(self, idx: int) -> dict:
        s = self.sub
        n0, n1 = int(s['node_ptr'][idx]), int(s['node_ptr'][idx + 1])
        label = s['node_label'][n0:n1]
        # The cache holds the sampled nodes only (a few bytes per node); the ratings among them
        # are one dense-block lookup, far cheaper than storing ~4000 edges per subgraph.
        e, t = subgraph_edges(self.graph, s['node_id'][n0:n1].numpy(), label.numpy())
        e, t = torch.from_numpy(e), torch.from_numpy(t)
        x = F.one_hot(label.long(), self.num_node_labels).float()
        rating = self.ratings[idx]
        data = Data(
            x=x,
            edge_index=torch.cat([e, e.flip(0)], 1),
            edge_type=torch.cat([t, t]),
            y=rating.view(1),
            num_nodes=n1 - n0,
        )
        sample = GraphDataSample(metainfo=dict(split=self.split))
        sample.gt_rating = rating
        return dict(inputs=data, data_samples=sample)
