"""MMDetection 2.x configs: detect their keys, and rewrite a 2.x file into mmblog's 3.x spelling.

mmengine merges any top-level name into the config, so a 2.x block such as
``data=dict(train=dict(img_prefix=..., classes=..., ann_file=...))`` is kept but read by nobody:
training then runs on the base config's dataset and fails much later (seed 001's balloon config
ended in ``IndexError: Target 2 is out of bounds``). :func:`check_legacy_config` stops with one
line that shows the 3.x spelling; :func:`upgrade_legacy_config` rewrites the file (it parses the
file's literals with :mod:`ast`, never executing it).
"""

import ast
import os
import os.path as osp
import sys
from collections.abc import Mapping

from mmengine.config import Config

UPGRADE_HINT = 'python tools/misc/upgrade_config.py {path} NEW_CONFIG.py rewrites it'

# 2.x top-level key -> its 3.x spelling (shown in the error line).
LEGACY_KEYS = {
    'data': 'train_dataloader=dict(batch_size=..., num_workers=..., dataset=dict(ann_file=..., '
    'data_prefix=dict(img=...), metainfo=dict(classes=...))), val_dataloader=..., test_dataloader=...',
    'evaluation': 'val_evaluator=dict(metric=[...]) and train_cfg=dict(val_interval=N)',
    'lr_config': "param_scheduler=[dict(type='LinearLR', ...), dict(type='MultiStepLR', "
    'milestones=[...])]',
    'runner': "train_cfg=dict(type='EpochBasedTrainLoop', max_epochs=N)",
    'total_epochs': "train_cfg=dict(type='EpochBasedTrainLoop', max_epochs=N)",
    'optimizer': 'optim_wrapper=dict(optimizer=dict(type=..., lr=...))',
    'optimizer_config': 'optim_wrapper=dict(clip_grad=dict(max_norm=..., norm_type=...))',
    'checkpoint_config': 'default_hooks=dict(checkpoint=dict(interval=N))',
    'log_config': 'default_hooks=dict(logger=dict(interval=N)) (TensorBoard: '
    "visualizer.vis_backends += [dict(type='TensorboardVisBackend')])",
    'momentum_config': "param_scheduler entries with param_name='momentum'",
    'resume_from': 'load_from=PATH and resume=True (or tools/train.py --resume PATH)',
    'workflow': 'train_cfg / val_cfg (the loops run what workflow listed)',
    'fp16': "optim_wrapper=dict(type='AmpOptimWrapper', loss_scale=...) (or train.py --amp)",
}

# dataset-level 2.x spelling -> 3.x spelling (CocoDataset still accepts these, with a note).
LEGACY_DATASET_KEYS = {
    'img_prefix': "data_prefix=dict(img='...')",
    'classes': 'metainfo=dict(classes=(...))',
    'seg_prefix': "data_prefix=dict(seg='...')",
}


class LegacyConfigError(ValueError):
    """A config uses MMDetection 2.x keys that mmblog would silently ignore."""


def _datasets(cfg: Mapping, prefix: str):
    """Yield ``(dotted_path, dataset_dict)`` for the dataloaders' (possibly wrapped) datasets."""
    for loader in ('train_dataloader', 'val_dataloader', 'test_dataloader'):
        node, path = cfg.get(loader), loader
        while isinstance(node, Mapping) and isinstance(node.get('dataset'), Mapping):
            node, path = node['dataset'], f'{path}.dataset'
            yield f'{prefix}{path}', node


def check_legacy_config(cfg: Config, path: str = 'the config') -> None:
    """Raise :class:`LegacyConfigError` for 2.x top-level keys; warn for 2.x dataset keys.

    Top-level keys (``data``, ``evaluation``, ``lr_config``, ``runner``, ``optimizer``, ...)
    would be ignored, so they stop the tool with one line naming the key, its 3.x spelling and
    the upgrade command. ``img_prefix``/``classes`` inside a 3.x dataloader's dataset still work
    (CocoDataset translates them); they only print a note with the 3.x spelling.
    """
    found = [key for key in LEGACY_KEYS if key in cfg]
    if found:
        key = found[0]
        others = f' (also 2.x: {", ".join(found[1:])})' if found[1:] else ''
        raise LegacyConfigError(
            f'{path}: `{key}=` is MMDetection 2.x spelling that mmblog would ignore{others}; '
            f'3.x writes {LEGACY_KEYS[key]}; {UPGRADE_HINT.format(path=path)}'
        )
    for where, dataset in _datasets(cfg, ''):
        for key, spelling in LEGACY_DATASET_KEYS.items():
            if key in dataset:
                print(
                    f'note: {path}: {where}.{key} is MMDetection 2.x spelling (accepted); 3.x '
                    f'writes {spelling}',
                    file=sys.stderr,
                )


