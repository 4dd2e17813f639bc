"""Convert a torchvision state_dict into an mmblog checkpoint: detectors and classifiers.

    python tools/model_converters/torchvision2mmblog.py SRC.pth DST.pth [--coco80]
    python tools/model_converters/torchvision2mmblog.py SRC.pth DST.pth --config CLS_CONFIG

Classifiers (``--config``): ResNet, VGG(-BN), AlexNet, GoogLeNet and Inception v3 state_dicts
map onto the mmblog ``ImageClassifier`` the config builds (AlexNet and GoogLeNet need
``model.backbone.arch=torchvision``); logits are identical. Get SRC with e.g.
``torch.save(torchvision.models.resnet50(weights='IMAGENET1K_V1').state_dict(), 'SRC.pth')``.
The result also serves as a detection backbone start:
``--cfg-options model.backbone.init_cfg.checkpoint=DST.pth model.backbone.init_cfg.prefix=backbone.``

Detectors (no ``--config``):

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

from mmengine.config import Config, DictAction

from mmblog.models.converters import (
    CONFIG_HINTS,
    convert,
    convert_classifier,
    detect_classifier_arch,
    load_state_dict,
    save_checkpoint,
)
from mmblog.utils import ToolUsageError, merge_cfg_options, run_cli


def convert_with_config(src: str, dst: str, config: str, cfg_options: dict | None) -> None:
    from mmblog.registry import MODELS
    from mmblog.utils import register_all_modules

    state = load_state_dict(src)
    cfg = merge_cfg_options(Config.fromfile(config), cfg_options)
    register_all_modules(init_default_scope=False)
    model = MODELS.build(cfg.model)
    converted = convert_classifier(state, model)
    arch = detect_classifier_arch(state)
    save_checkpoint(converted, dst, dict(source=src, arch=arch, config=config))
    print(f'wrote {dst}: torchvision {arch} -> {cfg.model.type}, {len(converted)} tensors')


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description='torchvision detector/classifier -> mmblog')
    parser.add_argument('src', help='torchvision state_dict (.pth)')
    parser.add_argument('dst', help='output mmblog checkpoint (.pth)')
    parser.add_argument('--coco80', action='store_true', help='keep the 80 COCO classes only')
    parser.add_argument('--config', help='mmblog classifier config (torchvision classifiers)')
    parser.add_argument('--cfg-options', nargs='+', action=DictAction, help='override config keys')
    args = parser.parse_args(argv)
    if args.config:
        convert_with_config(args.src, args.dst, args.config, args.cfg_options)
        return
    arch = detect_classifier_arch(load_state_dict(args.src))
    if arch is not None:
        raise ToolUsageError(
            f'{args.src} is a torchvision {arch} classifier: pass --config {CONFIG_HINTS[arch]}'
        )
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
