"""HowTo100M end to end through tools/: generate, train, evaluate retrieval, run the demo."""

import json
import os.path as osp

import pytest
from conftest import run_tool

from mmblog.testing.demo_data import make_howto100m_demo

CONFIG = 'configs/howto100m/howto100m_embedding_demo.py'


@pytest.mark.slow
def test_train_beats_chance_and_demo_table(tmp_path):
    make_howto100m_demo(str(tmp_path), n_train=30, n_test=10, captions_per_video=12)
    root = osp.join(tmp_path, 'howto100m')
    work = tmp_path / 'work'
    opts = [
        f'train_dataloader.dataset.data_root={root}',
        f'val_dataloader.dataset.data_root={root}',
        f'test_dataloader.dataset.data_root={root}',
        'train_cfg.max_iters=120',
        'train_cfg.val_interval=120',
        'default_hooks.checkpoint.interval=120',
        'train_dataloader.batch_size=32',
    ]
    run_tool('tools/train.py', CONFIG, '--work-dir', work, '--cfg-options', *opts)
    scalars = sorted(work.glob('*/vis_data/scalars.json'))[-1]
    last = [json.loads(x) for x in scalars.read_text().splitlines() if 'retrieval/R@1' in x][-1]
    # 40 test clips (4 per held-out video): chance R@1 is 2.5%.
    assert last['retrieval/chance_R@1'] == pytest.approx(2.5)
    assert last['retrieval/R@1'] > 20.0, last
    cfg = tmp_path / 'cfg.py'
    cfg.write_text(
        f"_base_ = ['{osp.abspath(CONFIG)}']\n"
        f"test_dataloader = dict(dataset=dict(data_root='{root}'))\n"
    )
    proc = run_tool(
        'demo/retrieval_demo.py',
        cfg,
        work / 'iter_120.pth',
        '--index',
        '3',
        '--topk',
        '50',
        '--out',
        tmp_path / 'r.md',
    )
    assert '(match)' in proc.stdout and (tmp_path / 'r.md').read_text() == proc.stdout
    proc = run_tool('demo/retrieval_demo.py', cfg, work / 'iter_120.pth', check=False)
    assert proc.returncode == 2 and 'give exactly one of --query and --index' in proc.stderr