# ----------------------------------------------------------------------------------------------
# Upgrade: parse the 2.x file's literals, translate, print 3.x source.


def _literal(node: ast.AST, names: dict, path: str):
    """Evaluate a config expression made of literals, ``dict(...)`` and earlier names."""
    if isinstance(node, ast.Constant):
        return node.value
    if isinstance(node, (ast.Tuple, ast.List)):
        items = [_literal(e, names, path) for e in node.elts]
        return tuple(items) if isinstance(node, ast.Tuple) else items
    if isinstance(node, ast.Dict) and all(k is not None for k in node.keys):
        return {
            _literal(k, names, path): _literal(v, names, path)
            for k, v in zip(node.keys, node.values)
        }
    if (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id == 'dict'
        and not node.args
    ):
        out = {}
        for kw in node.keywords:  # kw.arg is None for ``**img_norm_cfg``
            value = _literal(kw.value, names, path)
            if kw.arg is None and not isinstance(value, dict):
                break
            out.update(value if kw.arg is None else {kw.arg: value})
        else:
            return out
    if isinstance(node, ast.Name) and node.id in names:
        return names[node.id]
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
        return -_literal(node.operand, names, path)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        return _literal(node.left, names, path) + _literal(node.right, names, path)
    raise LegacyConfigError(
        f'{path}: line {node.lineno}: cannot upgrade `{ast.unparse(node)}`; the upgrader reads '
        'literals, dict(...) and names assigned above (edit that line by hand)'
    )


def read_config_literals(path: str) -> dict:
    """The top-level assignments of a config file, evaluated as literals (no code runs)."""
    if not osp.isfile(path):
        raise FileNotFoundError(f'config file not found: {path}')
    with open(path, encoding='utf-8') as f:
        source = f.read()
    try:
        tree = ast.parse(source, filename=path)
    except SyntaxError as exc:
        raise LegacyConfigError(f'{path}: line {exc.lineno}: syntax error: {exc.msg}') from None
    names: dict = {}
    for stmt in tree.body:
        if isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Constant):
            continue  # a docstring
        if (
            isinstance(stmt, ast.Assign)
            and len(stmt.targets) == 1
            and isinstance(stmt.targets[0], ast.Name)
        ):
            names[stmt.targets[0].id] = _literal(stmt.value, names, path)
            continue
        raise LegacyConfigError(
            f'{path}: line {stmt.lineno}: cannot upgrade `{ast.unparse(stmt)[:60]}`; only '
            '`name = value` lines are rewritten (edit that line by hand)'
        )
    return names


