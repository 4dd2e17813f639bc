"""ImageNet-style image folders: ``root/<class>/<image>``, or an annotation list of
``relative/path label`` lines (ImageNet's ``meta/train.txt``)."""

import os
import os.path as osp

from mmengine.dataset import BaseDataset

from mmblog.registry import DATASETS
from mmblog.utils import require_path

IMG_EXTENSIONS = ('.jpg', '.jpeg', '.png', '.ppm', '.bmp', '.pgm', '.tif', '.tiff', '.webp')
MAKE_DEMO = 'python tools/misc/make_demo_data.py --out data/demo --only imagenet_folder'


@DATASETS.register_module()
class CustomDataset(BaseDataset):
    """Images in class sub-folders, or listed in ``ann_file``.

    Args:
        data_root: Dataset root.
        data_prefix: Image folder relative to ``data_root`` (e.g. ``'train'``); given as a string
            or as ``dict(img_path=...)``.
        ann_file: Optional list file (relative to ``data_root``) of ``path label`` lines, paths
            relative to the image folder. Without it, sub-folders (sorted) are the classes.
        classes: Optional class names (or a path to a text file with one name per line), needed
            to name the classes when ``ann_file`` is used.
    """

    def __init__(
        self,
        data_root: str = '',
        data_prefix: str | dict = '',
        ann_file: str = '',
        classes: tuple | str | None = None,
        **kwargs,
    ):
        if isinstance(data_prefix, str):
            data_prefix = dict(img_path=data_prefix)
        self._classes_arg = classes
        super().__init__(data_root=data_root, data_prefix=data_prefix, ann_file=ann_file, **kwargs)

    def _read_classes(self) -> tuple | None:
        classes = self._classes_arg
        if isinstance(classes, str):
            path = classes if osp.isabs(classes) else osp.join(self.data_root, classes)
            with open(require_path(path, MAKE_DEMO)) as f:
                names = tuple(line.strip() for line in f if line.strip())
            if not names:
                raise ValueError(f'{path}: classes file has no class names (one per line)')
            return names
        return tuple(classes) if classes else None

    def load_data_list(self) -> list[dict]:
        img_dir = self.data_prefix['img_path']
        classes = self._read_classes()
        if self.ann_file:
            samples = []
            with open(require_path(self.ann_file, MAKE_DEMO)) as f:
                for lineno, line in enumerate(f, 1):
                    if not line.strip():
                        continue
                    parts = line.rsplit(maxsplit=1)
                    if len(parts) != 2 or not parts[1].lstrip('-').isdigit():
                        raise ValueError(
                            f'{self.ann_file}:{lineno}: expected "path label", got {line.strip()!r}'
                        )
                    samples.append((parts[0], int(parts[1])))
            if not samples:
                raise ValueError(f'{self.ann_file}: the annotation list holds no records')
            num = len(classes) if classes else max(s[1] for s in samples) + 1
            classes = classes or tuple(str(i) for i in range(num))
            bad = [s for s in samples if not 0 <= s[1] < len(classes)]
            if bad:
                lineno = next(i for i, (p, _) in enumerate(samples, 1) if p == bad[0][0])
                raise ValueError(
                    f'{self.ann_file}: record {lineno} ({bad[0][0]}): label {bad[0][1]} is '
                    f'outside [0, {len(classes)})'
                )
        else:
            require_path(img_dir, MAKE_DEMO)
            folders = sorted(d for d in os.listdir(img_dir) if osp.isdir(osp.join(img_dir, d)))
            if not folders:
                raise ValueError(f'{img_dir}: no class sub-folders and no ann_file given')
            classes = classes or tuple(folders)
            index = {c: i for i, c in enumerate(classes)}
            samples = []
            for folder in folders:
                if folder not in index:
                    raise ValueError(f'{img_dir}/{folder}: folder is not one of the classes')
                for root, _, files in sorted(os.walk(osp.join(img_dir, folder))):
                    for name in sorted(files):
                        if name.lower().endswith(IMG_EXTENSIONS):
                            rel = osp.relpath(osp.join(root, name), img_dir)
                            samples.append((rel, index[folder]))
            if not samples:
                raise ValueError(
                    f'{img_dir}: class folders {list(folders)} hold no images '
                    f'({", ".join(IMG_EXTENSIONS)})'
                )
        self._metainfo['classes'] = classes
        return [dict(img_path=osp.join(img_dir, p), gt_label=label) for p, label in samples]
