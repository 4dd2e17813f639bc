"""The bad-input matrix (issue 11): every loader and converter answers malformed input with one
line naming the file, the record and the field, and leaves no partial output behind.

Each case writes a small valid fixture, breaks one thing, and returns what to trigger and what the
message must name. ``tools/`` turn these errors into ``<tool>: error: <line>`` with exit code 2
(``run_cli``); that classification is asserted here too, so a case cannot pass with an error the
tools would print as a traceback.
"""

import gzip
import json
import os
import pickle
import struct
from pathlib import Path

import cv2
import numpy as np
import pytest

from mmblog.utils import register_all_modules
from mmblog.utils.cli import _user_error_message

register_all_modules()

CASES = {}


def case(name: str):
    """Register ``fn(tmp_path) -> (trigger, file, tokens, outputs)`` as matrix case ``name``."""

    def wrap(fn):
        assert name not in CASES, name
        CASES[name] = fn
        return fn

    return wrap


# -- MNIST idx -------------------------------------------------------------------------------------
def _idx(array: np.ndarray, code: int = 0x08) -> bytes:
    dtype = {0x08: np.uint8, 0x0D: '>f4'}[code]
    header = bytes([0, 0, code, array.ndim]) + struct.pack(f'>{array.ndim}I', *array.shape)
    return header + np.ascontiguousarray(array, dtype=dtype).tobytes()


def _mnist(tmp: Path, images: bytes | None = None, labels: bytes | None = None, gz=False):
    rng = np.random.default_rng(0)
    imgs = _idx(rng.integers(0, 255, (5, 28, 28)))
    labs = _idx(np.array([0, 1, 2, 3, 4]))
    img_name = 'train-images-idx3-ubyte' + ('.gz' if gz else '')
    (tmp / img_name).write_bytes(imgs if images is None else images)
    (tmp / 'train-labels-idx1-ubyte').write_bytes(labs if labels is None else labels)

    def trigger():
        from mmblog.datasets import MNISTDataset

        MNISTDataset(data_root=str(tmp), split='train', pipeline=[])

    return trigger, tmp / img_name, tmp / 'train-labels-idx1-ubyte'


@case('mnist: truncated images file')
def _(tmp):
    rng = np.random.default_rng(0)
    trig, img, _ = _mnist(tmp, images=_idx(rng.integers(0, 255, (5, 28, 28)))[:-100])
    return trig, img, ['header says shape (5, 28, 28)'], []


@case('mnist: wrong magic number')
def _(tmp):
    trig, img, _ = _mnist(tmp, images=b'\x08\x03\x00\x00' + bytes(100))
    return trig, img, ['bad magic number'], []


@case('mnist: empty labels file')
def _(tmp):
    trig, _, lab = _mnist(tmp, labels=b'')
    return trig, lab, ['not an idx file'], []


@case('mnist: header cut inside the dimensions')
def _(tmp):
    trig, img, _ = _mnist(tmp, images=bytes([0, 0, 8, 3, 0, 0]))
    return trig, img, ['3 dimensions', 'only 6 bytes'], []


@case('mnist: label out of range')
def _(tmp):
    trig, _, lab = _mnist(tmp, labels=_idx(np.array([0, 1, 2, 12, 4])))
    return trig, lab, ['record 3', 'label 12'], []


@case('mnist: images and labels disagree in count')
def _(tmp):
    trig, img, _ = _mnist(tmp, labels=_idx(np.array([0, 1, 2, 3])))
    return trig, img, ['expected N images', '(4,)'], []


@case('mnist: corrupt gzip')
def _(tmp):
    trig, img, _ = _mnist(tmp, images=gzip.compress(b'x' * 100)[:-12], gz=True)
    return trig, img, ['gzipped idx'], []


@case('mnist: float images (wrong type)')
def _(tmp):
    trig, img, _ = _mnist(tmp, images=_idx(np.zeros((5, 28, 28)), code=0x0D))
    return trig, img, ['unsigned bytes', 'float32'], []


