"""Demo-data generators of the newer families (``name: function(out_dir, seed) -> summary``);
``tools/misc/make_demo_data.py`` runs them with the older ones."""

from .howto100m import make_howto100m_demo
from .tv import make_tv_demo

DEMO_GENERATORS = {
    'howto100m': make_howto100m_demo,
    'tv': make_tv_demo,
}

__all__ = ['DEMO_GENERATORS', 'make_howto100m_demo', 'make_tv_demo']
