"""COCO-format detection / instance segmentation dataset (MMDetection 3.x data infos)."""

import difflib
import json
import os.path as osp
from numbers import Number

from mmengine.dataset import BaseDataset

from mmblog.registry import DATASETS
from mmblog.utils import MissingDataError, require_path

COCO_CLASSES = (
    'person', 'bicycle', 'car', 'motorcycle', 'airplane', 'bus', 'train', 'truck', 'boat',
    'traffic light', 'fire hydrant', 'stop sign', 'parking meter', 'bench', 'bird', 'cat', 'dog',
    'horse', 'sheep', 'cow', 'elephant', 'bear', 'zebra', 'giraffe', 'backpack', 'umbrella',
    'handbag', 'tie', 'suitcase', 'frisbee', 'skis', 'snowboard', 'sports ball', 'kite',
    'baseball bat', 'baseball glove', 'skateboard', 'surfboard', 'tennis racket', 'bottle',
    'wine glass', 'cup', 'fork', 'knife', 'spoon', 'bowl', 'banana', 'apple', 'sandwich', 'orange',
    'broccoli', 'carrot', 'hot dog', 'pizza', 'donut', 'cake', 'chair', 'couch', 'potted plant',
    'bed', 'dining table', 'toilet', 'tv', 'laptop', 'mouse', 'remote', 'keyboard', 'cell phone',
    'microwave', 'oven', 'toaster', 'sink', 'refrigerator', 'book', 'clock', 'vase', 'scissors',
    'teddy bear', 'hair drier', 'toothbrush',
)  # fmt: skip

COCO_PALETTE = [
    (220, 20, 60), (119, 11, 32), (0, 0, 142), (0, 0, 230), (106, 0, 228), (0, 60, 100),
    (0, 80, 100), (0, 0, 70), (0, 0, 192), (250, 170, 30), (100, 170, 30), (220, 220, 0),
    (175, 116, 175), (250, 0, 30), (165, 42, 42), (255, 77, 255), (0, 226, 252), (182, 182, 255),
    (0, 82, 0), (120, 166, 157), (110, 76, 0), (174, 57, 255), (199, 100, 0), (72, 0, 118),
    (255, 179, 240), (0, 125, 92), (209, 0, 151), (188, 208, 182), (0, 220, 176), (255, 99, 164),
    (92, 0, 73), (133, 129, 255), (78, 180, 255), (0, 228, 0), (174, 255, 243), (45, 89, 255),
    (134, 134, 103), (145, 148, 174), (255, 208, 186), (197, 226, 255), (171, 134, 1),
    (109, 63, 54), (207, 138, 255), (151, 0, 95), (9, 80, 61), (84, 105, 51), (74, 65, 105),
    (166, 196, 102), (208, 195, 210), (255, 109, 65), (0, 143, 149), (179, 0, 194),
    (209, 99, 106), (5, 121, 0), (227, 255, 205), (147, 186, 208), (153, 69, 1), (3, 95, 161),
    (163, 255, 0), (119, 0, 170), (0, 182, 199), (0, 165, 120), (183, 130, 88), (95, 32, 0),
    (130, 114, 135), (110, 129, 133), (166, 74, 118), (219, 142, 185), (79, 210, 114),
    (178, 90, 62), (65, 70, 15), (127, 167, 115), (59, 105, 106), (142, 108, 45), (196, 172, 0),
    (95, 54, 80), (128, 76, 255), (201, 57, 1), (246, 0, 122), (191, 162, 208),
]  # fmt: skip


def how_to_make(path: str) -> str:
    """The command that creates a missing COCO-format file, guessed from its path."""
    if 'demo' in path and 'balloon' in path:
        return (
            'python tools/misc/make_demo_data.py --out data/demo --only shapes && '
            'python tools/dataset_converters/balloon2coco.py data/demo/balloon'
        )
    if 'demo' in path and 'cityscapes' in path:
        return (
            'python tools/misc/make_demo_data.py --out data/demo --only shapes && '
            'python tools/dataset_converters/cityscapes.py data/demo/cityscapes --nproc 2 '
            '--out-dir data/demo/cityscapes/annotations'
        )
    if 'demo' in path:
        return 'python tools/misc/make_demo_data.py --out data/demo --only shapes'
    if 'cityscapes' in path:
        return (
            'python tools/dataset_converters/cityscapes.py data/cityscapes --nproc 8 '
            '--out-dir data/cityscapes/annotations (after unpacking leftImg8bit and gtFine)'
        )
    if 'balloon' in path:
        return 'python tools/dataset_converters/balloon2coco.py data/balloon'
    return (
        'download COCO 2017 (train2017, val2017, annotations) into data/coco, or convert your '
        'data with tools/dataset_converters/ (images2coco.py, balloon2coco.py, cityscapes.py)'
    )