@case('mnist: empty split')
def _(tmp):
    trig, _, lab = _mnist(tmp, images=_idx(np.zeros((0, 28, 28))), labels=_idx(np.zeros(0)))
    return trig, lab, ['train split holds no records'], []


@case('mnist: labels file given as images (wrong header)')
def _(tmp):
    trig, img, _ = _mnist(tmp, images=_idx(np.array([0, 1, 2, 3, 4])))
    return trig, img, ['expected N images of HxW'], []


# -- CIFAR python batches --------------------------------------------------------------------------
def _cifar(tmp: Path, batch=None, meta=None, raw: bytes | None = None, raw_meta=None):
    folder = tmp / 'cifar-10-batches-py'
    folder.mkdir()
    names = [f'c{i}'.encode() for i in range(10)]
    meta = {b'label_names': names} if meta is None else meta
    (folder / 'batches.meta').write_bytes(raw_meta or pickle.dumps(meta, protocol=2))
    good = {b'data': np.zeros((4, 3072), np.uint8), b'labels': [0, 1, 2, 3]}
    (folder / 'test_batch').write_bytes(
        raw if raw is not None else pickle.dumps(good if batch is None else batch, protocol=2)
    )

    def trigger():
        from mmblog.datasets import CIFAR10Dataset

        CIFAR10Dataset(data_root=str(tmp), split='test', pipeline=[])

    return trigger, folder / 'test_batch', folder / 'batches.meta'


def _good_batch(changes: dict | None = None) -> dict:
    batch = {b'data': np.zeros((4, 3072), np.uint8), b'labels': [0, 1, 2, 3]}
    batch.update(changes or {})
    return batch


@case('cifar: truncated batch')
def _(tmp):
    trig, f, _ = _cifar(tmp, raw=pickle.dumps(_good_batch(), protocol=2)[:-50])
    return trig, f, ['not a readable CIFAR python batch'], []


@case('cifar: text file instead of a batch')
def _(tmp):
    trig, f, _ = _cifar(tmp, raw=b'data,labels\n1,2\n')
    return trig, f, ['not a readable CIFAR python batch'], []


@case('cifar: empty batch file')
def _(tmp):
    trig, f, _ = _cifar(tmp, raw=b'')
    return trig, f, ['not a readable CIFAR python batch'], []


@case('cifar: pickled list, not a dict')
def _(tmp):
    trig, f, _ = _cifar(tmp, raw=pickle.dumps([1, 2, 3]))
    return trig, f, ['expected a pickled dict'], []


@case('cifar: missing field labels')
def _(tmp):
    trig, f, _ = _cifar(tmp, batch={b'data': np.zeros((4, 3072), np.uint8)})
    return trig, f, ['missing field "labels"'], []


@case('cifar: meta without label_names')
def _(tmp):
    trig, _, meta = _cifar(tmp, meta={b'names': [b'a']})
    return trig, meta, ['missing field "label_names"'], []


@case('cifar: data rows of the wrong size')
def _(tmp):
    trig, f, _ = _cifar(tmp, batch=_good_batch({b'data': np.zeros((4, 1024), np.uint8)}))
    return trig, f, ['N x 3072', '(4, 1024)'], []


@case('cifar: label out of range')
def _(tmp):
    trig, f, _ = _cifar(tmp, batch=_good_batch({b'labels': [0, 10, 2, 3]}))
    return trig, f, ['record 1', 'field "labels" is 10'], []


@case('cifar: float pixels (wrong type)')
def _(tmp):
    trig, f, _ = _cifar(tmp, batch=_good_batch({b'data': np.zeros((4, 3072))}))
    return trig, f, ['field "data" must be uint8', 'float64'], []


@case('cifar: empty split')
def _(tmp):
    batch = _good_batch({b'data': np.zeros((0, 3072), np.uint8), b'labels': []})
    trig, f, _ = _cifar(tmp, batch=batch)
    return trig, f, ['field "data" holds no records'], []


