"""Config helpers for the command-line tools."""

import difflib
import importlib
import os
import os.path as osp
import sys
import uuid
from collections.abc import Mapping, Sequence

from mmengine.config import Config

from .legacy_config import check_legacy_config


class CfgOptionsError(ValueError):
    """A ``--cfg-options`` key does not name anything in the config."""


def _children(node) -> list[str]:
    if isinstance(node, Mapping):
        return [str(k) for k in node.keys()]
    if isinstance(node, Sequence) and not isinstance(node, str):
        return [str(i) for i in range(len(node))]
    return []


def check_cfg_options(cfg: Config, options: dict) -> None:
    """Raise :class:`CfgOptionsError` unless every dotted key in ``options`` exists in ``cfg``.

    mmengine silently adds unknown keys, so a typo such as ``model.haed.num_classes=3`` would only
    fail later, deep inside a constructor. Checking first gives a one-line error with a
    suggestion.
    """
    # Config.to_dict() is mmengine's public view of the config tree (lazy values resolved).
    tree = cfg.to_dict() if isinstance(cfg, Config) else cfg
    for key in options:
        node = tree
        walked = []
        for part in key.split('.'):
            names = _children(node)
            if part not in names:
                where = '.'.join(walked) or 'the top level'
                close = difflib.get_close_matches(part, names, n=1)
                hint = f"; did you mean '{close[0]}'?" if close else ''
                raise CfgOptionsError(
                    f"--cfg-options key '{key}': the config has no '{part}' under {where}{hint}"
                )
            node = node[int(part)] if isinstance(node, Sequence) else node[part]
            walked.append(part)


def merge_cfg_options(cfg: Config, options: dict | None) -> Config:
    """Check then merge ``--cfg-options`` into ``cfg`` (in place) and return it."""
    if options:
        check_cfg_options(cfg, options)
        cfg.merge_from_dict(options)
    return cfg


class CustomImportError(ImportError):
    """A ``custom_imports`` entry that cannot be imported (the message says which and why)."""


def import_custom_modules(cfg: Config, config_path: str = 'the config') -> None:
    """Import the config's ``custom_imports`` with one-line errors; user modules come from the cwd.

    ``python tools/train.py`` puts ``tools/`` on ``sys.path``, not the current directory, so a
    module next to the user's config (seed 001: ``mmdet/models/necks/augfpn.py`` imported as
    ``mmdet.models.necks.augfpn``) would not be found; the cwd is appended to the path first.
    A file name (``augfpn.py``, ``projects/augfpn/augfpn.py``) is a common slip: the error says
    which module path to write instead.
    """
    custom = cfg.get('custom_imports')
    if not custom:
        return
    imports = custom.get('imports', [])
    if isinstance(imports, str):
        imports = [imports]
    allow_failed = custom.get('allow_failed_imports', False)
    cwd = os.getcwd()
    if cwd not in sys.path and '' not in sys.path:
        sys.path.append(cwd)
    for name in imports:
        if name.endswith('.py') or '/' in name:
            module = name[: -len('.py')] if name.endswith('.py') else name
            module = module.strip('./').replace('/', '.')
            raise CustomImportError(
                f"{config_path}: custom_imports entry '{name}' is a file name; write the module "
                f"path '{module}' (dots, no .py suffix)"
            )
        try:
            importlib.import_module(name)
        except ImportError as exc:
            if allow_failed:
                print(f'warning: custom_imports: {name} could not be imported ({exc})')
                continue
            raise CustomImportError(
                f"{config_path}: custom_imports entry '{name}' could not be imported ({exc}); "
                f'modules are looked up on PYTHONPATH and in the current directory {cwd}'
            ) from None


def load_tool_config(args) -> Config:
    """``args.config`` with ``--cfg-options`` merged, the launcher and the work dir set.

    The work dir is ``--work-dir``, else the config's, else ``./work_dirs/<config name>``.
    """
    cfg = Config.fromfile(args.config, import_custom_modules=False)
    check_legacy_config(cfg, args.config)
    import_custom_modules(cfg, args.config)
    merge_cfg_options(cfg, args.cfg_options)
    cfg.launcher = args.launcher
    if args.work_dir is not None:
        cfg.work_dir = args.work_dir
    elif cfg.get('work_dir') is None:
        cfg.work_dir = osp.join('./work_dirs', osp.splitext(osp.basename(args.config))[0])
    return cfg


def quiet_repeat_run(cfg: Config, work_dir: str, seed: int) -> Config:
    """Set ``cfg`` up as one of many repeated runs of a reproduction script.

    Seeded, logging warnings only, no checkpoints (the early-stopping hook keeps its best state
    in memory instead of a file) and a visualizer of its own without backends, so runs in one
    process do not share mmengine's named instances.
    """
    cfg.randomness = dict(seed=seed)
    cfg.work_dir = work_dir
    cfg.log_level = 'WARNING'
    cfg.default_hooks.checkpoint = None
    for hook in cfg.get('custom_hooks', []):
        if hook.type == 'MultiMetricEarlyStoppingHook':
            hook.save_as = None
    cfg.visualizer = dict(type='Visualizer', vis_backends=[], name=f'vis_{uuid.uuid4().hex}')
    cfg.experiment_name = cfg.visualizer.name
    return cfg
