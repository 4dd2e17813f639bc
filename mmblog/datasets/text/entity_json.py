"""Shared reading of ERNIE's fine-tuning json files (OpenEntity, FewRel, TACRED)."""

import json
import os.path as osp

from mmblog.utils.data_check import DataFormatError, MissingDataError


def load_json_records(path: str, make_command: str) -> list:
    """The top-level json list of ``path``; a missing file or another layout is one line."""
    if not osp.isfile(path):
        raise MissingDataError(f'data not found: {path} -- create it with: {make_command}')
    try:
        with open(path, encoding='utf-8') as f:
            records = json.load(f)
    except json.JSONDecodeError as exc:
        raise DataFormatError(f'{path}: not valid json (line {exc.lineno}: {exc.msg})') from None
    if not isinstance(records, list):
        raise DataFormatError(
            f'{path}: expected a json list of records, got {type(records).__name__}'
        )
    return records


def check_span(path: str, idx: int, field: str, start, end, text: str) -> tuple[int, int]:
    """A ``(start, end)`` character span inside ``text``."""
    if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text)):
        raise DataFormatError(
            f'{path}: record {idx}: field {field}: span ({start}, {end}) is not inside the '
            f'{len(text)}-character text'
        )
    return start, end


def check_entities(path: str, idx: int, field: str, ents, text: str) -> list[list]:
    """ERNIE's entity links ``[[qid, start, end, score], ...]`` (character offsets)."""
    if not isinstance(ents, list):
        raise DataFormatError(f'{path}: record {idx}: field {field}: expected a list')
    out = []
    for k, ent in enumerate(ents):
        if not (isinstance(ent, list) and len(ent) >= 3 and isinstance(ent[0], str)):
            raise DataFormatError(
                f'{path}: record {idx}: field {field}[{k}]: expected [qid, start, end, score]'
            )
        start, end = check_span(path, idx, f'{field}[{k}]', ent[1], ent[2], text)
        score = float(ent[3]) if len(ent) > 3 else 1.0
        out.append([ent[0], start, end, score])
    return out


def require_fields(path: str, idx: int, record, fields: tuple[str, ...]) -> None:
    if not isinstance(record, dict):
        raise DataFormatError(f'{path}: record {idx}: expected a json object')
    for field in fields:
        if field not in record:
            raise DataFormatError(f'{path}: record {idx}: field {field} is missing')
