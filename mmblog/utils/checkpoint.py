"""Checkpoints are data, not code: an allow-list unpickler for local mmengine checkpoints.

torch >= 2.6 loads with ``weights_only=True`` by default, which refuses mmengine checkpoints
(they pickle ``HistoryBuffer``, numpy arrays/scalars and ``getattr(HistoryBuffer, 'min')``).
Loading them with ``weights_only=False`` would run any code a crafted file names. Instead the
loader installed here unpickles with an allow-list of exactly what mmengine checkpoints hold and
refuses anything else with one line naming the file and the global.

A user who trusts a file passes ``--trust-checkpoint`` to the tools (or sets
``MMBLOG_TRUST_CHECKPOINT=1``) to load it with full unpickling.

Nothing happens at import: ``tools/train.py``, ``tools/test.py`` and ``mmblog.apis.init_model``
call :func:`install_checkpoint_loader` themselves.
"""

import os
import os.path as osp
import pickle
import types

import numpy as np
import torch
from mmengine.logging import HistoryBuffer
from mmengine.model import is_model_wrapper
from mmengine.runner.checkpoint import CheckpointLoader

from .pretrained import install_pretrained_loaders

TRUST_ENV = 'MMBLOG_TRUST_CHECKPOINT'

# Python 2 / protocol < 3 spellings of modules that pickle writes.
_MODULE_ALIASES = {'__builtin__': 'builtins', 'copy_reg': 'copyreg'}

_SAFE_GLOBALS = {
    ('collections', 'OrderedDict'),
    ('collections', 'defaultdict'),
    ('collections', 'Counter'),  # detection checkpoints hold one (plain counts)
    ('builtins', 'set'),
    ('builtins', 'frozenset'),
    ('builtins', 'slice'),
    ('builtins', 'complex'),
    ('builtins', 'bytearray'),
    # protocol-2 pickles write bytes as _codecs.encode(str, 'latin1')
    ('_codecs', 'encode'),
    ('mmengine.logging.history_buffer', 'HistoryBuffer'),
    ('numpy', 'dtype'),
    ('numpy', 'ndarray'),
    ('numpy.core.multiarray', '_reconstruct'),
    ('numpy.core.multiarray', 'scalar'),
    ('numpy._core.multiarray', '_reconstruct'),
    ('numpy._core.multiarray', 'scalar'),
    ('torch', 'Size'),
    ('torch', 'device'),
    ('torch._utils', '_rebuild_tensor'),
    ('torch._utils', '_rebuild_tensor_v2'),
    ('torch._utils', '_rebuild_tensor_v3'),
    ('torch._utils', '_rebuild_parameter'),
    ('torch._utils', '_rebuild_parameter_with_state'),
    ('torch.nn.parameter', 'Parameter'),
}


class UnsafeCheckpointError(pickle.UnpicklingError):
    """A checkpoint names a global outside the allow-list (the message says which)."""


def _safe_getattr(obj, name: str):
    """``getattr`` as mmengine checkpoints use it: ``HistoryBuffer``'s statistics methods.

    (``HistoryBuffer`` pickles its ``_statistics_methods`` as ``getattr(HistoryBuffer, 'min')``.)
    Numpy dtype classes are also allowed; nothing else.
    """
    public_method = not name.startswith('_') and callable(getattr(obj, name, None))
    allowed = (obj is HistoryBuffer and public_method) or (
        isinstance(obj, type) and issubclass(obj, np.dtype) and not name.startswith('_')
    )
    if not allowed:
        raise UnsafeCheckpointError(f"global 'builtins.getattr' on {obj!r}.{name}")
    return getattr(obj, name)


def _is_safe(module: str, name: str) -> bool:
    if (module, name) in _SAFE_GLOBALS:
        return True
    if module == 'numpy.dtypes' and name.endswith('DType'):
        return True
    # torch's own dtypes and storages, e.g. torch.float32, torch.FloatStorage
    if module == 'torch':
        value = getattr(torch, name, None)
        return isinstance(value, torch.dtype) or name.endswith('Storage')
    return False


class SafeUnpickler(pickle.Unpickler):
    """``pickle.Unpickler`` whose ``find_class`` admits only the allow-list above."""

    def find_class(self, module: str, name: str):
        module = _MODULE_ALIASES.get(module, module)
        if (module, name) == ('builtins', 'getattr'):
            return _safe_getattr
        if not _is_safe(module, name):
            raise UnsafeCheckpointError(f"global '{module}.{name}'")
        return super().find_class(module, name)


def _safe_load(file, **kwargs):
    return SafeUnpickler(file, **kwargs).load()


# What ``torch.load(pickle_module=...)`` needs: ``Unpickler`` and ``load``.
safe_pickle_module = types.ModuleType('mmblog_safe_pickle')
safe_pickle_module.Unpickler = SafeUnpickler
safe_pickle_module.load = _safe_load
safe_pickle_module.__name__ = 'mmblog_safe_pickle'


