"""A folder of images (and a class list) -> a COCO json with images but no annotations."""

import os
import os.path as osp
import sys

from mmengine.utils import track_iter_progress

from .common import ConversionError, dump_json_atomic

IMG_EXTENSIONS = ('.jpg', '.jpeg', '.png', '.bmp', '.tif', '.tiff', '.webp')


def collect_image_infos(path: str, exclude_extensions=None) -> list[dict]:
    """Size of every image under ``path`` (recursive); ``file_name`` is relative to ``path``."""
    from PIL import Image

    if not osp.isdir(path):
        raise ConversionError(f'{path}: image folder not found')
    excluded = tuple(
        e.lower() if e.startswith('.') else '.' + e.lower() for e in (exclude_extensions or ())
    )
    files = []
    for root, _, names in os.walk(path):
        for name in names:
            low = name.lower()
            if low.endswith(IMG_EXTENSIONS) and not (excluded and low.endswith(excluded)):
                files.append(osp.relpath(osp.join(root, name), path))
    files.sort()
    if not files:
        raise ConversionError(f'{path}: no images ({", ".join(IMG_EXTENSIONS)}) found')
    infos = []
    for rel in track_iter_progress(files, file=sys.stdout):
        full = osp.join(path, rel)
        try:
            with Image.open(full) as img:
                width, height = img.size
                # Decode fully (as MMDetection's mmcv.imread does): a truncated file has a
                # valid header and would otherwise pass, then fail at test time.
                img.load()
        except Exception as exc:
            raise ConversionError(f'{full}: cannot read image ({exc})') from exc
        infos.append(dict(filename=rel, width=width, height=height))
    return infos


def read_classes(path: str) -> list[str]:
    """Class names, one per line (blank lines ignored)."""
    if not osp.isfile(path):
        raise ConversionError(f'{path}: classes file not found (one class name per line)')
    with open(path, encoding='utf-8') as f:
        classes = [line.strip() for line in f if line.strip()]
    if not classes:
        raise ConversionError(f'{path}: no class names (one per line)')
    dup = sorted({c for c in classes if classes.count(c) > 1})
    if dup:
        raise ConversionError(f'{path}: duplicate class names {dup}')
    return classes


def cvt_to_coco_json(img_infos: list[dict], classes) -> dict:
    """COCO dict with ``images`` and ``categories`` (ids from 0, as MMDetection's tool)."""
    coco = dict(images=[], annotations=[], categories=[], type='instance')
    for category_id, name in enumerate(classes):
        coco['categories'].append(dict(supercategory='none', id=category_id, name=str(name)))
    seen = set()
    for image_id, info in enumerate(img_infos):
        if info['filename'] in seen:
            raise ConversionError(f'image {info["filename"]} listed twice')
        seen.add(info['filename'])
        coco['images'].append(
            dict(
                id=image_id,
                file_name=info['filename'],
                height=int(info['height']),
                width=int(info['width']),
            )
        )
    return coco


def images2coco(img_path: str, classes_file: str, out: str, exclude_extensions=None) -> str:
    """Write the image-info json; returns its path.

    ``out`` that is a bare file name goes to ``IMG_PATH/../annotations/`` (MMDetection's layout);
    a path with a folder is used as given.
    """
    if not out.endswith('.json'):
        raise ConversionError(f'output file name must end with .json, got {out!r}')
    classes = read_classes(classes_file)
    infos = collect_image_infos(img_path, exclude_extensions)
    coco = cvt_to_coco_json(infos, classes)
    if osp.dirname(out):
        save_path = out
    else:
        save_path = osp.join(osp.dirname(osp.abspath(img_path.rstrip('/\\'))), 'annotations', out)
    dump_json_atomic(coco, save_path)
    return save_path
