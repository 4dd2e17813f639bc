"""Generators of small learnable datasets written in the real public formats."""

from .howto100m import make_howto100m_demo
from .text_corpus import make_text_corpus_demo
from .tv import make_tv_demo

TEXT_DEMO_GENERATORS = {'text_corpus': make_text_corpus_demo}
VIDEO_TEXT_DEMO_GENERATORS = {'howto100m': make_howto100m_demo, 'tv': make_tv_demo}

__all__ = [
    'TEXT_DEMO_GENERATORS',
    'VIDEO_TEXT_DEMO_GENERATORS',
    'make_howto100m_demo',
    'make_text_corpus_demo',
    'make_tv_demo',
]
