"""Shared helpers of the converters: clear errors and all-or-nothing writes."""

import json
import os
import os.path as osp
import tempfile


class ConversionError(ValueError):
    """Bad converter input; the message names the file, the record and the field."""


def dump_json_atomic(obj, path: str) -> None:
    """Write ``obj`` as json to a temp file next to ``path``, then rename it into place."""
    folder = osp.dirname(osp.abspath(path))
    os.makedirs(folder, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix='.' + osp.basename(path), suffix='.tmp', dir=folder)
    try:
        with os.fdopen(fd, 'w', encoding='utf-8') as f:
            json.dump(obj, f)
        os.replace(tmp, path)
    except BaseException:
        if osp.exists(tmp):
            os.remove(tmp)
        raise


def load_json(path: str):
    """Read a json file; a missing or malformed file raises :class:`ConversionError`."""
    if not osp.isfile(path):
        raise ConversionError(f'{path}: file not found')
    try:
        with open(path, encoding='utf-8') as f:
            return json.load(f)
    except json.JSONDecodeError as exc:
        raise ConversionError(f'{path}: malformed json ({exc})') from exc