class _Evil:
    """Unpickling this would create a folder (stand-in for running any command)."""

    def __init__(self, path):
        self.path = path

    def __reduce__(self):
        return (os.mkdir, (self.path,))


@case('cifar: pickle that would run code')
def _(tmp):
    marker = tmp / 'pwned'
    trig, f, _ = _cifar(tmp, raw=pickle.dumps({b'data': _Evil(str(marker)), b'labels': []}))
    return trig, f, ['refusing global', 'mkdir'], [marker]


# -- image folders (ImageNet layout / annotation list) ---------------------------------------------
def _jpeg(path: Path, size=(20, 24)) -> bytes:
    path.parent.mkdir(parents=True, exist_ok=True)
    img = np.random.default_rng(0).integers(0, 255, (*size, 3), dtype=np.uint8)
    ok, buf = cv2.imencode('.jpg', img)
    path.write_bytes(buf.tobytes())
    return buf.tobytes()


def _folder(tmp: Path, ann_lines=None, classes_text='a\nb\n', with_pipeline=False):
    for c in ('a', 'b'):
        for i in range(2):
            _jpeg(tmp / 'train' / c / f'{i}.jpg')
    if classes_text is not None:
        (tmp / 'classes.txt').write_text(classes_text)
    if ann_lines is not None:
        (tmp / 'train.txt').write_text(''.join(f'{line}\n' for line in ann_lines))

    def trigger():
        from mmblog.registry import DATASETS

        ds = DATASETS.build(
            dict(
                type='CustomDataset',
                data_root=str(tmp),
                data_prefix='train',
                ann_file='train.txt' if ann_lines is not None else '',
                classes='classes.txt' if classes_text is not None else None,
                pipeline=[dict(type='LoadImageFromFile')] if with_pipeline else [],
            )
        )
        for i in range(len(ds)):
            ds[i]

    return trigger


@case('image folder: list line without a label')
def _(tmp):
    trig = _folder(tmp, ann_lines=['a/0.jpg 0', 'a/1.jpg'])
    return trig, tmp / 'train.txt', [':2:', 'expected "path label"'], []


@case('image folder: label out of range')
def _(tmp):
    trig = _folder(tmp, ann_lines=['a/0.jpg 0', 'b/0.jpg 7'])
    return trig, tmp / 'train.txt', ['record 2', 'b/0.jpg', 'label 7'], []


@case('image folder: empty annotation list (empty split)')
def _(tmp):
    return _folder(tmp, ann_lines=[]), tmp / 'train.txt', ['holds no records'], []


@case('image folder: empty classes file')
def _(tmp):
    return (
        _folder(tmp, ann_lines=['a/0.jpg 0'], classes_text=''),
        tmp / 'classes.txt',
        ['no class names'],
        [],
    )


@case('image folder: folder that is not a class')
def _(tmp):
    trig = _folder(tmp, classes_text='a\nc\n')
    return trig, tmp / 'train', ['/b', 'not one of the classes'], []


@case('image folder: no class sub-folders')
def _(tmp):
    _jpeg(tmp / 'train' / 'x.jpg')

    def trigger():
        from mmblog.datasets.custom import CustomDataset

        CustomDataset(data_root=str(tmp), data_prefix='train', pipeline=[])

    return trigger, tmp / 'train', ['no class sub-folders'], []


@case('image folder: class folders without images (non-image files only)')
def _(tmp):
    for c in ('a', 'b'):
        (tmp / 'train' / c).mkdir(parents=True)
        (tmp / 'train' / c / 'notes.txt').write_text('not an image')

    def trigger():
        from mmblog.datasets.custom import CustomDataset

        CustomDataset(data_root=str(tmp), data_prefix='train', pipeline=[])

    return trigger, tmp / 'train', ['hold no images'], []


