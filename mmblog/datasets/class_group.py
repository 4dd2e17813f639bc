"""Relabel a classification dataset into groups of its classes (e.g. a two-class problem)."""

import copy

from mmengine.dataset import BaseDataset

from mmblog.registry import DATASETS


@DATASETS.register_module()
class ClassGroupDataset(BaseDataset):
    """Keep the samples whose label is in one of ``groups`` and relabel them by group index.

    ``groups=[[3], [8]]`` turns digits into the binary "3 vs 8" problem; ``[[0, 2, 4, 6, 8],
    [1, 3, 5, 7, 9]]`` into even vs odd. The wrapped dataset's pipeline should be empty; this
    dataset applies its own.

    Args:
        dataset: Config of the wrapped dataset.
        groups: Lists of original labels; group ``i`` becomes label ``i``.
        group_names: Optional names of the groups.
    """

    def __init__(self, dataset: dict, groups: list, group_names: list | None = None, **kwargs):
        if len(groups) < 2:
            raise ValueError(f'ClassGroupDataset needs at least two groups, got {groups}')
        flat = [c for g in groups for c in g]
        if len(flat) != len(set(flat)):
            raise ValueError(f'a class appears in two groups: {groups}')
        self._inner_cfg = copy.deepcopy(dataset)
        self.groups = [list(g) for g in groups]
        names = group_names or ['+'.join(map(str, g)) for g in groups]
        super().__init__(metainfo=dict(classes=tuple(names)), **kwargs)

    def load_data_list(self) -> list[dict]:
        inner = DATASETS.build(self._inner_cfg)
        to_group = {c: i for i, g in enumerate(self.groups) for c in g}
        out = []
        for i in range(len(inner)):
            info = inner.get_data_info(i)
            if info['gt_label'] in to_group:
                info = dict(info, gt_label=to_group[info['gt_label']], orig_label=info['gt_label'])
                out.append(info)
        if not out:
            raise ValueError(f'no samples of classes {self.groups} in {self._inner_cfg["type"]}')
        return out
