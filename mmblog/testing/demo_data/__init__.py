"""Generators of small learnable datasets written in the real public formats."""

from .text_corpus import make_text_corpus_demo

TEXT_DEMO_GENERATORS = {'text_corpus': make_text_corpus_demo}

__all__ = ['TEXT_DEMO_GENERATORS', 'make_text_corpus_demo']
