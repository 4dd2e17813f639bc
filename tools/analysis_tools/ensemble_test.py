"""Test a rating model with the average of several checkpoints' predictions.

The IGMC reference's ``--ensemble``: average the predicted ratings of the epoch-50/60/70/80
checkpoints of one run on the test set, and report that RMSE next to each checkpoint's own.

    python tools/analysis_tools/ensemble_test.py configs/igmc/igmc_ml100k_u1.py \\
        work_dirs/igmc_u1/epoch_{50,60,70,80}.pth --cfg-options test_dataloader.dataset.data_root=...
"""

import argparse

from mmengine.config import Config, DictAction
from mmengine.registry import init_default_scope
from mmengine.runner import Runner

from mmblog.apis import checkpoint_ensemble
from mmblog.registry import MODELS
from mmblog.utils import run_cli
from mmblog.utils.cli import prepare_tool


def main(argv=None) -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    p.add_argument('config')
    p.add_argument('checkpoints', nargs='+', help='checkpoints whose predictions are averaged')
    p.add_argument('--cfg-options', nargs='+', action=DictAction, default={})
    p.add_argument('--trust-checkpoint', action='store_true', help='full unpickling')
    args = p.parse_args(argv)
    prepare_tool(args)
    cfg = Config.fromfile(args.config)
    cfg.merge_from_dict(args.cfg_options)
    init_default_scope(cfg.get('default_scope', 'mmblog'))
    loader_cfg = cfg.test_dataloader.copy()
    loader_cfg['sampler'] = dict(type='DefaultSampler', shuffle=False)
    loader = Runner.build_dataloader(loader_cfg)
    model = MODELS.build(cfg.model)
    out = checkpoint_ensemble(model, loader, args.checkpoints, trust=args.trust_checkpoint or None)
    for path, rmse in out['per_checkpoint'].items():
        print(f'{path}: rmse {rmse:.4f}')
    print(f'ensemble of {len(args.checkpoints)} checkpoints: rmse {out["rmse"]:.4f}')


if __name__ == '__main__':
    run_cli(main)
