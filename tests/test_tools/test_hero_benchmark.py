"""The HERO benchmark's manual-attention switch computes the same encoder, and the tool runs."""

import importlib.util
import os.path as osp

import torch

from mmblog.models.multimodal import HERO

ROOT = osp.dirname(osp.dirname(osp.dirname(osp.abspath(__file__))))
spec = importlib.util.spec_from_file_location(
    'hero_benchmark', osp.join(ROOT, 'tools/analysis_tools/hero_benchmark.py')
)
bench = importlib.util.module_from_spec(spec)
spec.loader.exec_module(bench)

ENC = dict(
    feat_dim=8,
    vocab_size=30,
    embed_dims=16,
    num_heads=2,
    feedforward_channels=32,
    num_cross_layers=1,
    num_temporal_layers=1,
    dropout=0.0,
)


def test_manual_attention_matches_sdpa():
    model = HERO(ENC, tasks=dict(mlm=1)).eval()
    batch = bench.synthetic_batch(2, 12, 3, 6, 8, 30, 'cpu')
    sdpa = model.encoder(batch)['v_temp']
    bench.use_manual_attention(model, True)
    manual = model.encoder(batch)['v_temp']
    bench.use_manual_attention(model, False)
    torch.testing.assert_close(manual, sdpa, atol=1e-5, rtol=1e-5)
    torch.testing.assert_close(model.encoder(batch)['v_temp'], sdpa)


def test_tool_reports_both(capsys):
    bench.main(
        [
            osp.join(ROOT, 'configs/hero/hero_pretrain_demo.py'),
            '--iters',
            '1',
            '--warmup',
            '0',
            '--batch-size',
            '2',
            '--frames',
            '12',
            '--subs',
            '3',
            '--tokens',
            '6',
        ]
    )
    out = capsys.readouterr().out
    assert 'pre-training:' in out and 'SDPA / manual' in out
