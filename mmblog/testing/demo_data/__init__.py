"""Generators of small, learnable datasets written in the real public formats.

``DEMO_GENERATORS`` maps a dataset name to ``function(out_dir, seed) -> summary``;
``tools/misc/make_demo_data.py`` runs them. Modules are imported only when their generator is
used, so adding one is a new file here plus one line in ``_GENERATORS``.
"""

import importlib
from collections.abc import Callable, Iterator, Mapping

# name -> 'module:function' (module relative to this package); append new families here.
_GENERATORS = {
    'mnist': 'mnist_digits:make_mnist_demo',
    'shapes': 'shapes:make_shapes_demo',
    'vq_images': 'vq_images:make_vq_images_demo',
    'cifar10': 'cifar10:make_cifar10_demo',
    'imagenet_folder': 'imagenet_folder:make_imagenet_folder_demo',
    'text_corpus': 'text_corpus:make_text_corpus_demo',
    'planetoid': 'graph_sbm:make_planetoid_demo',
    'graphsage': 'graph_sbm:make_graphsage_demo',
    'howto100m': 'howto100m:make_howto100m_demo',
    'tv': 'tv:make_tv_demo',
    'kg_triples': 'kg_triples:make_kg_triples_demo',
    'ernie_typing': 'ernie_typing:make_ernie_typing_demo',
    'movielens': 'movielens:make_movielens_demo',
    'diginetica': 'diginetica:make_diginetica_demo',
    'movielens_transfer': 'movielens:make_movielens_transfer_demo',
    'ernie2_corpus': 'ernie2_corpus:make_ernie2_corpus_demo',
    'ernie_relation': 'ernie_relation:make_ernie_relation_demo',
    'ernie_pretrain': 'ernie_pretrain:make_ernie_pretrain_demo',
    'demo_media': 'demo_media:make_demo_media',
    'ernie_vil_scenes': 'ernie_vil_scenes:make_ernie_vil_scenes_demo',
    'ogbn_mag': 'ogbn_mag:make_ogbn_mag_demo',
}


def _load(spec: str) -> Callable:
    module, func = spec.split(':')
    return getattr(importlib.import_module(f'{__name__}.{module}'), func)


class _LazyGenerators(Mapping):
    """A read-only name -> generator mapping that imports each module on first use."""

    def __init__(self, specs: dict):
        self._specs = specs

    def __getitem__(self, name: str) -> Callable:
        return _load(self._specs[name])

    def __iter__(self) -> Iterator[str]:
        return iter(self._specs)

    def __len__(self) -> int:
        return len(self._specs)


DEMO_GENERATORS = _LazyGenerators(_GENERATORS)
_FUNCTIONS = {spec.split(':')[1]: spec for spec in _GENERATORS.values()}


def __getattr__(name: str):
    # ``from mmblog.testing.demo_data import make_shapes_demo`` without eager imports.
    if name in _FUNCTIONS:
        return _load(_FUNCTIONS[name])
    raise AttributeError(f'module {__name__!r} has no attribute {name!r}')


__all__ = ['DEMO_GENERATORS', *_FUNCTIONS]
