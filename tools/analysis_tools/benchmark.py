"""Speed and memory of a config's model, optionally against torchvision's same architecture.

    python tools/analysis_tools/benchmark.py CONFIG [--mode train|inference|all] [--iters N]
        [--warmup W] [--batch-size B] [--shape H W] [--reference torchvision] [--device cpu]

Reports train iter/s, inference img/s and peak memory (process RSS on CPU, max allocated CUDA
memory on GPU). Batches come from the config's dataloaders, or are synthetic with ``--shape``.
With ``--reference torchvision`` the reference model of ``REFERENCES[model type]`` runs on the
same batches, its steps interleaved with mmblog's (so load changes on a shared machine hit both
alike), and the ratio mmblog / reference is printed. Other families add one entry to
``REFERENCES`` (and ``SYNTHETIC`` for ``--shape``).
"""

import argparse
import copy
import resource
import time
from collections.abc import Callable
from dataclasses import dataclass

import torch
from mmengine.config import Config, DictAction
from mmengine.optim import build_optim_wrapper
from mmengine.registry import init_default_scope
from mmengine.runner import Runner
from mmengine.structures import InstanceData
from mmengine.utils import import_modules_from_strings

from mmblog.registry import MODELS
from mmblog.utils import merge_cfg_options, register_all_modules, run_cli


@dataclass
class Reference:
    """A reference implementation: ``prepare`` (untimed) turns an mmblog batch into its inputs;
    ``train_step`` / ``infer`` are timed."""

    name: str
    prepare: Callable
    train_step: Callable
    infer: Callable
    module: torch.nn.Module | None = None


# ---------------------------------------------------------------- detection (torchvision R-CNN)
def _torchvision_rcnn(cfg: Config, model, device) -> Reference:
    """torchvision Faster/Mask R-CNN with the config's backbone depth, FPN, heads and test
    settings, no resizing (both see the same already-resized images) and mmblog's weights
    copied from it (via the converter), so both do exactly the same work."""
    import importlib.util
    import os.path as osp

    from torchvision.models import resnet
    from torchvision.models.detection import FasterRCNN, MaskRCNN
    from torchvision.models.detection.backbone_utils import _resnet_fpn_extractor
    from torchvision.models.detection.faster_rcnn import FastRCNNPredictor, TwoMLPHead
    from torchvision.models.detection.mask_rcnn import MaskRCNNPredictor

    m = cfg.model
    bb = m.backbone
    if (
        bb.get('style', 'pytorch') != 'pytorch'
        or bb.get('base_channels', 64) != 64
        or bb.depth not in (50, 101)
    ):
        raise ValueError('the torchvision reference needs a pytorch-style ResNet-50/101 backbone')
    if m.roi_head.type != 'StandardRoIHead' or m.neck.get('out_channels') != 256:
        raise ValueError(
            'the torchvision reference covers Faster/Mask R-CNN with a 256-channel FPN'
        )
    frozen = bb.get('frozen_stages', -1)
    # plain BatchNorm2d (what fasterrcnn_resnet50_fpn(weights=None) builds); with norm_eval the
    # backbone's BN layers are put in eval mode for training below, as mmblog's ResNet does
    net = getattr(resnet, f'resnet{bb.depth}')(weights=None)
    norm_eval = bool(bb.get('norm_eval'))
    backbone = _resnet_fpn_extractor(net, trainable_layers=min(5, 4 - frozen))
    head = m.roi_head.bbox_head
    num_classes = head.num_classes + 1
    test_rpn, test_rcnn = m.test_cfg.rpn, m.test_cfg.rcnn
    kwargs = dict(
        min_size=1,
        max_size=100000,
        rpn_pre_nms_top_n_test=test_rpn.nms_pre,
        rpn_post_nms_top_n_test=test_rpn.max_per_img,
        rpn_pre_nms_top_n_train=m.train_cfg.rpn_proposal.nms_pre,
        rpn_post_nms_top_n_train=m.train_cfg.rpn_proposal.max_per_img,
        rpn_nms_thresh=test_rpn.nms.iou_threshold,
        box_score_thresh=test_rcnn.score_thr,
        box_nms_thresh=test_rcnn.nms.iou_threshold,
        box_detections_per_img=test_rcnn.max_per_img,
        box_batch_size_per_image=m.train_cfg.rcnn.sampler.num,
        box_head=TwoMLPHead(256 * 7 * 7, head.fc_out_channels),
        box_predictor=FastRCNNPredictor(head.fc_out_channels, num_classes),
        image_mean=[0.485, 0.456, 0.406],
        image_std=[0.229, 0.224, 0.225],
    )
    if 'mask_head' in m.roi_head:
        kwargs['mask_predictor'] = MaskRCNNPredictor(256, 256, num_classes)
    ref = (MaskRCNN if 'mask_head' in m.roi_head else FasterRCNN)(backbone, None, **kwargs)
    ref.transform.resize = lambda image, target=None: (image, target)  # inputs are pre-sized

    path = osp.join(osp.dirname(__file__), '..', 'model_converters', 'torchvision2mmblog.py')
    spec = importlib.util.spec_from_file_location('torchvision2mmblog', path)
    conv = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(conv)
    missing = model.load_state_dict(conv.convert(ref.state_dict()), strict=False)
    if missing.unexpected_keys or [k for k in missing.missing_keys if 'num_batches' not in k]:
        raise ValueError(f'weights do not line up with torchvision: {missing}')
    ref.to(device)
    opt = torch.optim.SGD([p for p in ref.parameters() if p.requires_grad], lr=1e-4, momentum=0.9)

    def prepare(batch):
        images = [x.to(device)[[2, 1, 0]].float() / 255 for x in batch['inputs']]  # BGR -> RGB
        targets = []
        for s in batch['data_samples']:
            t = dict(
                boxes=s.gt_instances.bboxes.to(device), labels=s.gt_instances.labels.to(device) + 1
            )
            if 'masks' in s.gt_instances:
                t['masks'] = torch.as_tensor(s.gt_instances.masks).to(device)
            targets.append(t)
        return images, targets

    def train_step(prepared):
        ref.train()
        if norm_eval:
            for mod in ref.backbone.body.modules():
                if isinstance(mod, torch.nn.BatchNorm2d):
                    mod.eval()
        losses = ref(*prepared)
        opt.zero_grad()
        sum(losses.values()).backward()
        opt.step()

    @torch.no_grad()
    def infer(prepared):
        ref.eval()
        return ref(prepared[0])

    return Reference('torchvision ' + type(ref).__name__, prepare, train_step, infer, ref)


