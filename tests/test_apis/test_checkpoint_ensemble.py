"""Checkpoint ensemble: the averaged prediction of several checkpoints, and its CLI."""

import math
import runpy
import sys

import pytest
import torch
from torch.utils.data import DataLoader

from mmblog.apis import checkpoint_ensemble, predict_ratings
from mmblog.datasets.graph import MovieLensDataset, graph_collate
from mmblog.models.graph import IGMC
from mmblog.testing.demo_data import make_movielens_demo


def test_ensemble_averages_the_checkpoints_predictions(tmp_path):
    make_movielens_demo(str(tmp_path), num_users=20, num_items=25, density=0.3)
    ds = MovieLensDataset(str(tmp_path / 'ml-100k'), 'test')
    loader = DataLoader(ds, batch_size=8, collate_fn=graph_collate)
    model = IGMC(hidden_channels=[4, 4])
    paths, preds = [], []
    for k in range(3):
        torch.manual_seed(k)
        for p in model.parameters():
            torch.nn.init.normal_(p, std=0.5)
        path = str(tmp_path / f'epoch_{k}.pth')
        torch.save(dict(state_dict=model.state_dict()), path)
        paths.append(path)
        preds.append(predict_ratings(model, loader)[0])
    gt = predict_ratings(model, loader)[1]
    out = checkpoint_ensemble(IGMC(hidden_channels=[4, 4]), loader, paths)
    mean = torch.stack(preds).mean(0)
    torch.testing.assert_close(out['pred'], mean)
    assert math.isclose(out['rmse'], float(((mean - gt) ** 2).mean().sqrt()), rel_tol=1e-9)
    for path, p in zip(paths, preds):
        assert math.isclose(out['per_checkpoint'][path], float(((p - gt) ** 2).mean().sqrt()))
    with pytest.raises(ValueError, match='at least one checkpoint'):
        checkpoint_ensemble(model, loader, [])


def test_cli_missing_checkpoint_is_one_line(tmp_path, monkeypatch, capsys):
    make_movielens_demo(str(tmp_path), num_users=15, num_items=15, density=0.3)
    monkeypatch.setattr(
        sys,
        'argv',
        [
            'ensemble_test.py',
            'configs/igmc/igmc_ml100k_demo.py',
            str(tmp_path / 'nope.pth'),
            '--cfg-options',
            f'test_dataloader.dataset.data_root={tmp_path}/ml-100k',
        ],
    )
    with pytest.raises(SystemExit) as e:
        runpy.run_path('tools/analysis_tools/ensemble_test.py', run_name='__main__')
    assert e.value.code == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and 'nope.pth' in err[0], err
