"""Citation graphs in the ``SparseGraph`` ``.npz`` layout of APPNP's reference code (Cora-ML,
CiteSeer, PubMed, MS-Academic), with the paper's split protocol."""

import os.path as osp
import zipfile

import numpy as np
import scipy.sparse as sp
import torch
from scipy.sparse.csgraph import connected_components
from torch_geometric.data import Data

from mmblog.registry import DATASETS
from mmblog.utils import DataFormatError, require_path

from .base_node_dataset import BaseNodeDataset
from .graph_io import index_to_mask

CSR_PARTS = ('data', 'indices', 'indptr', 'shape')
# The reference's fixed seed of the 1500 "known" nodes (the same in every run).
KNOWN_SEED = 4143496719
# The reference's 20 test split seeds (reproduce_results*.ipynb).
TEST_SPLIT_SEEDS = (
    2144199730, 794209841, 2985733717, 2282690970, 1901557222,
    2009332812, 2266730407, 635625077, 3538425002, 960893189,
    497096336, 3940842554, 3594628340, 948012117, 3305901371,
    3644534211, 2297033685, 4092258879, 2590091101, 1694925034,
)  # fmt: skip


def _csr(z, path: str, name: str) -> sp.csr_matrix:
    missing = [f'{name}.{p}' for p in CSR_PARTS if f'{name}.{p}' not in z.files]
    if missing:
        raise DataFormatError(
            f'{path}: record {name}, field {missing[0]}: missing key (the file has {z.files})'
        )
    parts = [z[f'{name}.{p}'] for p in CSR_PARTS]
    try:
        return sp.csr_matrix(tuple(parts[:3]), shape=tuple(parts[3]))
    except ValueError as exc:
        raise DataFormatError(f'{path}: record {name}, field data/indices/indptr: {exc}') from None


def read_sparse_graph_npz(path: str) -> tuple[sp.csr_matrix, sp.csr_matrix, np.ndarray]:
    """``(adjacency, attributes, labels)`` of a SparseGraph ``.npz``; object arrays are never
    unpickled (``allow_pickle=False``): only the CSR parts and ``labels`` are read."""
    require_path(
        path,
        'download the ppnp .npz files (klicperajo/ppnp, ppnp/data/) or run '
        '`python tools/misc/make_demo_data.py --only ppnp_npz` for the demo graph',
    )
    try:
        z = np.load(path, allow_pickle=False)
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        raise DataFormatError(
            f'{path}: record <archive>, field <zip>: unreadable ({exc})'
        ) from None
    with z:
        adj = _csr(z, path, 'adj_matrix')
        attr = _csr(z, path, 'attr_matrix')
        if 'labels' not in z.files:
            raise DataFormatError(f'{path}: record labels, field labels: missing key')
        try:
            labels = z['labels']
        except ValueError as exc:
            raise DataFormatError(f'{path}: record labels, field dtype: {exc}') from None
    n = adj.shape[0]
    if adj.shape != (n, n) or attr.shape[0] != n or labels.shape != (n,):
        raise DataFormatError(
            f'{path}: record adj_matrix/attr_matrix/labels, field shape: {adj.shape}, '
            f'{attr.shape}, {labels.shape} do not describe one graph of {n} nodes'
        )
    return adj, attr, labels.astype(np.int64)


def standardize(adj: sp.csr_matrix, select_lcc: bool = True) -> np.ndarray:
    """The reference's ``SparseGraph.standardize``: unweighted, undirected, no self-loops,
    largest connected component. Returns the kept node ids (ascending) and the adjacency."""
    a = adj.copy().tocsr()
    a.data = np.ones_like(a.data)
    a = ((a + a.T) > 0).astype(np.float32).tolil()
    a.setdiag(0)
    a = a.tocsr()
    a.eliminate_zeros()
    keep = np.arange(a.shape[0])
    if select_lcc:
        _, comp = connected_components(a)
        keep = np.flatnonzero(comp == np.argmax(np.bincount(comp)))
    return keep, a[keep][:, keep].tocsr()


