"""One central fix for loading mmengine checkpoints with torch >= 2.6.

torch >= 2.6 defaults ``torch.load(weights_only=True)``. mmengine 0.10.7 checkpoints pickle its
``HistoryBuffer``, numpy arrays/dtypes/scalars and, through them, ``builtins.getattr``; so
``--resume``, ``load_from`` and ``tools/test.py CKPT`` all fail out of the box.

Choice: replace mmengine's loader for *local* files (the '' scheme) with one that passes
``weights_only=False``. A local path is a file the user named on the command line or in their
config, i.e. trusted input, exactly as it was before torch 2.6. Allow-listing the exact globals
instead would have to include ``builtins.getattr``, which defeats the point of the check, and
would still break on whatever a hook pickles into ``message_hub``. Remote schemes (http, s3, ...)
keep torch's safe default.
"""

import os.path as osp

import torch
from mmengine.runner.checkpoint import CheckpointLoader

_PATCHED = False


def load_trusted_local_checkpoint(filename: str, map_location=None) -> dict:
    """Load a local checkpoint file that the user named, with full unpickling.

    Args:
        filename: Path to a ``.pth`` file on local disk.
        map_location: Same as :func:`torch.load`.

    Raises:
        FileNotFoundError: If ``filename`` does not exist, naming it.
    """
    filename = osp.expanduser(filename)
    if not osp.isfile(filename):
        raise FileNotFoundError(f'checkpoint file not found: {filename}')
    return torch.load(filename, map_location=map_location, weights_only=False)


def patch_local_checkpoint_loader() -> None:
    """Register :func:`load_trusted_local_checkpoint` as mmengine's loader for local paths."""
    global _PATCHED
    if _PATCHED:
        return
    CheckpointLoader.register_scheme(prefixes='', loader=load_trusted_local_checkpoint, force=True)
    _PATCHED = True