def _transform(t: dict, norm: dict) -> list[dict]:
    """One 2.x pipeline step -> 3.x steps (Normalize/Pad move to the data preprocessor)."""
    t = dict(t)
    kind = t.get('type')
    if kind in ('Normalize', 'Pad', 'DefaultFormatBundle', 'ImageToTensor'):
        if kind == 'Normalize':
            norm.update(mean=t['mean'], std=t['std'], bgr_to_rgb=t.get('to_rgb', True))
        if kind == 'Pad' and 'size_divisor' in t:
            norm['pad_size_divisor'] = t['size_divisor']
        return []
    if kind == 'Collect':
        return [dict(type='PackDetInputs')]
    if kind == 'RandomFlip':
        return [dict(type='RandomFlip', prob=t.get('flip_ratio', t.get('prob', 0.5)))]
    if kind == 'Resize':
        scale = t.pop('img_scale', t.pop('scale', None))
        mode = t.pop('multiscale_mode', 'range')
        keep = t.get('keep_ratio', True)
        if isinstance(scale, list) and len(scale) > 1:
            if mode == 'value':
                return [dict(type='RandomChoiceResize', scales=scale, keep_ratio=keep)]
            return [dict(type='RandomResize', scale=scale, keep_ratio=keep)]
        if isinstance(scale, list):
            scale = scale[0]
        return [dict(type='Resize', scale=scale, keep_ratio=keep)]
    if kind == 'MultiScaleFlipAug':
        scale = t.get('img_scale', t.get('scale'))
        steps = []
        for inner in t.get('transforms', []):
            inner = dict(inner)
            if inner.get('type') == 'Resize':
                inner['img_scale'] = scale
            if inner.get('type') == 'RandomFlip':
                continue  # test-time flip off (flip=False), as the 2.x default
            if inner.get('type') == 'Collect':
                meta = ('img_id', 'img_path', 'ori_shape', 'img_shape', 'scale_factor')
                steps.append(dict(type='PackDetInputs', meta_keys=meta))
                continue
            steps += _transform(inner, norm)
        return steps
    return [t]


def _pipeline(steps: list, norm: dict) -> list[dict]:
    return [out for t in steps for out in _transform(t, norm)]


def _common_root(paths: list[str]) -> str:
    dirs = [osp.dirname(p.rstrip('/')) if not p.endswith('/') else p.rstrip('/') for p in paths]
    root = osp.commonpath(dirs) if dirs else ''
    # a root shared by one split only ('data/balloon/train') is still a fine data_root
    return '' if root in ('', '.', '/') else root + '/'


def _dataset(d: dict, norm: dict, root: str) -> dict:
    d = dict(d)
    out: dict = {}
    if 'dataset' in d:  # RepeatDataset / ConcatDataset-style wrappers
        inner = _dataset(d.pop('dataset'), norm, root)
        return {**d, 'dataset': inner}
    if 'type' in d:
        kind = d.pop('type')
        out['type'] = 'CocoDataset' if kind == 'COCODataset' else kind
    out['data_root'] = root
    if 'ann_file' in d:
        out['ann_file'] = _rel(d.pop('ann_file'), root)
    prefix = {}
    if 'img_prefix' in d:
        prefix['img'] = _rel(d.pop('img_prefix'), root)
    if 'seg_prefix' in d:
        prefix['seg'] = _rel(d.pop('seg_prefix'), root)
    if prefix:
        out['data_prefix'] = prefix
    if 'classes' in d:
        out['metainfo'] = dict(classes=tuple(d.pop('classes')))
    if 'filter_empty_gt' in d:
        out['filter_cfg'] = dict(filter_empty_gt=d.pop('filter_empty_gt'))
    if 'pipeline' in d:
        out['pipeline'] = _pipeline(d.pop('pipeline'), norm)
    out.update(d)
    return out


def _rel(p: str, root: str) -> str:
    return p[len(root) :] if root and p.startswith(root) else p


def _dataset_paths(d: dict) -> list[str]:
    if 'dataset' in d:
        return _dataset_paths(d['dataset'])
    return [d[k] for k in ('ann_file', 'img_prefix', 'seg_prefix') if isinstance(d.get(k), str)]


def _merge(into: dict, key: str, value: dict) -> None:
    into.setdefault(key, {}).update(value)


def _upgrade_data(data: dict, new: dict, norm: dict, notes: list) -> None:
    splits = {s: data[s] for s in ('train', 'val', 'test') if isinstance(data.get(s), Mapping)}
    root = _common_root([p for d in splits.values() for p in _dataset_paths(d)])
    for split, d in splits.items():
        loader: dict = {}
        if split == 'train' and 'samples_per_gpu' in data:
            loader['batch_size'] = data['samples_per_gpu']
        if 'workers_per_gpu' in data:
            loader['num_workers'] = data['workers_per_gpu']
        loader['dataset'] = _dataset(d, norm, root)
        new[f'{split}_dataloader'] = loader
        ann = _dataset_paths(d)[:1]
        if split in ('val', 'test') and ann and ann[0].endswith('.json'):
            _merge(new, f'{split}_evaluator', dict(ann_file=ann[0]))
    for key in set(data) - {'train', 'val', 'test', 'samples_per_gpu', 'workers_per_gpu'}:
        notes.append(f'data.{key} dropped (no 3.x equivalent here)')


