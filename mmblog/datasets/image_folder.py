"""Images in a folder tree (ImageNet/FFHQ style): ``root/<class>/*.png`` or just ``root/*.png``."""

import os
import os.path as osp

from mmengine.dataset import BaseDataset

from mmblog.registry import DATASETS
from mmblog.utils import require_path

IMG_EXTENSIONS = ('.png', '.jpg', '.jpeg', '.bmp', '.webp', '.ppm')


@DATASETS.register_module()
class ImageFolderDataset(BaseDataset):
    """Every image under ``data_root/data_prefix`` (recursively), sorted by path.

    With ``with_label=True`` the first sub-folder names are the classes (ImageNet layout) and each
    example gets ``gt_label``; with ``False`` (FFHQ layout, whose sub-folders are just shards)
    examples have no label. Examples carry ``img_path``; load them with ``mmcv.LoadImageFromFile``.

    Args:
        data_root: Dataset root.
        data_prefix: Sub-folder of this split, e.g. ``'train'``; '' for the root itself.
        with_label: Whether sub-folders are classes.
        make_hint: The command that creates the data, shown if the folder is missing.
    """

    def __init__(
        self,
        data_root: str,
        data_prefix: str = '',
        with_label: bool = True,
        make_hint: str = 'python tools/misc/make_demo_data.py --out data/demo '
        '--only vq_images (demo images), or unpack the image folder there',
        **kwargs,
    ):
        self.split_prefix = data_prefix
        self.with_label = with_label
        self.make_hint = make_hint
        super().__init__(data_root=data_root, ann_file='', **kwargs)

    def load_data_list(self) -> list[dict]:
        root = require_path(osp.join(self.data_root, self.split_prefix), self.make_hint)
        paths = sorted(
            osp.join(dirpath, name)
            for dirpath, _, names in os.walk(root)
            for name in names
            if name.lower().endswith(IMG_EXTENSIONS)
        )
        if not paths:
            raise ValueError(f'{root}: no images ({", ".join(IMG_EXTENSIONS)}) found')
        if not self.with_label:
            return [dict(img_path=p) for p in paths]
        classes = sorted({osp.relpath(p, root).split(os.sep)[0] for p in paths})
        loose = [p for p in paths if osp.dirname(p) == root]
        if loose:
            raise ValueError(
                f'{root}: with_label=True needs one sub-folder per class, but {loose[0]} lies at '
                'the top level (use with_label=False for unlabelled image folders)'
            )
        index = {c: i for i, c in enumerate(classes)}
        self._metainfo['classes'] = tuple(classes)
        return [
            dict(img_path=p, gt_label=index[osp.relpath(p, root).split(os.sep)[0]]) for p in paths
        ]