@case('image folder: truncated JPEG')
def _(tmp):
    trig = _folder(tmp, ann_lines=['a/0.jpg 0', 'b/1.jpg 1'], with_pipeline=True)
    path = tmp / 'train/b/1.jpg'
    path.write_bytes(path.read_bytes()[:200])
    return trig, path, ['exists (200 bytes) but cannot be decoded'], []


@case('image folder: non-image file named .jpg')
def _(tmp):
    trig = _folder(tmp, ann_lines=['a/0.jpg 0', 'a/1.jpg 0'], with_pipeline=True)
    path = tmp / 'train/a/1.jpg'
    path.write_text('<html>not an image</html>')
    return trig, path, ['cannot be decoded'], []


@case('image folder: listed image missing')
def _(tmp):
    trig = _folder(tmp, ann_lines=['a/0.jpg 0', 'a/9.jpg 0'], with_pipeline=True)
    return trig, tmp / 'train/a/9.jpg', ['no such file'], []


@case('image folder (unlabelled): no images')
def _(tmp):
    (tmp / 'imgs').mkdir()
    (tmp / 'imgs' / 'readme.md').write_text('x')

    def trigger():
        from mmblog.datasets.image_folder import ImageFolderDataset

        ImageFolderDataset(data_root=str(tmp), data_prefix='imgs', pipeline=[])

    return trigger, tmp / 'imgs', ['no images'], []


@case('image folder (labelled): image outside the class folders')
def _(tmp):
    _jpeg(tmp / 'imgs' / 'a' / '0.jpg')
    _jpeg(tmp / 'imgs' / 'loose.jpg')

    def trigger():
        from mmblog.datasets.image_folder import ImageFolderDataset

        ImageFolderDataset(data_root=str(tmp), data_prefix='imgs', pipeline=[])

    return trigger, tmp / 'imgs' / 'loose.jpg', ['top level'], []


# -- COCO json -------------------------------------------------------------------------------------
def _coco_dict():
    return dict(
        images=[
            dict(id=0, file_name='a.jpg', height=30, width=40),
            dict(id=1, file_name='b.jpg', height=30, width=40),
        ],
        categories=[dict(id=0, name='potted plant'), dict(id=1, name='dog')],
        annotations=[
            dict(id=0, image_id=0, category_id=0, bbox=[1, 1, 10, 10], area=100, iscrowd=0),
            dict(id=1, image_id=1, category_id=1, bbox=[2, 2, 10, 10], area=100, iscrowd=0),
            dict(id=2, image_id=1, category_id=0, bbox=[5, 5, 9, 9], area=81, iscrowd=0,
                 segmentation=[[5, 5, 14, 5, 14, 14, 5, 14]]),
        ],
    )  # fmt: skip


def _coco(tmp: Path, mutate=None, raw: bytes | None = None, classes=('potted plant', 'dog')):
    path = tmp / 'instances.json'
    data = _coco_dict()
    if mutate:
        mutate(data)
    path.write_bytes(raw if raw is not None else json.dumps(data).encode())

    def trigger():
        from mmblog.registry import DATASETS

        DATASETS.build(
            dict(type='CocoDataset', ann_file=str(path), metainfo=dict(classes=classes),
                 pipeline=[])
        )  # fmt: skip

    return trigger, path


@case('coco: truncated json')
def _(tmp):
    trig, path = _coco(tmp, raw=json.dumps(_coco_dict()).encode()[:-40])
    return trig, path, ['not valid json', 'line 1'], []


@case('coco: empty file')
def _(tmp):
    trig, path = _coco(tmp, raw=b'')
    return trig, path, ['not valid json'], []


@case('coco: binary file')
def _(tmp):
    trig, path = _coco(tmp, raw=bytes(range(128, 256)))
    return trig, path, ['not a UTF-8 text'], []


@case('coco: top level is a list')
def _(tmp):
    trig, path = _coco(tmp, raw=b'[1, 2]')
    return trig, path, ['expected a json object'], []


@case('coco: missing images')
def _(tmp):
    trig, path = _coco(tmp, lambda d: d.pop('images'))
    return trig, path, ['field "images"'], []