def _upgrade_lr(lr: dict, new: dict) -> None:
    lr = dict(lr)
    schedulers = []
    policy = lr.pop('policy', 'step')
    if lr.get('warmup'):
        if lr['warmup'] != 'linear':
            raise LegacyConfigError(
                f"lr_config.warmup='{lr['warmup']}': only 'linear' is upgraded (LinearLR)"
            )
        by_epoch = lr.get('warmup_by_epoch', False)
        schedulers.append(
            dict(
                type='LinearLR',
                start_factor=lr.get('warmup_ratio', 0.1),
                by_epoch=by_epoch,
                begin=0,
                end=lr.get('warmup_iters', 0),
            )
        )
    if policy == 'step':
        step = lr.get('step')
        step = [step] if isinstance(step, int) else list(step or [])
        schedulers.append(
            dict(type='MultiStepLR', by_epoch=True, milestones=step, gamma=lr.get('gamma', 0.1))
        )
    elif policy in ('CosineAnnealing', 'cosine'):
        schedulers.append(
            dict(type='CosineAnnealingLR', by_epoch=True, eta_min=lr.get('min_lr', 0))
        )
    elif policy != 'fixed':
        raise LegacyConfigError(
            f"lr_config.policy='{policy}': only step, CosineAnnealing and fixed are upgraded"
        )
    new['param_scheduler'] = schedulers


def upgrade_legacy_config(src: str, dst: str | None = None) -> tuple[str, list[str]]:
    """Rewrite the 2.x config ``src`` as 3.x source text; ``dst`` rebases relative ``_base_``.

    Returns:
        ``(source, notes)``: the new config's text and what was dropped or needs a look.
    """
    old = read_config_literals(src)
    new: dict = {}
    notes: list[str] = []
    norm: dict = {}
    if '_base_' in old:
        base = old['_base_']
        rebase = (
            (lambda b: b)
            if dst is None
            else (
                lambda b: (
                    b
                    if osp.isabs(b)
                    else osp.relpath(
                        osp.join(osp.dirname(osp.abspath(src)), b), osp.dirname(osp.abspath(dst))
                    )
                )
            )
        )
        new['_base_'] = [rebase(b) for b in base] if isinstance(base, list) else rebase(base)
    train_cfg: dict = {}
    optim: dict = {}
    hooks: dict = {}
    for key, value in old.items():
        if key == '_base_':
            continue
        if key == 'data':
            _upgrade_data(value, new, norm, notes)
        elif key == 'evaluation':
            value = dict(value)
            if 'interval' in value:
                train_cfg['val_interval'] = value.pop('interval')
            if 'metric' in value:
                metric = value.pop('metric')
                metric = [metric] if isinstance(metric, str) else list(metric)
                for split in ('val', 'test'):
                    _merge(new, f'{split}_evaluator', dict(metric=metric))
            if 'save_best' in value:
                hooks['checkpoint'] = {
                    **hooks.get('checkpoint', {}),
                    'save_best': value.pop('save_best'),
                }
            notes += [f'evaluation.{k} dropped' for k in value]
        elif key == 'lr_config':
            _upgrade_lr(value, new)
        elif key == 'runner':
            if value.get('type', 'EpochBasedRunner') == 'IterBasedRunner':
                train_cfg.update(type='IterBasedTrainLoop', max_iters=value['max_iters'])
            else:
                train_cfg.update(type='EpochBasedTrainLoop', max_epochs=value['max_epochs'])
        elif key == 'total_epochs':
            train_cfg.update(type='EpochBasedTrainLoop', max_epochs=value)
        elif key == 'optimizer':
            value = dict(value)
            if 'paramwise_cfg' in value:
                optim['paramwise_cfg'] = value.pop('paramwise_cfg')
            optim['optimizer'] = value
        elif key == 'optimizer_config':
            if value.get('grad_clip'):
                optim['clip_grad'] = value['grad_clip']
        elif key == 'fp16':
            optim.update(type='AmpOptimWrapper', **value)
        elif key == 'checkpoint_config':
            hooks['checkpoint'] = {**hooks.get('checkpoint', {}), **value}
        elif key == 'log_config':
            hooks['logger'] = dict(interval=value.get('interval', 50))
            if any(h.get('type') == 'TensorboardLoggerHook' for h in value.get('hooks', [])):
                new['visualizer'] = dict(
                    vis_backends=[dict(type='LocalVisBackend'), dict(type='TensorboardVisBackend')]
                )
        elif key == 'resume_from':
            new['load_from'], new['resume'] = value, value is not None
        elif key in ('workflow', 'dist_params', 'gpu_ids', 'mp_start_method', 'opencv_num_threads'):
            notes.append(f'{key} dropped (mmengine sets it up)')
        elif key == 'model':
            model = dict(value)
            if 'pretrained' in model:
                ckpt = model.pop('pretrained')
                backbone = dict(model.get('backbone', {}))
                backbone['init_cfg'] = dict(type='Pretrained', checkpoint=ckpt)
                model['backbone'] = backbone
            new['model'] = model
        elif key in ('dataset_type', 'classes', 'img_norm_cfg', 'train_pipeline', 'test_pipeline'):
            continue  # helper names, already written out where the 2.x config used them
        else:
            new[key] = value
    if train_cfg:
        new['train_cfg'] = train_cfg
    if optim:
        new['optim_wrapper'] = optim
    if hooks:
        new['default_hooks'] = hooks
    if norm:
        _merge(new, 'model', dict(data_preprocessor=norm))
    header = [
        f'# Upgraded from {osp.basename(src)} (MMDetection 2.x) to mmblog/MMDetection 3.x keys',
        '# by tools/misc/upgrade_config.py.',
    ] + [f'# note: {n}' for n in notes]
    body = [f'{k} = {_format(v, len(k) + 3)}' for k, v in new.items()]
    return '\n'.join(header + [''] + body) + '\n', notes


