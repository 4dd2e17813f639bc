"""Next-item pairs of a converted session click log (DIGINETICA, YOOCHOOSE 1/64 and 1/4)."""

import json
import os.path as osp

import torch
from torch.utils.data import Dataset

from mmblog.registry import DATASETS
from mmblog.structures import GraphDataSample
from mmblog.utils.data_check import require_path

from .session_clicks import read_session_pairs

_HOW_TO_MAKE = (
    'python tools/dataset_converters/diginetica.py RAW/train-item-views.csv -o {root} (or '
    'yoochoose.py RAW/yoochoose-clicks.dat -o ..., or for the demo: '
    'python tools/misc/make_demo_data.py --only diginetica)'
)


@DATASETS.register_module()
class SessionClicksDataset(Dataset):
    """The ``(session prefix, next item)`` pairs written by ``tools/dataset_converters/
    {diginetica,yoochoose}.py`` (``train.txt``/``test.txt``: ``"i1 i2 ... ik<TAB>target"``,
    items re-indexed from 1; ``stats.json`` with the item count).

    Splits: ``'test'`` is ``test.txt``; ``'val'`` is a random ``val_ratio`` of the training pairs
    (the paper's 10% validation subset; the reference splits pairs, not sessions, and so do we)
    and ``'train'`` the rest (all of ``train.txt`` when ``val_ratio=0``, as the reference trains
    by default).

    Every item is ``{'inputs': LongTensor (k,) the prefix, 'data_samples':
    GraphDataSample(gt_label=next item)}``; collate with ``session_collate``.

    Args:
        data_root: The converted folder.
        split: ``'train'``, ``'val'`` or ``'test'``.
        val_ratio: Fraction of the training pairs held out as ``'val'``.
        seed: Seed of the validation draw.
        max_length: Keep only the last ``max_length`` clicks of a prefix (None: all).
    """

    METAINFO = dict(task='session')

    def __init__(
        self,
        data_root: str,
        split: str = 'train',
        val_ratio: float = 0.1,
        seed: int = 0,
        max_length: int | None = None,
    ):
        if split not in ('train', 'val', 'test'):
            raise ValueError(f"split must be 'train', 'val' or 'test', got {split!r}")
        name = 'test.txt' if split == 'test' else 'train.txt'
        path = require_path(osp.join(data_root, name), _HOW_TO_MAKE.format(root=data_root))
        prefixes, targets = read_session_pairs(path)
        if split != 'test' and val_ratio > 0:
            g = torch.Generator().manual_seed(seed)
            perm = torch.randperm(len(targets), generator=g)
            n_val = int(round(val_ratio * len(targets)))
            keep = perm[:n_val] if split == 'val' else perm[n_val:]
            keep = keep.sort().values.tolist()
            prefixes, targets = [prefixes[i] for i in keep], [targets[i] for i in keep]
        if max_length is not None:
            prefixes = [p[-max_length:] for p in prefixes]
        self.prefixes, self.targets, self.split = prefixes, targets, split
        stats_path = osp.join(data_root, 'stats.json')
        if osp.exists(stats_path):
            with open(stats_path) as f:
                self.num_items = int(json.load(f)['items'])
        else:
            self.num_items = max(max(targets, default=0), *(max(p) for p in prefixes))
        self.metainfo = dict(self.METAINFO, num_items=self.num_items)

    def __len__(self) -> int:
        return len(self.targets)

    def __getitem__(self, idx: int) -> dict:
        sample = GraphDataSample(metainfo=dict(split=self.split))
        sample.gt_label = torch.tensor(self.targets[idx])
        return dict(inputs=torch.tensor(self.prefixes[idx]), data_samples=sample)
