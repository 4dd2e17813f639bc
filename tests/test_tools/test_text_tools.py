"""Text tools end to end: train a vocabulary, convert an HF checkpoint, train and test the
masked-LM demo through tools/train.py and tools/test.py."""

import importlib.util
import re

import pytest
import torch
import transformers

from mmblog.testing.demo_data import make_text_corpus_demo
from mmblog.utils import run_cli
from tests.conftest import REPO_ROOT, run_tool

DEMO_CONFIG = REPO_ROOT / 'configs/bert/bert_tiny_mlm_demo.py'


def tool_main(rel_path: str):
    """A tool's ``main`` run in this process (quicker than a subprocess for light tools)."""
    spec = importlib.util.spec_from_file_location(
        rel_path.replace('/', '_')[:-3], REPO_ROOT / rel_path
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return lambda *args: run_cli(lambda: module.main([str(a) for a in args]))


@pytest.fixture(scope='module')
def demo_cwd(tmp_path_factory):
    """A working folder whose data/demo/text_corpus holds a smaller generated corpus."""
    cwd = tmp_path_factory.mktemp('text_demo')
    make_text_corpus_demo(str(cwd / 'data/demo'), seed=0, train_docs=400)
    return cwd


def test_train_tokenizer_cli(demo_cwd, tmp_path, capsys):
    train_tokenizer = tool_main('tools/misc/train_tokenizer.py')
    corpus = demo_cwd / 'data/demo/text_corpus/train.txt'
    out = tmp_path / 'vocab.txt'
    train_tokenizer(corpus, '--vocab-size', 200, '--out', out, '--special', '[ENT]')
    assert 'wordpiece vocabulary of' in capsys.readouterr().out
    assert '[ENT]' in out.read_text().splitlines()
    train_tokenizer(corpus, '--model', 'bpe', '--vocab-size', 300, '--out', tmp_path / 'bpe')
    assert (tmp_path / 'bpe/vocab.json').is_file() and (tmp_path / 'bpe/merges.txt').is_file()
    with pytest.raises(SystemExit) as exit_info:
        train_tokenizer(tmp_path / 'none.txt', '--vocab-size', 100, '--out', out)
    assert exit_info.value.code == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].endswith(f'error: corpus file not found: {tmp_path}/none.txt')


def test_hf2mmblog_cli(tmp_path, capsys):
    convert = tool_main('tools/model_converters/hf2mmblog.py')
    torch.manual_seed(0)
    cfg = transformers.BertConfig(vocab_size=50, hidden_size=16, num_hidden_layers=1,
                                  num_attention_heads=2, intermediate_size=32)  # fmt: skip
    transformers.BertForMaskedLM(cfg).save_pretrained(tmp_path / 'hf')
    dst = tmp_path / 'out.pth'
    convert(tmp_path / 'hf', dst, '--head-prefix', 'head.')
    assert "'encoder': 21" in capsys.readouterr().out
    state = torch.load(dst, weights_only=True)['state_dict']
    assert 'encoder.encoder.layer.0.attention.self.query.weight' in state
    assert torch.equal(
        state['head.decoder.weight'], state['encoder.embeddings.word_embeddings.weight']
    )
    with pytest.raises(SystemExit):
        convert(tmp_path / 'nowhere', dst)
    assert 'error: checkpoint not found' in capsys.readouterr().err


def metric(text: str, name: str) -> float:
    return float(re.findall(rf'mlm/{name}: ([0-9.]+)', text)[-1])


@pytest.mark.slow
def test_masked_lm_demo_learns_through_train_and_test(demo_cwd):
    work = demo_cwd / 'work'
    iters = 300
    run_tool(REPO_ROOT / 'tools/train.py', DEMO_CONFIG, '--work-dir', work, '--cfg-options',
             f'train_cfg.max_iters={iters}', f'train_cfg.val_interval={iters}',
             f'default_hooks.checkpoint.interval={iters}', cwd=demo_cwd)  # fmt: skip
    proc = run_tool(REPO_ROOT / 'tools/test.py', DEMO_CONFIG, work / f'iter_{iters}.pth', '--work-dir', work,
                    cwd=demo_cwd)  # fmt: skip
    log = proc.stdout + proc.stderr
    accuracy, baseline = metric(log, 'accuracy'), metric(log, 'unigram_baseline')
    assert baseline < 0.15
    assert accuracy > 0.4 and accuracy > 4 * baseline, (accuracy, baseline)
