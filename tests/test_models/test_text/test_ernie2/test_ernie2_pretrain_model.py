"""ERNIE 2.0: corpus/dataset labels, knowledge masking, active tasks, schedules, and learning."""

import math

import numpy as np
import pytest
import torch

from mmblog.datasets.text.ernie2_task_dataset import FORMATS, Ernie2TaskDataset
from mmblog.datasets.transforms import PackErnie2Inputs
from mmblog.datasets.transforms.ernie2_task_labels import reorder_label_space
from mmblog.engine.runner import allocate_iterations
from mmblog.models.text.ernie2 import Ernie2PretrainModel, KnowledgeMaskingTask
from mmblog.registry import MODELS
from mmblog.testing.demo_data.ernie2_corpus import make_ernie2_corpus_demo
from mmblog.utils.data_check import DataFormatError

TASKS = dict(
    knowledge_masking=dict(type='KnowledgeMaskingTask'),
    capitalization=dict(type='CapitalizationTask'),
    token_document_relation=dict(type='TokenDocumentRelationTask'),
    sentence_reordering=dict(type='SentenceReorderingTask', max_segments=3),
    sentence_distance=dict(type='SentenceDistanceTask'),
    discourse_relation=dict(type='DiscourseRelationTask', num_classes=3),
    ir_relevance=dict(type='IRRelevanceTask'),
)


@pytest.fixture(scope='module')
def corpus(tmp_path_factory):
    out = tmp_path_factory.mktemp('e2')
    make_ernie2_corpus_demo(
        str(out), seed=0, num_docs=dict(train=60, val=20), num_pairs=dict(train=60, val=20)
    )
    return str(out / 'ernie2_corpus')


def _ds(root, fmt, split='train'):
    return Ernie2TaskDataset(root, split=split, task_format=fmt, serialize_data=False)


def _words(ds, ids):
    inv = {i: t for t, i in ds.vocab.items()}
    return [inv[int(i)] for i in ids]


def test_allocation_is_table_7_and_budgets_are_equal():
    stages = [['a'], ['b'], ['c'], ['d']]
    cont = allocate_iterations(stages, 'continual', 50_000)
    assert cont == [
        {'a': 20_000},
        {'a': 10_000, 'b': 30_000},
        {'a': 10_000, 'b': 10_000, 'c': 40_000},
        {'a': 10_000, 'b': 10_000, 'c': 10_000, 'd': 50_000},
    ]
    for schedule in ('continual', 'multitask', 'sequential'):
        alloc = allocate_iterations(stages, schedule, 50_000)
        per_task = {t: sum(s.get(t, 0) for s in alloc) for t in 'abcd'}
        assert per_task == dict.fromkeys('abcd', 50_000), schedule
    assert allocate_iterations(stages, 'sequential', 5) == [{'a': 5}, {'b': 5}, {'c': 5}, {'d': 5}]
    with pytest.raises(ValueError, match='schedule'):
        allocate_iterations(stages, 'random', 5)
    with pytest.raises(ValueError, match='maintenance_ratio'):
        allocate_iterations(stages, 'continual', 10, maintenance_ratio=0.5)


def test_dataset_labels_follow_the_documents(corpus):
    seg = _ds(corpus, 'segment')
    docs = [d.split('\n') for d in open(f'{corpus}/train/docs.txt').read().strip().split('\n\n')]
    first = seg.get_data_info(0)
    words = docs[0][0].split()
    others = ' '.join(docs[0][1:]).lower().split()
    assert first['cap_labels'][1:-1].tolist() == [int(w[0].isupper()) for w in words]
    assert first['tdr_labels'][1:-1].tolist() == [int(w.lower() in others) for w in words]
    # Every knowledge-masking span is a whole gazetteer phrase.
    phrases = {tuple(p.lower().split()) for p in open(f'{corpus}/phrases.txt')}
    toks = _words(seg, first['input_ids'])
    for k in range(1, int(first['km_span_ids'].max()) + 1):
        assert tuple(t for t, s in zip(toks, first['km_span_ids']) if s == k) in phrases
    # Sentence reordering: the label's permutation puts the segments back in document order.
    sr = _ds(corpus, 'sentence_reordering')
    space = reorder_label_space(3)
    assert len(space) == sum(math.factorial(n) for n in (1, 2, 3))
    for i in range(len(docs)):
        item = sr.get_data_info(i)
        toks = _words(sr, item['input_ids'])[1:-1]
        segs = ' '.join(toks).split(' [SEP] ')
        perm = space[item['gt_label']]
        original = [None] * len(perm)
        for k, src in enumerate(perm):
            original[src] = segs[k]
        assert ' '.join(original) == ' '.join(docs[i]).lower()
    for fmt in FORMATS[1:]:
        labels = [_ds(corpus, fmt).get_data_info(i).get('gt_label') for i in range(40)]
        assert len(set(labels)) >= 3, fmt  # every format has several classes


