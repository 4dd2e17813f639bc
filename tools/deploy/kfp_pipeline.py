"""Compile (or run locally) the Kubeflow pipeline convert -> train -> test -> report.

    # compile for a cluster (the steps run on the mmblog image; upload the YAML in the KFP UI)
    python tools/deploy/kfp_pipeline.py configs/mnist/softmax_regression_mnist_demo.py \\
        --image REGISTRY/mmblog:TAG --out pipeline.yaml
    # run the same pipeline here with kfp's local runner on the MNIST demo
    python tools/deploy/kfp_pipeline.py configs/mnist/softmax_regression_mnist_demo.py --local \\
        --cfg-options train_cfg.max_epochs=1

``--convert-command`` writes the data into the step's Dataset folder ``{out}``; ``--cfg-options``
point the config at it as ``{data}`` (defaults: the MNIST demo generator and its data_root keys).
"""

import argparse
import glob
import json
import os
import os.path as osp

from mmblog.deploy import kfp_pipeline as kp
from mmblog.utils import ToolUsageError, run_cli

ROOT = osp.dirname(osp.dirname(osp.dirname(osp.abspath(__file__))))


def parse_args(argv=None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description='Kubeflow pipeline: convert, train, test, report')
    parser.add_argument('config', nargs='?', default=kp.DEMO_CONFIG)
    parser.add_argument('--out', help='compiled pipeline YAML')
    parser.add_argument('--image', default=kp.DEFAULT_IMAGE, help='image of every step')
    parser.add_argument('--shm-size', default='8Gi', help='/dev/shm of the train and test pods')
    parser.add_argument('--convert-command', default=kp.DEMO_CONVERT)
    parser.add_argument('--data-pvc', help='PVC with the raw data, mounted at /mmblog/data')
    parser.add_argument(
        '--cfg-options',
        nargs='+',
        default=[],
        help='extra config overrides for train and test, on top of the data_root ones',
    )
    parser.add_argument('--local', action='store_true', help="run with kfp's local runner")
    parser.add_argument('--pipeline-root', default='work_dirs/kfp_local')
    args = parser.parse_args(argv)
    if not args.out and not args.local:
        raise ToolUsageError('give --out PIPELINE.yaml to compile, or --local to run here')
    return args


def main(argv=None) -> None:
    args = parse_args(argv)
    params = dict(
        config=args.config,
        convert_command=args.convert_command,
        cfg_options=' '.join([kp.DEMO_CFG_OPTIONS, *args.cfg_options]),
    )
    if args.out:
        kp.compile_pipeline(
            args.out, image=args.image, shm_size=args.shm_size, data_pvc=args.data_pvc, **params
        )
        print(f'wrote {args.out}')
    if args.local:
        run_dir = kp.run_local(osp.abspath(args.pipeline_root), mmblog_root=ROOT, **params)
        with open(osp.join(run_dir, 'test', 'executor_output.json')) as f:
            metrics = json.load(f)['artifacts']['metrics']['artifacts'][0]['metadata']
        print(f'run: {run_dir}')
        print(f'checkpoints: {sorted(glob.glob(osp.join(run_dir, "train", "model", "*.pth")))}')
        print(f'metrics: {metrics}')
        print(f'report: {osp.join(run_dir, "report", "markdown")}')
        if not os.path.isfile(osp.join(run_dir, 'report', 'markdown')):
            raise RuntimeError(f'{run_dir}: the report step wrote no Markdown')


if __name__ == '__main__':
    run_cli(main)