def _synthetic_detection(cfg: Config, batch_size: int, shape: tuple) -> dict:
    """Random images with three random boxes (and masks) each, in PackDetInputs' format."""
    from mmblog.structures.det_data_sample import DetDataSample

    h, w = shape
    heads = cfg.model.roi_head.bbox_head
    num_classes = (heads[0] if isinstance(heads, (list, tuple)) else heads).num_classes
    g = torch.Generator().manual_seed(0)
    inputs, samples = [], []
    for _ in range(batch_size):
        inputs.append(torch.randint(0, 256, (3, h, w), dtype=torch.uint8, generator=g))
        xy = torch.rand(3, 2, generator=g) * torch.tensor([w * 0.6, h * 0.6])
        wh = (torch.rand(3, 2, generator=g) * 0.3 + 0.1) * torch.tensor([w, h])
        boxes = torch.cat([xy, xy + wh], 1)
        masks = torch.zeros(3, h, w, dtype=torch.uint8)
        for i, (x1, y1, x2, y2) in enumerate(boxes.long().tolist()):
            masks[i, y1:y2, x1:x2] = 1
        s = DetDataSample(
            metainfo=dict(img_shape=(h, w), ori_shape=(h, w), scale_factor=(1.0, 1.0))
        )
        s.gt_instances = InstanceData(
            bboxes=boxes, labels=torch.randint(0, num_classes, (3,), generator=g), masks=masks
        )
        samples.append(s)
    return dict(inputs=inputs, data_samples=samples)