def load_coco_json(ann_file: str) -> dict:
    """Read and check the top level of a COCO json; errors name the file and the field."""
    try:
        with open(ann_file, encoding='utf-8') as f:
            data = json.load(f)
    except json.JSONDecodeError as exc:
        raise ValueError(f'{ann_file}: not valid json ({exc})') from exc
    except UnicodeDecodeError as exc:
        raise ValueError(f'{ann_file}: not a UTF-8 text (json) file ({exc.reason})') from exc
    if not isinstance(data, dict):
        raise ValueError(f'{ann_file}: expected a json object with "images", got {type(data)}')
    for key in ('images', 'categories'):
        if not isinstance(data.get(key), list):
            raise ValueError(f'{ann_file}: missing or non-list field "{key}"')
    if not isinstance(data.get('annotations', []), list):
        raise ValueError(f'{ann_file}: field "annotations" must be a list')
    for i, cat in enumerate(data['categories']):
        if not isinstance(cat, dict) or 'id' not in cat or 'name' not in cat:
            raise ValueError(f'{ann_file}: categories[{i}] needs "id" and "name", got {cat!r}')
    return data


def _closest(name: str, names: list) -> str | None:
    """The category ``name`` was probably meant to be (spaces and case ignored first)."""
    squash = {n.replace(' ', '').replace('_', '').lower(): n for n in names}
    key = name.replace(' ', '').replace('_', '').lower()
    if key in squash:
        return squash[key]
    close = difflib.get_close_matches(name, names, n=1, cutoff=0.6)
    return close[0] if close else None


def select_categories(ann_file: str, categories: list, classes) -> list:
    """Category ids in the order of ``classes`` (so label i is ``classes[i]``)."""
    by_name = {}
    for cat in categories:
        by_name.setdefault(cat['name'], cat['id'])
    missing = [c for c in classes if c not in by_name]
    if missing:
        hints = [
            f'{m!r} -> {_closest(m, list(by_name))!r}'
            for m in missing
            if _closest(m, list(by_name))
        ]
        hint = f'; closest names: {", ".join(hints)}' if hints else ''
        raise ValueError(
            f'{ann_file}: classes {missing} are not among its categories '
            f'{sorted(by_name)}{hint}; fix metainfo=dict(classes=...) in the config, or set '
            'metainfo.classes to a text file with one class per line (--cfg-options drops '
            "spaces: 'potted plant' arrives as 'pottedplant')"
        )
    return [by_name[c] for c in classes]


def read_classes_file(path: str, data_root: str = '') -> tuple:
    """Class names from a text file, one per line (blank lines ignored).

    ``path`` is tried as given, then relative to ``data_root``.
    """
    for candidate in (path, osp.join(data_root, path)):
        if candidate and osp.isfile(candidate):
            with open(candidate, encoding='utf-8') as f:
                names = tuple(line.strip() for line in f if line.strip())
            if not names:
                raise ValueError(f'{candidate}: classes file has no class names (one per line)')
            return names
    raise MissingDataError(
        f'classes file not found: {path} -- write one class name per line into it'
    )


def _classes_arg(classes, data_root: str = ''):
    """``classes`` as a tuple; a string ending in ``.txt`` is a file with one class per line."""
    if isinstance(classes, str):
        return read_classes_file(classes, data_root) if classes.endswith('.txt') else (classes,)
    return classes