def trust_from_env() -> bool:
    """Whether ``MMBLOG_TRUST_CHECKPOINT`` asks for full unpickling (1/true/yes)."""
    return os.environ.get(TRUST_ENV, '').strip().lower() in ('1', 'true', 'yes')


LATEST_NAME = 'latest.pth'


def resolve_checkpoint(filename: str) -> str:
    """``filename``, or for a missing ``<dir>/latest.pth`` the checkpoint ``<dir>/last_checkpoint``
    names.

    MMDetection 2.x wrote ``latest.pth`` next to the epoch checkpoints and its tutorials test
    ``work_dirs/<cfg>/latest.pth``; mmengine writes a ``last_checkpoint`` text file instead. The
    seed's command lines keep working through this alias.
    """
    filename = osp.expanduser(filename)
    if osp.isfile(filename) or osp.basename(filename) != LATEST_NAME:
        return filename
    pointer = osp.join(osp.dirname(filename), 'last_checkpoint')
    if not osp.isfile(pointer):
        return filename
    with open(pointer, encoding='utf-8') as f:
        target = f.read().strip()
    beside = osp.join(osp.dirname(filename), osp.basename(target))
    if not osp.isfile(target) and osp.isfile(beside):
        # a moved work dir, or a relative path written from another cwd: look next to the pointer
        target = beside
    if not osp.isfile(target):
        raise FileNotFoundError(
            f'checkpoint file not found: {filename} (its {pointer} names {target}, which is missing)'
        )
    return target


def load_local_checkpoint(filename: str, map_location=None, trust: bool | None = None) -> dict:
    """Load a local checkpoint; without ``trust``, only allow-listed globals are unpickled.

    Args:
        filename: Path to a ``.pth`` file on local disk.
        map_location: Same as :func:`torch.load`.
        trust: Full unpickling (runs whatever the file names). ``None`` reads
            ``MMBLOG_TRUST_CHECKPOINT``.

    Raises:
        FileNotFoundError: If ``filename`` does not exist, naming it.
        UnsafeCheckpointError: One line naming the file and the refused global.
    """
    filename = resolve_checkpoint(filename)
    if not osp.isfile(filename):
        raise FileNotFoundError(f'checkpoint file not found: {filename}')
    if trust is None:
        trust = trust_from_env()
    if trust:
        return torch.load(filename, map_location=map_location, weights_only=False)
    try:
        return torch.load(
            filename,
            map_location=map_location,
            weights_only=False,
            pickle_module=safe_pickle_module,
        )
    except UnsafeCheckpointError as exc:
        raise UnsafeCheckpointError(
            f'{filename}: refused to load {exc} (checkpoints are data, not code); '
            f'if you trust this file, pass --trust-checkpoint or set {TRUST_ENV}=1'
        ) from None


def install_checkpoint_loader(trust: bool | None = None) -> None:
    """Make mmengine (``load_from``, ``--resume``, ``load_checkpoint``) load local files safely.

    Registers :func:`load_local_checkpoint` for local paths (mmengine's '' scheme); remote
    schemes keep torch's ``weights_only=True``. Called by the tools' ``main`` and by
    ``init_model``, never at import.
    """

    def loader(filename: str, map_location=None) -> dict:
        return load_local_checkpoint(filename, map_location, trust=trust)

    CheckpointLoader.register_scheme(prefixes='', loader=loader, force=True)
    install_pretrained_loaders()


class CheckpointMismatchError(ValueError):
    """A checkpoint holds none of the model's weights."""


def _weights(checkpoint) -> dict:
    state = checkpoint.get('state_dict', checkpoint) if isinstance(checkpoint, dict) else {}
    state = state if isinstance(state, dict) else {}
    # DDP-saved checkpoints prefix 'module.'; mmengine strips it the same way.
    return {k[7:] if k.startswith('module.') else k: v for k, v in state.items()}


def check_checkpoint_covers(model: torch.nn.Module, checkpoint, filename: str) -> list[str]:
    """Compare a loaded checkpoint with ``model``: none of its weights is an error.

    Returns:
        The model's missing keys (empty when the checkpoint covers the model), so the caller can
        report a partial match.

    Raises:
        CheckpointMismatchError: one line naming the file, when no tensor name matches.
    """
    if is_model_wrapper(model):
        model = model.module
    expected = set(model.state_dict())
    found = set(_weights(checkpoint))
    if expected and not (expected & found):
        sample = ', '.join(sorted(found)[:3]) or 'no state_dict'
        raise CheckpointMismatchError(
            f'{filename}: holds none of the weights of {type(model).__name__} '
            f'(it has {len(found)} tensors, e.g. {sample}); wrong checkpoint for this config?'
        )
    return sorted(expected - found)


def describe_missing(filename: str, missing: list[str], limit: int = 8) -> str:
    """One line listing the model keys a partial checkpoint lacks."""
    more = f' ... (+{len(missing) - limit})' if len(missing) > limit else ''
    return f"{filename}: missing {len(missing)} of the model's weights: {', '.join(missing[:limit])}{more}"