# ------------------------------------------------------- classification (torchvision ResNet)
def _torchvision_classifier(cfg: Config, model, device) -> Reference:
    """torchvision's ``resnet{depth}`` for an ImageClassifier with the shared ResNet backbone,
    GAP and a linear head; mmblog's weights are copied from it (the parameter names are
    torchvision's), and both run the config's SGD and their own input normalisation."""
    import torchvision

    m = cfg.model
    bb = m.get('backbone') or {}
    if (
        bb.get('type') != 'ResNet'
        or bb.get('style', 'pytorch') != 'pytorch'
        or tuple(bb.get('out_indices', ())) != (3,)
        or m.head.type != 'LinearClsHead'
    ):
        raise ValueError(
            'the torchvision classification reference needs a pytorch-style '
            'ResNet (out_indices=(3,)) with a LinearClsHead'
        )
    ref = getattr(torchvision.models, f'resnet{bb.depth}')(
        weights=None, num_classes=m.head.num_classes
    )
    state = {
        ('head.' if k.startswith('fc.') else 'backbone.') + k: v
        for k, v in ref.state_dict().items()
    }
    model.load_state_dict(state, strict=True)
    ref.to(device)
    opt_cfg = dict(cfg.optim_wrapper.optimizer)
    if opt_cfg.pop('type') != 'SGD':
        raise ValueError('the torchvision classification reference mirrors an SGD optimizer')
    opt = torch.optim.SGD(ref.parameters(), **opt_cfg)
    pre = m.data_preprocessor
    mean = torch.tensor(pre.get('mean', [0.0] * 3), device=device).view(1, -1, 1, 1)
    std = torch.tensor(pre.get('std', [1.0] * 3), device=device).view(1, -1, 1, 1)
    bgr_to_rgb = pre.get('bgr_to_rgb', False)

    def prepare(batch):
        images = torch.stack(list(batch['inputs']))
        labels = torch.cat([s.gt_label for s in batch['data_samples']])
        return images, labels

    def normalise(images):
        x = images.to(device).float()
        x = x[:, [2, 1, 0]] if bgr_to_rgb else x
        return (x - mean) / std

    def train_step(prepared):
        ref.train()
        images, labels = prepared
        loss = torch.nn.functional.cross_entropy(ref(normalise(images)), labels.to(device))
        opt.zero_grad()
        loss.backward()
        opt.step()

    @torch.no_grad()
    def infer(prepared):
        ref.eval()
        return ref(normalise(prepared[0])).softmax(-1)

    return Reference(f'torchvision resnet{bb.depth}', prepare, train_step, infer, ref)


def _synthetic_classification(cfg: Config, batch_size: int, shape: tuple) -> dict:
    """Random uint8 images with random labels, in PackClsInputs' format."""
    from mmblog.structures import ClsDataSample

    h, w = shape
    num_classes = cfg.model.head.get('num_classes', 2)
    channels = len(cfg.model.get('data_preprocessor', {}).get('mean', [0, 0, 0]))
    g = torch.Generator().manual_seed(0)
    inputs = [
        torch.randint(0, 256, (channels, h, w), dtype=torch.uint8, generator=g)
        for _ in range(batch_size)
    ]
    labels = torch.randint(0, num_classes, (batch_size,), generator=g)
    samples = [ClsDataSample(metainfo=dict(img_shape=(h, w))).set_gt_label(int(y)) for y in labels]
    # Stacked, as the classification configs' default_collate delivers them.
    return dict(inputs=torch.stack(inputs), data_samples=samples)


# model type -> builder(cfg, mmblog model, device) of the reference implementation
REFERENCES: dict[str, Callable] = {
    'FasterRCNN': _torchvision_rcnn,
    'MaskRCNN': _torchvision_rcnn,
    'ImageClassifier': _torchvision_classifier,
}
# model type -> builder(cfg, batch_size, (h, w)) of one synthetic batch (``--shape``)
SYNTHETIC: dict[str, Callable] = {
    'FasterRCNN': _synthetic_detection,
    'MaskRCNN': _synthetic_detection,
    'CascadeRCNN': _synthetic_detection,
    'ImageClassifier': _synthetic_classification,
}


# ---------------------------------------------------------------------------- measurement
def peak_memory_mb(device: str) -> float:
    if device.startswith('cuda'):
        return torch.cuda.max_memory_allocated() / 2**20
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def _batches(cfg: Config, key: str, args) -> list:
    """``warmup + iters`` batches (cycled) from the config's loader or synthetic ones."""
    n = args.warmup + args.iters
    if args.shape:
        maker = SYNTHETIC.get(cfg.model.type)
        if maker is None:
            raise ValueError(
                f'--shape: no synthetic batch maker for {cfg.model.type}; add one to SYNTHETIC'
            )
        bs = args.batch_size or cfg[key].get('batch_size', 1)
        return [maker(cfg, bs, tuple(args.shape))] * n
    loader_cfg = copy.deepcopy(cfg[key])
    loader_cfg['num_workers'] = 0
    loader_cfg['persistent_workers'] = False
    if args.batch_size:
        loader_cfg['batch_size'] = args.batch_size
    loader = Runner.build_dataloader(loader_cfg, seed=0)
    out = []
    while len(out) < n:
        for batch in loader:
            out.append(batch)
            if len(out) == n:
                break
    return out


def _timed(fn, items, warmup: int) -> float:
    for item in items[:warmup]:
        fn(item)
    start = time.perf_counter()
    for item in items[warmup:]:
        fn(item)
    return time.perf_counter() - start


