"""FewRel and TACRED in the json layout of ERNIE's relation-classification data."""

from mmengine.dataset import BaseDataset

from mmblog.registry import DATASETS
from mmblog.utils.data_check import DataFormatError

from .entity_json import check_entities, load_json_records, require_fields


class _RelationJsonDataset(BaseDataset):
    """``{"text", "label", "ents": [head, tail], "ann": [[qid, start, end, score], ...]}``.

    ``ents`` holds the head and the tail mention as ``[name, start, end, ...]`` character spans
    (ERNIE marks them with [HD]/[TL]); ``ann`` holds the entity links. Each example is
    ``dict(text, head_span, tail_span, entities, gt_label)``.
    """

    METAINFO = dict(classes=())
    MAKE_COMMAND = 'see configs/ernie/README.md'

    def load_data_list(self) -> list[dict]:
        path = self.ann_file
        classes = list(self.metainfo.get('classes') or ())
        if not classes:
            raise DataFormatError(
                f'{path}: {type(self).__name__} needs metainfo=dict(classes=[...])'
            )
        index = {c: i for i, c in enumerate(classes)}
        data = []
        for idx, rec in enumerate(load_json_records(path, self.MAKE_COMMAND)):
            require_fields(path, idx, rec, ('text', 'label', 'ents'))
            text = rec['text']
            marks = check_entities(path, idx, 'ents', rec['ents'], text)
            if len(marks) != 2:
                raise DataFormatError(
                    f'{path}: record {idx}: field ents: expected the head and the tail, got '
                    f'{len(marks)} spans'
                )
            if rec['label'] not in index:
                raise DataFormatError(
                    f'{path}: record {idx}: field label: {rec["label"]!r} is not one of the '
                    f'{len(classes)} classes'
                )
            data.append(
                dict(
                    text=text,
                    head_span=tuple(marks[0][1:3]),
                    tail_span=tuple(marks[1][1:3]),
                    entities=check_entities(path, idx, 'ann', rec.get('ann', []), text),
                    gt_label=index[rec['label']],
                    sample_idx=idx,
                )
            )
        return data


@DATASETS.register_module()
class FewRelDataset(_RelationJsonDataset):
    """FewRel (Han et al., 2018) as ERNIE fine-tunes on it (80 relations, supervised split)."""


@DATASETS.register_module()
class TACREDDataset(_RelationJsonDataset):
    """TACRED (Zhang et al., 2017) as ERNIE fine-tunes on it (42 relations incl. no_relation)."""