def _check_ann(ann_file: str, i: int, ann, image_ids: set) -> None:
    where = f'{ann_file}: annotations[{i}]'
    if not isinstance(ann, dict):
        raise ValueError(f'{where}: expected an object, got {ann!r}')
    where += f' (id={ann.get("id")})'
    for key in ('image_id', 'category_id', 'bbox'):
        if key not in ann:
            raise ValueError(f'{where}: missing field "{key}"')
    if ann['image_id'] not in image_ids:
        raise ValueError(f'{where}: field "image_id" = {ann["image_id"]!r} is not in "images"')
    bbox = ann['bbox']
    if not (
        isinstance(bbox, (list, tuple))
        and len(bbox) == 4
        and all(isinstance(v, Number) for v in bbox)
    ):
        raise ValueError(f'{where}: field "bbox" must be [x, y, w, h] numbers, got {bbox!r}')
    seg = ann.get('segmentation')
    if seg is None or seg == []:
        return
    if isinstance(seg, dict):
        if 'counts' not in seg or 'size' not in seg:
            raise ValueError(f'{where}: field "segmentation" RLE needs "counts" and "size"')
    elif isinstance(seg, list):
        for j, poly in enumerate(seg):
            if not isinstance(poly, list) or len(poly) % 2 or len(poly) < 6:
                n = len(poly) if isinstance(poly, list) else poly
                raise ValueError(
                    f'{where}: field "segmentation"[{j}] must be a polygon of >= 3 points '
                    f'[x0, y0, x1, y1, ...], got {n} values'
                )
    else:
        raise ValueError(f'{where}: field "segmentation" must be polygons or RLE, got {seg!r}')


