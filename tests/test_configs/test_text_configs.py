"""Every text/multimodal config builds its model and pipelines with network sockets disabled.

Configs are found, not listed: every config under ``configs/`` whose model class lives in
``mmblog.models.text`` or ``mmblog.models.multimodal``, or that uses a tokenizer, is covered, so
families added later are checked without touching this file. Tokenizer files are replaced by
small generated ones (the real ones are data the user brings); nothing may open a socket.
"""

import copy
import glob
import os.path as osp
import re
import socket

import numpy as np
import pytest
from mmengine.config import Config

from mmblog.datasets.tokenizers import BPETokenizer, WordPieceTokenizer
from mmblog.registry import MODELS, TRANSFORMS
from mmblog.testing.demo_data.text_corpus import write_corpus
from mmblog.utils import register_all_modules

register_all_modules()
ROOT = osp.dirname(osp.dirname(osp.dirname(osp.abspath(__file__))))
TEXT_PACKAGES = ('mmblog.models.text', 'mmblog.models.multimodal')


def source_with_bases(path: str, seen: set | None = None) -> str:
    """The text of a config and of every config file it names (its ``_base_`` chain).

    Reading text instead of parsing every config with ``Config.fromfile`` keeps collection fast.
    """
    seen = set() if seen is None else seen
    if path in seen or not osp.isfile(path):
        return ''
    seen.add(path)
    with open(path, encoding='utf-8') as f:
        text = f.read()
    for name in re.findall(r"""['"]([^'"]+\.py)['"]""", text):
        text += source_with_bases(osp.normpath(osp.join(osp.dirname(path), name)), seen)
    return text


def text_model_types() -> set[str]:
    return {
        name for name, cls in MODELS.module_dict.items() if cls.__module__.startswith(TEXT_PACKAGES)
    }


def discover() -> list[str]:
    types = text_model_types()
    found = []
    for path in sorted(glob.glob(osp.join(ROOT, 'configs', '*', '*.py'))):
        text = source_with_bases(path)
        named = set(re.findall(r"""type=['"](\w+)['"]""", text))
        if 'Tokenizer' in text or named & types:
            found.append(path)
    return found


CONFIGS = discover()


@pytest.fixture(scope='module')
def tokenizer_files(tmp_path_factory):
    folder = tmp_path_factory.mktemp('tok')
    corpus = folder / 'corpus.txt'
    write_corpus(str(corpus), 30, np.random.default_rng(0))
    WordPieceTokenizer.train([str(corpus)], 200, str(folder / 'vocab.txt'), min_frequency=1)
    BPETokenizer.train([str(corpus)], 300, str(folder), min_frequency=1)
    return folder


@pytest.fixture
def no_network(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError(f'network access attempted: {args[:2]}')

    monkeypatch.setattr(socket.socket, 'connect', refuse)
    monkeypatch.setattr(socket.socket, 'connect_ex', refuse)
    monkeypatch.setattr(socket, 'create_connection', refuse)
    monkeypatch.setattr(socket, 'getaddrinfo', refuse)


def swap_tokenizer_files(node, folder):
    """Point every tokenizer file of a config at the generated ones."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key == 'vocab_file':
                name = 'vocab.json' if str(value).endswith('.json') else 'vocab.txt'
                node[key] = str(folder / name)
            elif key == 'merges_file':
                node[key] = str(folder / 'merges.txt')
            else:
                swap_tokenizer_files(value, folder)
    elif isinstance(node, (list, tuple)):
        for value in node:
            swap_tokenizer_files(value, folder)


def test_discovery_finds_the_bert_configs():
    names = {osp.basename(p) for p in CONFIGS}
    assert {'bert_base_mlm_corpus.py', 'bert_tiny_mlm_demo.py'} <= names
    assert {'MaskedLanguageModel', 'BertEncoder'} <= text_model_types()
    assert not any('/mnist/' in p for p in CONFIGS)


def test_sockets_are_really_disabled(no_network):
    with pytest.raises(AssertionError, match='network access attempted'):
        socket.create_connection(('127.0.0.1', 9))


@pytest.mark.parametrize('path', CONFIGS, ids=lambda p: osp.relpath(p, osp.join(ROOT, 'configs')))
def test_config_builds_offline(path, tokenizer_files, no_network):
    cfg = Config.fromfile(path)
    if path.endswith('_demo.py'):
        data = cfg.train_dataloader.dataset
        assert 'data/demo/' in data.get('data_root', ''), 'demo configs read generated data'
    model_cfg = copy.deepcopy(cfg.model)
    encoder = model_cfg.get('encoder', {})
    if encoder.get('kg_embed_dir'):
        # ERNIE reads frozen TransE vectors at build time; offline building needs no file, so
        # use a small random entity table instead.
        encoder.kg_embed_dir = None
        encoder.setdefault('num_entities', 8)
        encoder.setdefault('entity_size', 16)
    model = MODELS.build(model_cfg)
    assert sum(p.numel() for p in model.parameters()) > 0
    for split in ('train_dataloader', 'val_dataloader', 'test_dataloader'):
        if split not in cfg:
            continue
        pipeline = copy.deepcopy(cfg[split].dataset.get('pipeline', []))
        swap_tokenizer_files(pipeline, tokenizer_files)
        for transform in pipeline:
            if 'entity2id_file' in transform:
                # ERNIE's entity alignment reads the TransE export; write a small one here.
                transform['entity2id_file'] = str(entity2id_file(tokenizer_files))
            TRANSFORMS.build(transform)


def entity2id_file(folder):
    path = folder / 'entity2id.txt'
    if not path.exists():
        path.write_text('2\nQ1\t0\nQ2\t1\n')
    return path
