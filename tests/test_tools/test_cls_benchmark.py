"""benchmark.py's torchvision reference for classifiers."""

import importlib.util
import os.path as osp

ROOT = osp.dirname(osp.dirname(osp.dirname(osp.abspath(__file__))))


def test_benchmark_resnet_against_torchvision():
    path = osp.join(ROOT, 'tools/analysis_tools/benchmark.py')
    spec = importlib.util.spec_from_file_location('benchmark', path)
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    report = bench.main(
        [
            osp.join(ROOT, 'configs/resnet/resnet18_imagenet.py'),
            '--shape',
            '32',
            '32',
            '--batch-size',
            '2',
            '--iters',
            '1',
            '--warmup',
            '1',
            '--reference',
            'torchvision',
            '--device',
            'cpu',
        ]
    )
    for mode in ('train', 'inference'):
        assert report[mode] > 0 and report[f'{mode}_reference'] > 0
        assert report[f'{mode}_ratio'] > 0