def test_malformed_corpus_gives_one_line(corpus, tmp_path):
    import shutil

    bad = tmp_path / 'bad'
    shutil.copytree(corpus, bad)
    with open(bad / 'train' / 'discourse.tsv', 'a') as f:
        f.write('a b .\tc d .\tbecause\n')
    with pytest.raises(DataFormatError, match=r'discourse.tsv: line 61: field marker'):
        _ds(str(bad), 'discourse_relation')
    (bad / 'vocab.txt').write_text('the\n')
    with pytest.raises(DataFormatError, match=r'vocab.txt: line 1-5'):
        _ds(str(bad), 'segment')
    with pytest.raises(FileNotFoundError, match='make_demo_data.py --only ernie2_corpus'):
        _ds(str(tmp_path / 'none'), 'segment')


def test_knowledge_masking_masks_whole_spans_at_its_rate():
    task = KnowledgeMaskingTask(hidden_size=8, vocab_size=50, mask_token_id=3, mask_prob=0.3)
    from mmblog.structures import TextDataSample

    spans = torch.tensor([0, 1, 1, 0, 2, 2, 2, 0, 3, 0])
    samples = [TextDataSample(km_span_ids=spans) for _ in range(4000)]
    ids = torch.arange(10, 20).repeat(4000, 1)
    masked, targets = task.corrupt(ids, samples, torch.Generator().manual_seed(0))
    is_masked = masked == 3
    for k in (1, 2, 3):  # a span is masked whole or not at all
        cols = spans == k
        assert bool((is_masked[:, cols].all(1) | ~is_masked[:, cols].any(1)).all())
    assert not bool(is_masked[:, spans == 0].any())
    assert bool((targets[is_masked] == ids[is_masked]).all())
    assert bool((targets[~is_masked] == -100).all())
    per_span = torch.stack([is_masked[:, spans == k][:, 0] for k in (1, 2, 3)], 1).float()
    assert bool(per_span.any(1).all())  # at least one span per input
    # P(masked) = p + (1-p)^3 / 3: the drawn rate plus the forced span when none was drawn.
    assert abs(per_span.mean().item() - (0.3 + 0.7**3 / 3)) < 0.015


def _batch(root, fmt, n=6):
    ds = _ds(root, fmt)
    pack = PackErnie2Inputs()
    items = [pack(ds.get_data_info(i)) for i in range(n)]
    return dict(
        inputs={k: [it['inputs'][k] for it in items] for k in items[0]['inputs']},
        data_samples=[it['data_samples'] for it in items],
    )


def _model(vocab):
    return Ernie2PretrainModel(
        encoder=dict(
            type='BertEncoder',
            vocab_size=vocab,
            hidden_size=16,
            num_hidden_layers=1,
            num_attention_heads=2,
            intermediate_size=32,
            max_position_embeddings=64,
            num_task_types=5,
        ),
        tasks=TASKS,
    )


