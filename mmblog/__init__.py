"""mmblog: an OpenMMLab-style toolbox for the models a well-read ML blog explains."""

from .version import __version__

# Nothing is patched at import: the tools and mmblog.apis.init_model install the safe
# checkpoint loader (mmblog.utils.install_checkpoint_loader) where they load checkpoints.

__all__ = ['__version__']
