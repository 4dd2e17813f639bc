"""Convert a torchvision Faster/Mask R-CNN R-50-FPN state_dict into an mmblog checkpoint.

    python tools/model_converters/torchvision2mmblog.py SRC.pth DST.pth [--coco80]

SRC is what ``torch.save(model.state_dict())`` wrote for
``torchvision.models.detection.{fasterrcnn,maskrcnn}_resnet50_fpn`` (or a dict holding it under
``model``/``state_dict``). Parameters are renamed; only the class rows move: torchvision puts the
background first, mmblog last. torchvision's COCO models have 91 slots (category ids, with unused
ones); by default all 90 foreground slots are kept (``num_classes=90``, label ``i`` is category id
``i + 1``); ``--coco80`` keeps the 80 real COCO categories in id order (``num_classes=80``, the
label order of mmblog's CocoDataset) so the converted model runs with the stock COCO configs
(scores then differ slightly from torchvision's: the softmax no longer includes the 10 unused
slots, which a trained model gives almost no probability).

Get SRC where torchvision can download weights:
``torch.save(fasterrcnn_resnet50_fpn(weights='DEFAULT').state_dict(), 'SRC.pth')``.
"""

import argparse

from mmblog.models.converters import convert, load_state_dict, save_checkpoint
from mmblog.utils import run_cli


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description='torchvision Faster/Mask R-CNN -> mmblog')
    parser.add_argument('src', help='torchvision state_dict (.pth)')
    parser.add_argument('dst', help='output mmblog checkpoint (.pth)')
    parser.add_argument('--coco80', action='store_true', help='keep the 80 COCO classes only')
    args = parser.parse_args(argv)
    converted = convert(load_state_dict(args.src), coco80=args.coco80)
    num_classes = converted['roi_head.bbox_head.fc_cls.weight'].shape[0] - 1
    with_mask = any(k.startswith('roi_head.mask_head.') for k in converted)
    save_checkpoint(converted, args.dst, dict(source=args.src, num_classes=num_classes))
    print(
        f'wrote {args.dst}: {"Mask" if with_mask else "Faster"} R-CNN, {len(converted)} tensors, '
        f'num_classes={num_classes} (set bbox_head{"/mask_head" if with_mask else ""} num_classes)'
    )


if __name__ == '__main__':
    run_cli(main)