def ppnp_split(
    labels: np.ndarray,
    split_seed: int,
    num_known: int = 1500,
    train_per_class: int = 20,
    num_stopping: int = 500,
    test: bool = True,
    known_seed: int = KNOWN_SEED,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The reference's ``gen_splits``, draw for draw (numpy ``RandomState``): a fixed random
    "known" set of ``num_known`` nodes; from it ``train_per_class`` per class for training and
    ``num_stopping`` for early stopping (both from ``split_seed``); evaluation on the nodes
    outside the known set (``test=True``) or on the rest of the known set (validation)."""
    idx = np.arange(len(labels))
    known = np.random.RandomState(known_seed).choice(idx, num_known, replace=False)
    unknown = idx[~np.isin(idx, known)]
    rng = np.random.RandomState(split_seed)
    known_labels = labels[known]
    train = np.concatenate(
        [
            rng.choice(known[known_labels == c], train_per_class, replace=False)
            for c in range(labels.max() + 1)
        ]
    )
    rest = known[~np.isin(known, train)]
    stopping = rng.choice(rest, num_stopping, replace=False)
    evaluation = unknown if test else known[~np.isin(known, np.concatenate([train, stopping]))]
    return train, stopping, evaluation


@DATASETS.register_module()
class SparseGraphNpzDataset(BaseNodeDataset):
    """A ``SparseGraph`` ``.npz`` (``adj_matrix.*``/``attr_matrix.*`` CSR parts, ``labels``)
    standardised as the APPNP reference (largest connected component), split by its protocol:
    ``train_mask`` 20 per class, ``val_mask`` the 500 early-stopping nodes, ``test_mask`` the
    nodes outside the 1500 known ones (``test=True``) or the known remainder (``test=False``).

    Args:
        data_root: Folder of the file; ``name``: its stem (``'cora_ml'``).
        split_seed: Seed of the train/stopping draw (one of ``TEST_SPLIT_SEEDS`` for the paper).
        num_known: Size of the known set (1500; 5000 for MS-Academic).
        select_lcc: Keep only the largest connected component (the paper does).
        test: Evaluate on the unknown nodes (test) rather than the known remainder.
    """

    def __init__(
        self,
        data_root: str,
        name: str = 'cora_ml',
        split_seed: int = TEST_SPLIT_SEEDS[0],
        num_known: int = 1500,
        train_per_class: int = 20,
        num_stopping: int = 500,
        select_lcc: bool = True,
        test: bool = True,
        **kwargs,
    ):
        self.name = name
        self.split_args = dict(
            split_seed=split_seed,
            num_known=num_known,
            train_per_class=train_per_class,
            num_stopping=num_stopping,
            test=test,
        )
        self.select_lcc = select_lcc
        super().__init__(data_root=data_root, **kwargs)

    def cache_key(self) -> tuple:
        return (
            *super().cache_key(),
            self.name,
            self.select_lcc,
            tuple(sorted(self.split_args.items())),
        )

    def load_graph(self) -> Data:
        adj, attr, labels = read_sparse_graph_npz(osp.join(self.data_root, f'{self.name}.npz'))
        keep, a = standardize(adj, self.select_lcc)
        attr, labels = attr[keep].tocoo(), labels[keep]
        train, stopping, evaluation = ppnp_split(labels, **self.split_args)
        n = len(keep)
        coo = a.tocoo()
        x = torch.sparse_coo_tensor(
            np.stack([attr.row, attr.col]), attr.data.astype(np.float32), attr.shape
        ).coalesce()
        return Data(
            x=x,
            edge_index=torch.from_numpy(np.stack([coo.row, coo.col]).astype(np.int64)),
            y=torch.from_numpy(labels),
            train_mask=index_to_mask(train, n),
            val_mask=index_to_mask(stopping, n),
            test_mask=index_to_mask(evaluation, n),
            num_nodes=n,
        )
