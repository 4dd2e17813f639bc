"""mmblog: an OpenMMLab-style toolbox for the models a well-read ML blog explains."""

import warnings

from .version import __version__

# torch_geometric 2.8.1 calls torch.jit.script at import, which torch 2.15 deprecates with a
# FutureWarning on stderr; it is not ours to fix and it broke the tools' one-line errors.
warnings.filterwarnings(
    'ignore', message=r'`torch\.jit\.script` is deprecated', category=FutureWarning
)

# Nothing is patched at import: the tools and mmblog.apis.init_model install the safe
# checkpoint loader (mmblog.utils.install_checkpoint_loader) where they load checkpoints.

__all__ = ['__version__']