@case('coco: category without a name')
def _(tmp):
    trig, path = _coco(tmp, lambda d: d['categories'][1].pop('name'))
    return trig, path, ['categories[1]', '"name"'], []


@case('coco: image without file_name')
def _(tmp):
    trig, path = _coco(tmp, lambda d: d['images'][1].pop('file_name'))
    return trig, path, ['images[1]', 'field "file_name"'], []


@case('coco: image width of the wrong type')
def _(tmp):
    trig, path = _coco(tmp, lambda d: d['images'][0].update(width='40px'))
    return trig, path, ['images[0] (id=0)', 'field "width"', "'40px'"], []


@case('coco: two images with one id')
def _(tmp):
    trig, path = _coco(tmp, lambda d: d['images'][1].update(id=0))
    return trig, path, ['images[1]', 'field "id" = 0'], []


@case('coco: empty split (no images)')
def _(tmp):
    trig, path = _coco(tmp, lambda d: d.update(images=[], annotations=[]))
    return trig, path, ['field "images" is empty'], []


@case('coco: annotation without bbox')
def _(tmp):
    trig, path = _coco(tmp, lambda d: d['annotations'][2].pop('bbox'))
    return trig, path, ['annotations[2] (id=2)', 'missing field "bbox"'], []


@case('coco: bbox with three values')
def _(tmp):
    trig, path = _coco(tmp, lambda d: d['annotations'][1].update(bbox=[1, 2, 3]))
    return trig, path, ['annotations[1] (id=1)', 'field "bbox"'], []


@case('coco: annotation of an unknown image')
def _(tmp):
    trig, path = _coco(tmp, lambda d: d['annotations'][0].update(image_id=7))
    return trig, path, ['annotations[0] (id=0)', 'field "image_id" = 7'], []


@case('coco: polygon with three values')
def _(tmp):
    trig, path = _coco(tmp, lambda d: d['annotations'][2].update(segmentation=[[1, 2, 3]]))
    return trig, path, ['annotations[2] (id=2)', 'field "segmentation"[0]', 'got 3 values'], []


@case('coco: RLE without counts')
def _(tmp):
    trig, path = _coco(tmp, lambda d: d['annotations'][2].update(segmentation=dict(size=[30, 40])))
    return trig, path, ['annotations[2] (id=2)', 'RLE needs "counts"'], []


@case('coco: class not among the categories (spaces stripped)')
def _(tmp):
    trig, path = _coco(tmp, classes=('pottedplant', 'dog'))
    return trig, path, ["'pottedplant' -> 'potted plant'", 'one class per line'], []


@case('coco: every image filtered out (empty split after filtering)')
def _(tmp):
    path = tmp / 'instances.json'
    path.write_text(json.dumps(_coco_dict()))

    def trigger():
        from mmblog.registry import DATASETS

        DATASETS.build(
            dict(type='CocoDataset', ann_file=str(path), metainfo=dict(classes=('dog',)),
                 filter_cfg=dict(filter_empty_gt=True, min_size=100), pipeline=[])
        )  # fmt: skip

    return trigger, path, ['drops all 2 images', "'min_size': 100"], []


# -- VIA json (balloon2coco) -----------------------------------------------------------------------
def _via(tmp: Path, mutate=None, raw: bytes | None = None):
    _jpeg(tmp / 'a.jpg', size=(40, 50))
    region = dict(
        shape_attributes=dict(name='polygon', all_points_x=[5, 30, 20], all_points_y=[5, 8, 30]),
        region_attributes={},
    )
    data = {'a.jpg1234': dict(filename='a.jpg', size=1234, regions={'0': region})}
    if mutate:
        mutate(data['a.jpg1234'])
    ann = tmp / 'via_region_data.json'
    ann.write_bytes(raw if raw is not None else json.dumps(data).encode())
    out = tmp / 'out' / 'annotation_coco.json'

    def trigger():
        from mmblog.datasets.converters import convert_balloon_to_coco

        convert_balloon_to_coco(str(ann), str(out), str(tmp))

    return trigger, ann, out