def _interleaved(fn_a, items_a, fn_b, items_b, warmup: int) -> tuple:
    for a, b in zip(items_a[:warmup], items_b[:warmup]):
        fn_a(a)
        fn_b(b)
    ta = tb = 0.0
    for a, b in zip(items_a[warmup:], items_b[warmup:]):
        t0 = time.perf_counter()
        fn_a(a)
        t1 = time.perf_counter()
        fn_b(b)
        ta += t1 - t0
        tb += time.perf_counter() - t1
    return ta, tb


def parse_args(argv=None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description='Benchmark a model: speed and peak memory')
    parser.add_argument('config', help='config file')
    parser.add_argument('--mode', choices=['train', 'inference', 'all'], default='all')
    parser.add_argument('--iters', type=int, default=10, help='timed iterations')
    parser.add_argument('--warmup', type=int, default=2, help='untimed iterations first')
    parser.add_argument('--batch-size', type=int, help='override the dataloader batch size')
    parser.add_argument('--shape', type=int, nargs=2, metavar=('H', 'W'), help='synthetic inputs')
    parser.add_argument('--reference', choices=['torchvision'], help='time a reference model too')
    parser.add_argument('--device', default='cuda' if torch.cuda.is_available() else 'cpu')
    parser.add_argument('--cfg-options', nargs='+', action=DictAction, help='override config keys')
    args = parser.parse_args(argv)
    if args.iters < 1 or args.warmup < 0:
        parser.error('--iters must be >= 1 and --warmup >= 0')
    return args


def main(argv=None) -> dict:
    args = parse_args(argv)
    register_all_modules(init_default_scope=False)
    cfg = merge_cfg_options(Config.fromfile(args.config), args.cfg_options)
    init_default_scope(cfg.get('default_scope', 'mmblog'))
    if cfg.get('custom_imports'):
        import_modules_from_strings(**cfg.custom_imports)
    backbone = cfg.model.get('backbone') or {}
    if (backbone.get('init_cfg') or {}).get('type') == 'Pretrained':
        backbone.init_cfg = None  # speed does not depend on the weights: no download
    torch.manual_seed(0)
    model = MODELS.build(cfg.model)
    model.init_weights()
    ref = None
    if args.reference:
        builder = REFERENCES.get(cfg.model.type)
        if builder is None:
            raise ValueError(
                f'no {args.reference} reference for model type {cfg.model.type}; '
                f'known: {sorted(REFERENCES)}'
            )
        ref = builder(cfg, model, args.device)
    model.to(args.device)
    report = dict(config=args.config, device=args.device, threads=torch.get_num_threads())
    modes = ['train', 'inference'] if args.mode == 'all' else [args.mode]
    for mode in modes:
        key = 'train_dataloader' if mode == 'train' else 'test_dataloader'
        batches = _batches(cfg, key, args)
        if args.device.startswith('cuda'):
            torch.cuda.reset_peak_memory_stats()
        if mode == 'train':
            model.train()
            optim = build_optim_wrapper(model, copy.deepcopy(cfg.optim_wrapper))

            def fn(b, optim=optim):
                model.train_step(b, optim)
        else:
            model.eval()

            def fn(b):
                with torch.no_grad():
                    model.test_step(b)

        per = 1 if mode == 'train' else len(batches[0]['inputs'])
        unit = 'iter/s' if mode == 'train' else 'img/s'
        if ref is None:
            t = _timed(fn, batches, args.warmup)
        else:
            prepared = [ref.prepare(b) for b in batches]
            ref_fn = ref.train_step if mode == 'train' else ref.infer
            t, t_ref = _interleaved(fn, batches, ref_fn, prepared, args.warmup)
            report[f'{mode}_reference'] = args.iters * per / t_ref
            report[f'{mode}_ratio'] = t_ref / t
        report[mode] = args.iters * per / t
        report[f'{mode}_peak_mem_mb'] = peak_memory_mb(args.device)
        line = f'{mode}: {report[mode]:.3f} {unit}'
        if ref is not None:
            line += (
                f' | {ref.name}: {report[f"{mode}_reference"]:.3f} {unit}'
                f' | ratio mmblog/reference: {report[f"{mode}_ratio"]:.3f}'
            )
        mem = 'max allocated CUDA' if args.device.startswith('cuda') else 'peak RSS'
        line += f' | {mem}: {report[f"{mode}_peak_mem_mb"]:.0f} MiB'
        print(line, flush=True)
    return report


if __name__ == '__main__':
    run_cli(main)