def test_one_sentence_loss_plus_active_token_losses(corpus):
    vocab = len(_ds(corpus, 'segment').vocab)
    model = _model(vocab)
    assert model.tasks['knowledge_masking'].head.decoder.weight is (
        model.encoder.embeddings.word_embeddings.weight
    )
    data = model.data_preprocessor(_batch(corpus, 'sentence_distance'), True)
    losses = model(**data, mode='loss')
    # Every token task, and only the sentence task of this input format (TDR has no labels here).
    assert {k for k in losses if k.startswith('loss_')} == {
        'loss_knowledge_masking',
        'loss_capitalization',
        'loss_sentence_distance',
    }
    model.set_active_tasks(['capitalization', 'sentence_reordering'])
    data = model.data_preprocessor(_batch(corpus, 'sentence_reordering'), True)
    assert {k for k in model(**data, mode='loss') if k.startswith('loss_')} == {
        'loss_capitalization',
        'loss_sentence_reordering',
    }
    with pytest.raises(KeyError, match='unknown ERNIE 2.0 tasks'):
        model.set_active_tasks(['nsp'])
    model.eval()
    data = model.data_preprocessor(_batch(corpus, 'segment'), False)
    out = model(**data, mode='predict')
    assert set(out[0].task_preds) == {
        'knowledge_masking',
        'capitalization',
        'token_document_relation',
    }


def test_every_task_is_registered():
    for name, cfg in TASKS.items():
        task = MODELS.build(
            dict(cfg, hidden_size=8, **({'vocab_size': 20} if 'Knowledge' in cfg['type'] else {}))
        )
        assert task.level == ('token' if name in list(TASKS)[:3] else 'sentence')


@pytest.mark.slow
def test_continual_loop_follows_the_allocation_and_learns(corpus, tmp_path):
    from mmengine.config import Config
    from mmengine.runner import Runner

    cfg = Config.fromfile('configs/ernie2/ernie2_tiny_continual_demo.py')
    cfg.work_dir = str(tmp_path / 'run')
    cfg.train_dataloader.dataset.data_root = corpus
    for d in cfg.val_dataloader.dataset.datasets:
        d.data_root = corpus
    cfg.model.encoder.vocab_size = len(_ds(corpus, 'segment').vocab)
    cfg.train_cfg.stages = [['capitalization'], ['token_document_relation']]
    cfg.train_cfg.iters_per_task = 40
    cfg.train_dataloader.batch_size = 16
    cfg.default_hooks.logger.interval = 1000
    runner = Runner.from_cfg(cfg)
    seen = []
    model = runner.model
    original = model.set_active_tasks
    model.set_active_tasks = lambda names: (seen.append(tuple(names or ())), original(names))
    runner.train()
    loop = runner.train_loop
    assert loop.allocation == [
        {'capitalization': 32},
        {'capitalization': 8, 'token_document_relation': 40},
    ]
    assert seen[:32] == [('capitalization',)] * 32
    assert set(seen[32:80]) == {('capitalization', 'token_document_relation')}
    assert seen[32:80].count(('capitalization', 'token_document_relation')) == 48
    assert [h['iter'] for h in loop.history] == [32, 80]
    final = loop.history[-1]
    assert final['ernie2/capitalization_acc'] > final['ernie2/capitalization_majority'] + 5
    assert np.isfinite(final['ernie2/token_document_relation_acc'])


def test_schedule_table_cli_missing_config_is_one_line(capsys, monkeypatch):
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        'ernie2_schedule_table', 'tools/analysis_tools/ernie2_schedule_table.py'
    )
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    monkeypatch.setattr('sys.argv', ['ernie2_schedule_table.py', '--config', 'configs/nope.py'])
    with pytest.raises(SystemExit) as exc:
        mod.run_cli(mod.main)
    assert exc.value.code == 2
    err = [line for line in capsys.readouterr().err.splitlines() if line.strip()]
    assert err == ['ernie2_schedule_table.py: error: config not found: configs/nope.py']


def test_schedule_table_reports_forgetting_as_best_minus_final():
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        'ernie2_schedule_table', 'tools/analysis_tools/ernie2_schedule_table.py'
    )
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    hist = [
        {
            'ernie2/km_acc': 60.0,
            'ernie2/km_majority': 3.0,
            'ernie2/cap_acc': 70.0,
            'ernie2/cap_majority': 71.0,
        },
        {
            'ernie2/km_acc': 45.0,
            'ernie2/km_majority': 3.0,
            'ernie2/cap_acc': 99.0,
            'ernie2/cap_majority': 71.0,
        },
    ]
    text = mod.table(dict(sequential=dict(history=hist, first_task='km', tasks=['km', 'cap'])))
    assert '| sequential | 45.0 | 99.0 | 60.0 | 15.0 |' in text
    assert '| chance (majority) | 3.0 | 71.0 | | |' in text
