"""mmblog: an OpenMMLab-style toolbox for the models a well-read ML blog explains."""

from .utils.checkpoint import patch_local_checkpoint_loader
from .version import __version__

# Every entry point (tools, apis, tests) imports mmblog, so the checkpoint fix is always active.
patch_local_checkpoint_loader()

__all__ = ['__version__']