@DATASETS.register_module()
class CocoDataset(BaseDataset):
    """A COCO json (``images``, ``annotations``, ``categories``) and its image folder.

    Each data info holds ``img_path``, ``img_id``, ``height``, ``width`` and ``instances``, a list of
    dicts with ``bbox`` (xyxy), ``bbox_label`` (index into ``metainfo['classes']``),
    ``ignore_flag`` (COCO ``iscrowd``) and ``mask`` (polygons or RLE).

    Args:
        ann_file: The json, relative to ``data_root``.
        data_prefix: ``dict(img='train2017/')``: image folder relative to ``data_root``.
        metainfo: ``dict(classes=(...))`` keeps (and renames nothing but orders) only these
            categories of the json, like MMDetection; labels follow this order.
        filter_cfg: ``dict(filter_empty_gt=True, min_size=32)``: in training, drop images without
            any kept annotation and images whose shorter side is below ``min_size``.
        test_mode: Keep every image (no filtering), e.g. test sets without annotations.
    """

    METAINFO = {'classes': COCO_CLASSES, 'palette': COCO_PALETTE}

    def __init__(
        self,
        *args,
        data_prefix: dict | None = None,
        classes=None,
        img_prefix: str | None = None,
        **kwargs,
    ):
        # MMDetection 2.x spellings (the walkthrough's balloon config): classes=, img_prefix=.
        data_prefix = dict(data_prefix or dict(img=''))
        if img_prefix is not None:
            data_prefix['img'] = img_prefix
        if classes is not None:
            metainfo = dict(kwargs.pop('metainfo', None) or {})
            metainfo['classes'] = classes
            kwargs['metainfo'] = metainfo
        metainfo = kwargs.get('metainfo')
        if metainfo is not None and 'classes' in metainfo:
            # ``metainfo.classes`` may name a text file (one class per line); --cfg-options
            # cannot carry names with spaces.
            metainfo = dict(metainfo)
            metainfo['classes'] = tuple(
                _classes_arg(metainfo['classes'], kwargs.get('data_root', ''))
            )
            kwargs['metainfo'] = metainfo
        super().__init__(*args, data_prefix=data_prefix, **kwargs)

    @classmethod
    def _load_metainfo(cls, metainfo=None) -> dict:
        meta = super()._load_metainfo(metainfo)
        if metainfo is not None and 'classes' in metainfo and 'palette' not in metainfo:
            # Own colours for the classes a config selects (MMDetection keeps the 80 COCO ones).
            default = dict(zip(cls.METAINFO['classes'], cls.METAINFO['palette']))
            extra = COCO_PALETTE[::-1]
            meta['palette'] = [
                tuple(default.get(c, extra[i % len(extra)])) for i, c in enumerate(meta['classes'])
            ]
        if isinstance(meta.get('classes'), str):
            meta['classes'] = (meta['classes'],)
        return meta

    def load_data_list(self) -> list[dict]:
        require_path(self.ann_file, how_to_make(self.ann_file))
        img_dir = self.data_prefix.get('img', '') or ''
        if img_dir:
            require_path(img_dir, how_to_make(img_dir))
        data = load_coco_json(self.ann_file)
        classes = tuple(self.metainfo['classes'])
        self.cat_ids = select_categories(self.ann_file, data['categories'], classes)
        self.cat2label = {cat_id: i for i, cat_id in enumerate(self.cat_ids)}

        images = {}
        for i, img in enumerate(data['images']):
            for key in ('id', 'file_name', 'height', 'width'):
                if not isinstance(img, dict) or key not in img:
                    raise ValueError(f'{self.ann_file}: images[{i}] is missing field "{key}"')
            for key in ('height', 'width'):
                v = img[key]
                if isinstance(v, bool) or not isinstance(v, Number) or v <= 0 or v != int(v):
                    raise ValueError(
                        f'{self.ann_file}: images[{i}] (id={img["id"]}): field "{key}" must be '
                        f'a positive integer, got {img[key]!r}'
                    )
            if not isinstance(img['file_name'], str) or not img['file_name']:
                raise ValueError(
                    f'{self.ann_file}: images[{i}] (id={img["id"]}): field "file_name" must be a '
                    f'non-empty string, got {img["file_name"]!r}'
                )
            if img['id'] in images:
                raise ValueError(
                    f'{self.ann_file}: images[{i}]: field "id" = {img["id"]!r} is used by an '
                    'earlier image too'
                )
            images[img['id']] = img
        if not images:
            raise ValueError(f'{self.ann_file}: field "images" is empty (no records)')
        anns_of = {img_id: [] for img_id in images}
        for i, ann in enumerate(data.get('annotations', [])):
            _check_ann(self.ann_file, i, ann, images.keys())
            anns_of[ann['image_id']].append(ann)

        data_list = []
        for img_id, img in images.items():
            info = dict(
                img_path=osp.join(img_dir, img['file_name']),
                img_id=img_id,
                height=int(img['height']),
                width=int(img['width']),
                seg_map_path=None,
                instances=self._parse_instances(img, anns_of[img_id]),
            )
            data_list.append(info)
        return data_list

    def _parse_instances(self, img: dict, anns: list) -> list[dict]:
        instances = []
        for ann in anns:
            if ann.get('ignore', False) or ann['category_id'] not in self.cat2label:
                continue
            x1, y1, w, h = ann['bbox']
            inter_w = max(0, min(x1 + w, img['width']) - max(x1, 0))
            inter_h = max(0, min(y1 + h, img['height']) - max(y1, 0))
            if inter_w * inter_h == 0 or w < 1 or h < 1 or ann.get('area', w * h) <= 0:
                continue
            inst = dict(
                bbox=[x1, y1, x1 + w, y1 + h],
                bbox_label=self.cat2label[ann['category_id']],
                ignore_flag=1 if ann.get('iscrowd', 0) else 0,
            )
            if ann.get('segmentation'):
                inst['mask'] = ann['segmentation']
            instances.append(inst)
        return instances

    def filter_data(self) -> list[dict]:
        if self.test_mode or not self.filter_cfg:
            return self.data_list
        filter_empty_gt = self.filter_cfg.get('filter_empty_gt', False)
        min_size = self.filter_cfg.get('min_size', 0)
        kept = []
        for info in self.data_list:
            if filter_empty_gt and not self._has_gt(info):
                continue
            if min(info['width'], info['height']) < min_size:
                continue
            kept.append(info)
        if self.data_list and not kept:
            raise ValueError(
                f'{self.ann_file}: filter_cfg={dict(self.filter_cfg)} drops all '
                f'{len(self.data_list)} images (none has an annotation of classes '
                f'{tuple(self.metainfo["classes"])} or each is below min_size); check '
                'metainfo.classes against the json categories'
            )
        return kept

    def _has_gt(self, info: dict) -> bool:
        return len(info['instances']) > 0