def _shape(d):
    return d['regions']['0']['shape_attributes']


@case('via: truncated json')
def _(tmp):
    trig, ann, out = _via(tmp, raw=b'{"a.jpg1234": {"filename": "a.jp')
    return trig, ann, ['malformed json'], [out]


@case('via: top level is a list')
def _(tmp):
    trig, ann, out = _via(tmp, raw=b'[]')
    return trig, ann, ['expected a VIA json object'], [out]


@case('via: empty json (empty split)')
def _(tmp):
    trig, ann, out = _via(tmp, raw=b'{}')
    return trig, ann, ['holds no image records'], [out]


@case('via: record without filename')
def _(tmp):
    trig, ann, out = _via(tmp, lambda d: d.pop('filename'))
    return trig, ann, ["record 'a.jpg1234'", 'field "filename"'], [out]


@case('via: image file missing')
def _(tmp):
    trig, ann, out = _via(tmp, lambda d: d.update(filename='zz.jpg'))
    return trig, ann, ["record 'a.jpg1234'", 'zz.jpg', 'not found'], [out]


@case('via: non-image file as the image')
def _(tmp):
    trig, ann, out = _via(tmp, lambda d: d.update(filename='notes.jpg'))
    (tmp / 'notes.jpg').write_text('hello')
    return trig, ann, ["record 'a.jpg1234'", 'cannot read image'], [out]


@case('via: regions missing')
def _(tmp):
    trig, ann, out = _via(tmp, lambda d: d.pop('regions'))
    return trig, ann, ["record 'a.jpg1234'", 'field "regions"'], [out]


@case('via: rectangle region')
def _(tmp):
    trig, ann, out = _via(tmp, lambda d: _shape(d).update(name='rect'))
    return trig, ann, ['region 0', 'shape_attributes.name', "'rect'"], [out]


@case('via: x and y of different length')
def _(tmp):
    trig, ann, out = _via(tmp, lambda d: _shape(d).update(all_points_y=[1, 2]))
    return trig, ann, ['region 0', '"all_points_x" has 3 values'], [out]


@case('via: two-point polygon')
def _(tmp):
    trig, ann, out = _via(tmp, lambda d: _shape(d).update(all_points_x=[1, 2], all_points_y=[1, 2]))
    return trig, ann, ['region 0', 'polygon has 2 points'], [out]


@case('via: point coordinates of the wrong type')
def _(tmp):
    trig, ann, out = _via(tmp, lambda d: _shape(d).update(all_points_x=[1, '2', 3]))
    return trig, ann, ['region 0', 'field "all_points_x" must hold numbers', "'2'"], [out]


@case('via: unknown class (label out of range)')
def _(tmp):
    trig, ann, out = _via(
        tmp, lambda d: d['regions']['0'].update(region_attributes=dict(name='kite'))
    )
    return trig, ann, ['region 0', "unknown class 'kite'", 'region_attributes.name'], [out]


# -- Cityscapes gtFine (cityscapes.py) -------------------------------------------------------------
def _cityscapes(tmp: Path, inst: np.ndarray | None = None, raw: bytes | None = None):
    img = tmp / 'leftImg8bit/train/aachen/x_000000_000019_leftImg8bit.png'
    gt = tmp / 'gtFine/train/aachen/x_000000_000019_gtFine_instanceIds.png'
    img.parent.mkdir(parents=True)
    gt.parent.mkdir(parents=True)
    cv2.imwrite(str(img), np.zeros((16, 20, 3), np.uint8))
    if inst is None:
        inst = np.full((16, 20), 7, np.uint16)
        inst[2:8, 3:9] = 26001
    if raw is not None:
        gt.write_bytes(raw)
    else:
        cv2.imwrite(str(gt), inst)
    out = tmp / 'annotations'

    def trigger():
        from mmblog.datasets.converters import convert_cityscapes

        convert_cityscapes(str(tmp), str(out), nproc=1, splits=('train',))

    return trigger, gt, out


