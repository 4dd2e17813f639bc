"""OpenEntity (Choi et al., 2018) in the json layout of ERNIE's fine-tuning data."""

from mmengine.dataset import BaseDataset

from mmblog.registry import DATASETS
from mmblog.utils.data_check import DataFormatError

from .entity_json import check_entities, check_span, load_json_records, require_fields


@DATASETS.register_module()
class OpenEntityDataset(BaseDataset):
    """Entity typing: a sentence, the mention to type, its labels and linked entities.

    ``ann_file`` is a json list of ``{"sent", "start", "end", "labels", "ents"}`` records with
    character offsets; ``ents`` are ``[qid, start, end, score]`` entity links. Each example is
    ``dict(text, mention_span, entities, gt_label)`` where ``gt_label`` is the sorted list of
    class indices of ``metainfo['classes']`` (multi-label).

    Args:
        ann_file: The json file (``train.json``/``dev.json``/``test.json``).
        metainfo: ``dict(classes=[...])``: the label set (ERNIE uses OpenEntity's 9 general
            types); a label outside it is an error naming the record.
    """

    METAINFO = dict(classes=())
    MAKE_COMMAND = 'python tools/misc/make_demo_data.py --only ernie_typing'

    def load_data_list(self) -> list[dict]:
        path = self.ann_file
        classes = list(self.metainfo.get('classes') or ())
        if not classes:
            raise DataFormatError(f'{path}: OpenEntityDataset needs metainfo=dict(classes=[...])')
        index = {c: i for i, c in enumerate(classes)}
        data = []
        for idx, rec in enumerate(load_json_records(path, self.MAKE_COMMAND)):
            require_fields(path, idx, rec, ('sent', 'start', 'end', 'labels', 'ents'))
            text = rec['sent']
            span = check_span(path, idx, 'start/end', rec['start'], rec['end'], text)
            for label in rec['labels']:
                if label not in index:
                    raise DataFormatError(
                        f'{path}: record {idx}: field labels: {label!r} is not one of the '
                        f'{len(classes)} classes'
                    )
            data.append(
                dict(
                    text=text,
                    mention_span=span,
                    entities=check_entities(path, idx, 'ents', rec['ents'], text),
                    gt_label=sorted(index[label] for label in rec['labels']),
                    sample_idx=idx,
                )
            )
        return data
