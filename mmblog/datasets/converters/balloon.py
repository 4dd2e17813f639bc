"""The balloon dataset's VIA json -> COCO (the seed's ``convert_balloon_to_coco``, checked)."""

import os.path as osp
import sys
from numbers import Number

from mmengine.utils import track_iter_progress

from .common import ConversionError, dump_json_atomic, load_json

BALLOON_CLASSES = ('balloon',)


def _region_items(ann_file: str, key: str, record: dict) -> list:
    regions = record.get('regions')
    if isinstance(regions, dict):  # VIA 1.x: {"0": {...}, "1": {...}}
        return list(regions.items())
    if isinstance(regions, list):  # VIA 2.x: [{...}, {...}]
        return [(str(i), r) for i, r in enumerate(regions)]
    raise ConversionError(f'{ann_file}: record {key!r}: field "regions" missing or not a dict/list')


def _check_class(ann_file: str, key: str, rid: str, attrs) -> None:
    if not attrs:
        return
    if not isinstance(attrs, dict):
        raise ConversionError(
            f'{ann_file}: record {key!r} region {rid}: field "region_attributes" must be an object'
        )
    for field, value in attrs.items():
        if value not in BALLOON_CLASSES:
            raise ConversionError(
                f'{ann_file}: record {key!r} region {rid}: unknown class {value!r} in '
                f'"region_attributes.{field}"; the balloon converter knows only {BALLOON_CLASSES}'
            )


def convert_balloon_to_coco(ann_file: str, out_file: str, image_prefix: str) -> dict:
    """Convert one VIA json to a COCO json with one category ``balloon`` (id 0).

    Polygon points are shifted by +0.5 (pixel centres); the box is the extremes of the raw
    points, and ``area`` the box area, exactly as the walkthrough's code.

    Returns:
        The COCO dict that was written.
    """
    data_infos = load_json(ann_file)
    if not isinstance(data_infos, dict):
        raise ConversionError(f'{ann_file}: expected a VIA json object keyed by image')
    if not data_infos:
        raise ConversionError(f'{ann_file}: the VIA json holds no image records')
    annotations, images = [], []
    obj_count = 0
    for idx, (key, v) in enumerate(track_iter_progress(list(data_infos.items()), file=sys.stdout)):
        if not isinstance(v, dict):
            raise ConversionError(f'{ann_file}: record {key!r} is not an object')
        filename = v.get('filename')
        if not isinstance(filename, str) or not filename:
            raise ConversionError(f'{ann_file}: record {key!r}: field "filename" missing')
        img_path = osp.join(image_prefix, filename)
        if not osp.isfile(img_path):
            raise ConversionError(
                f'{ann_file}: record {key!r}: image {img_path} (field "filename") not found'
            )
        import mmcv

        img = mmcv.imread(img_path)
        if img is None:
            raise ConversionError(f'{ann_file}: record {key!r}: cannot read image {img_path}')
        height, width = img.shape[:2]
        images.append(dict(id=idx, file_name=filename, height=height, width=width))

        for rid, region in _region_items(ann_file, key, v):
            where = f'{ann_file}: record {key!r} region {rid}'
            if not isinstance(region, dict):
                raise ConversionError(f'{where}: not an object')
            _check_class(ann_file, key, rid, region.get('region_attributes'))
            obj = region.get('shape_attributes')
            if not isinstance(obj, dict):
                raise ConversionError(f'{where}: field "shape_attributes" missing')
            if obj.get('name') != 'polygon':
                raise ConversionError(
                    f'{where}: field "shape_attributes.name" is {obj.get("name")!r}, '
                    "only 'polygon' regions are supported"
                )
            px, py = obj.get('all_points_x'), obj.get('all_points_y')
            if not isinstance(px, list) or not isinstance(py, list):
                raise ConversionError(f'{where}: fields "all_points_x"/"all_points_y" missing')
            if len(px) != len(py):
                raise ConversionError(
                    f'{where}: "all_points_x" has {len(px)} values but "all_points_y" {len(py)}'
                )
            for field, values in (('all_points_x', px), ('all_points_y', py)):
                bad = [v for v in values if isinstance(v, bool) or not isinstance(v, Number)]
                if bad:
                    raise ConversionError(
                        f'{where}: field "{field}" must hold numbers, got {bad[0]!r}'
                    )
            if len(px) < 3:
                raise ConversionError(
                    f'{where}: polygon has {len(px)} points ("all_points_x"); need at least 3'
                )
            poly = [(x + 0.5, y + 0.5) for x, y in zip(px, py)]
            poly = [p for xy in poly for p in xy]
            x_min, y_min, x_max, y_max = min(px), min(py), max(px), max(py)
            annotations.append(
                dict(
                    image_id=idx,
                    id=obj_count,
                    category_id=0,
                    bbox=[x_min, y_min, x_max - x_min, y_max - y_min],
                    area=(x_max - x_min) * (y_max - y_min),
                    segmentation=[poly],
                    iscrowd=0,
                )
            )
            obj_count += 1
    coco = dict(images=images, annotations=annotations, categories=[dict(id=0, name='balloon')])
    dump_json_atomic(coco, out_file)
    return coco