@case('cityscapes: instanceIds png missing')
def _(tmp):
    trig, gt, out = _cityscapes(tmp)
    gt.unlink()
    return trig, gt, ['x_000000_000019_leftImg8bit.png', 'is missing'], [out]


@case('cityscapes: RGB instanceIds (wrong image mode)')
def _(tmp):
    trig, gt, out = _cityscapes(tmp, inst=np.zeros((16, 20, 3), np.uint8))
    return trig, gt, ['single-channel', '(16, 20, 3)'], [out]


@case('cityscapes: unknown label id')
def _(tmp):
    inst = np.full((16, 20), 7, np.uint16)
    inst[0:4, 0:4] = 45001
    trig, gt, out = _cityscapes(tmp, inst=inst)
    return trig, gt, ['pixel value 45001', 'label id 45'], [out]


@case('cityscapes: truncated instanceIds png')
def _(tmp):
    trig, gt, out = _cityscapes(tmp, raw=b'\x89PNG\r\n\x1a\n' + bytes(20))
    return trig, gt, ['cannot read the instanceIds png'], [out]


@case('cityscapes: gtFine folder missing')
def _(tmp):
    trig, gt, out = _cityscapes(tmp)
    import shutil

    shutil.rmtree(tmp / 'gtFine')
    return trig, tmp / 'gtFine', ['folder not found'], [out]


@case('cityscapes: split without images (empty split)')
def _(tmp):
    trig, gt, out = _cityscapes(tmp)
    next((tmp / 'leftImg8bit/train/aachen').iterdir()).unlink()
    return trig, tmp / 'leftImg8bit/train', ['no *_leftImg8bit.png images'], [out]


# -- images2coco -----------------------------------------------------------------------------------
def _images(tmp: Path, classes_text='cat\ndog\n'):
    for i in range(2):
        _jpeg(tmp / 'imgs' / f'{i}.jpg')
    (tmp / 'classes.txt').write_text(classes_text)
    out = tmp / 'annotations' / 'info.json'

    def trigger():
        from mmblog.datasets.converters import images2coco

        images2coco(str(tmp / 'imgs'), str(tmp / 'classes.txt'), str(out))

    return trigger, out


@case('images2coco: truncated JPEG')
def _(tmp):
    trig, out = _images(tmp)
    path = tmp / 'imgs/1.jpg'
    path.write_bytes(path.read_bytes()[:300])
    return trig, path, ['cannot read image'], [out]


@case('images2coco: text file named .png')
def _(tmp):
    trig, out = _images(tmp)
    (tmp / 'imgs/fake.png').write_text('hello')
    return trig, tmp / 'imgs/fake.png', ['cannot read image'], [out]


@case('images2coco: empty classes file')
def _(tmp):
    trig, out = _images(tmp, classes_text='\n\n')
    return trig, tmp / 'classes.txt', ['no class names'], [out]


@case('images2coco: duplicate class names')
def _(tmp):
    trig, out = _images(tmp, classes_text='cat\ndog\ncat\n')
    return trig, tmp / 'classes.txt', ["duplicate class names ['cat']"], [out]


@case('images2coco: folder without images (empty split)')
def _(tmp):
    trig, out = _images(tmp)
    for f in (tmp / 'imgs').iterdir():
        f.unlink()
    return trig, tmp / 'imgs', ['no images'], [out]


# -- VQ code files (extract_vq_codes.py output) -------------------------------------------------------
def _codes(tmp: Path, raw: bytes | None = None, **arrays):
    path = tmp / 'codes.npz'
    good = dict(
        train_codes=np.random.default_rng(0).integers(0, 8, (4, 3, 3)),
        train_labels=np.arange(4),
        num_codes_codes=np.int64(8),
    )
    good.update(arrays)
    good = {k: v for k, v in good.items() if v is not None}
    if raw is not None:
        path.write_bytes(raw)
    else:
        np.savez(path, **good)

    def trigger():
        from mmblog.datasets.vq_codes import VQCodesDataset

        VQCodesDataset(codes_file=str(path), split='train', pipeline=[])

    return trigger, path


