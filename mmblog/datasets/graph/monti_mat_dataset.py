"""Flixster / Douban / YahooMusic (Monti et al.'s ``.mat`` files) as IGMC samples."""

import os.path as osp

from mmblog.registry import DATASETS

from .movielens_dataset import MovieLensDataset
from .rating_io import read_monti_mat


@DATASETS.register_module()
class MontiMatDataset(MovieLensDataset):
    """Ratings of a ``training_test_dataset.mat`` (MATLAB v7.3, read with h5py): ``M`` holds the
    ratings, ``Otraining`` / ``Otest`` the official split; side matrices (``W_users``,
    ``W_items``/``W_movies``, ``W_tracks``) are kept in ``self.side``. Everything else -- one
    enclosing subgraph per rating, sparsity ratio, rating classes, cache -- as
    :class:`MovieLensDataset`. Flixster's ratings are 0.5..5 in 0.5 steps (10 edge types, or
    ``num_rating_classes=5`` to match a 1..5 model), YahooMusic's 1..100.

    Args:
        data_root: Folder of the file.
        split: ``'train'`` or ``'test'``.
        mat_file: File name.
        **kwargs: :class:`MovieLensDataset` options (``hop``, ``max_nodes_per_hop``, ...).
    """

    def __init__(
        self,
        data_root: str,
        split: str = 'train',
        mat_file: str = 'training_test_dataset.mat',
        **kwargs,
    ):
        self.side = {}
        super().__init__(data_root, split, train_file=mat_file, test_file=mat_file, **kwargs)

    def _read_splits(self, data_root, train_file, test_file, test_ratio, seed):
        data = read_monti_mat(osp.join(data_root, train_file))
        self.side = data['side']
        return data['train'], data['test']