def _format(value, indent: int = 0, width: int = 100) -> str:
    """Python source for ``value`` in the config style: ``dict(...)`` for str-keyed dicts."""
    flat = _flat(value)
    if len(flat) + indent <= width or not isinstance(value, (dict, list, tuple)) or not value:
        return flat
    pad = ' ' * 4
    if isinstance(value, dict) and all(isinstance(k, str) and k.isidentifier() for k in value):
        items = [f'{k}={_format(v, 4 + len(k) + 1)}' for k, v in value.items()]
        open_, close = 'dict(', ')'
    elif isinstance(value, dict):
        items = [f'{k!r}: {_format(v, 8)}' for k, v in value.items()]
        open_, close = '{', '}'
    else:
        items = [_format(v, 4) for v in value]
        open_, close = ('[', ']') if isinstance(value, list) else ('(', ')')
    inner = ',\n'.join(pad + item.replace('\n', '\n' + pad) for item in items)
    return f'{open_}\n{inner},\n{close}'


def _flat(value) -> str:
    if isinstance(value, dict):
        if all(isinstance(k, str) and k.isidentifier() for k in value):
            return 'dict(' + ', '.join(f'{k}={_flat(v)}' for k, v in value.items()) + ')'
        return '{' + ', '.join(f'{k!r}: {_flat(v)}' for k, v in value.items()) + '}'
    if isinstance(value, list):
        return '[' + ', '.join(_flat(v) for v in value) + ']'
    if isinstance(value, tuple):
        inner = ', '.join(_flat(v) for v in value)
        return f'({inner},)' if len(value) == 1 else f'({inner})'
    return repr(value)


def write_upgraded_config(src: str, dst: str) -> list[str]:
    """Write the 3.x version of ``src`` to ``dst`` (never overwrites ``src``); return the notes."""
    if osp.abspath(src) == osp.abspath(dst):
        raise LegacyConfigError(f'{dst}: write the upgraded config to a new file, not over {src}')
    text, notes = upgrade_legacy_config(src, dst)
    os.makedirs(osp.dirname(osp.abspath(dst)), exist_ok=True)
    tmp = dst + '.tmp'
    with open(tmp, 'w', encoding='utf-8') as f:
        f.write(text)
    os.replace(tmp, dst)  # nothing half-written on failure
    return notes