@case('vq codes: text file')
def _(tmp):
    trig, path = _codes(tmp, raw=b'codes: 1 2 3\n')
    return trig, path, ['not a code file written by extract_vq_codes.py'], []


@case('vq codes: truncated npz')
def _(tmp):
    trig, path = _codes(tmp)
    path.write_bytes(path.read_bytes()[:-200])
    return trig, path, ['not a code file written by extract_vq_codes.py'], []


@case('vq codes: missing array')
def _(tmp):
    trig, path = _codes(tmp, train_codes=None)
    return trig, path, ["no array 'train_codes'"], []


@case('vq codes: float codes (wrong type)')
def _(tmp):
    trig, path = _codes(tmp, train_codes=np.zeros((4, 3, 3), np.float32))
    return trig, path, ['array "train_codes"', 'float32'], []


@case('vq codes: code out of range')
def _(tmp):
    codes = np.zeros((4, 3, 3), np.int64)
    codes[1, 2, 2] = 8
    trig, path = _codes(tmp, train_codes=codes)
    return trig, path, ['record 1 of array "train_codes"', 'outside [0, 8)'], []


@case('vq codes: empty split')
def _(tmp):
    trig, path = _codes(tmp, train_codes=np.zeros((0, 3, 3), np.int64), train_labels=np.zeros(0))
    return trig, path, ['holds no records'], []


@case('vq codes: labels of another length')
def _(tmp):
    trig, path = _codes(tmp, train_labels=np.arange(3))
    return trig, path, ['array "train_labels" has 3 records', 'has 4'], []


@case('vq codes: pickled object array')
def _(tmp):
    trig, path = _codes(tmp, train_labels=np.array([None, 1, 2, 3], dtype=object))
    return trig, path, ['cannot be read'], []


@pytest.mark.parametrize('name', sorted(CASES))
def test_malformed_input_gives_one_line_naming_file_record_field(name, tmp_path):
    trigger, file, tokens, outputs = CASES[name](tmp_path)
    with pytest.raises(Exception) as info:  # noqa: PT011 - the class is checked below
        trigger()
    exc = info.value
    message = str(exc.args[0]) if isinstance(exc, KeyError) else str(exc)
    assert _user_error_message(exc) is not None, f'tools would print a traceback: {exc!r}'
    assert '\n' not in message, message
    assert str(file) in message, (str(file), message)
    for token in tokens:
        assert token in message, (token, message)
    for out in outputs:  # nothing half-written
        assert not out.exists(), out
        siblings = list(out.parent.glob('*.tmp')) if out.parent.exists() else []
        assert not siblings, siblings


def test_the_matrix_has_at_least_forty_cases():
    assert len(CASES) >= 40


@pytest.mark.parametrize(
    'kind',
    ['grey', 'rgba', '16-bit'],
)
def test_other_image_modes_load_as_three_channel_bytes(kind, tmp_path):
    """Grey, RGBA and 16-bit PNGs are valid images: they load as H x W x 3 uint8 (not an error)."""
    from mmblog.registry import TRANSFORMS

    img = {
        'grey': np.full((6, 7), 200, np.uint8),
        'rgba': np.full((6, 7, 4), 200, np.uint8),
        '16-bit': np.full((6, 7, 3), 200 * 257, np.uint16),
    }[kind]
    path = tmp_path / f'{kind}.png'
    cv2.imwrite(str(path), img)
    out = TRANSFORMS.build(dict(type='LoadImageFromFile'))(dict(img_path=str(path)))
    assert out['img'].shape == (6, 7, 3) and out['img'].dtype == np.uint8
    assert int(out['img'].mean()) == 200
