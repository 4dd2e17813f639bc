"""tools/deploy/kfp_pipeline.py: a deterministic kfp 2.x pipeline, and its local run."""

import json
import re

import pytest
import yaml

from mmblog.deploy.kfp_pipeline import compile_pipeline
from tests.conftest import run_tool

IMAGE = 'registry.example/mmblog:1.0'


@pytest.fixture(scope='module')
def compiled(tmp_path_factory) -> tuple[bytes, list[dict]]:
    out = tmp_path_factory.mktemp('kfp') / 'pipeline.yaml'
    compile_pipeline(str(out), image=IMAGE, data_pvc='raw-data')
    text = out.read_bytes()
    return text, list(yaml.safe_load_all(text))


def test_compiles_byte_identically(compiled, tmp_path):
    again = tmp_path / 'again.yaml'
    compile_pipeline(str(again), image=IMAGE, data_pvc='raw-data')
    assert again.read_bytes() == compiled[0]
    other = tmp_path / 'other.yaml'
    compile_pipeline(str(other), image='other/image:2', data_pvc='raw-data')
    assert other.read_bytes() != compiled[0]  # the comparison can fail


def test_yaml_has_four_executors_on_the_image_without_pip(compiled):
    text, (spec, platform) = compiled
    executors = spec['deploymentSpec']['executors']
    assert sorted(executors) == ['exec-convert-dataset', 'exec-report', 'exec-test', 'exec-train']
    assert {e['container']['image'] for e in executors.values()} == {IMAGE}
    assert not re.search(rb'pip\b|pip3|install', text)


def test_data_and_checkpoints_are_artifacts(compiled):
    _, (spec, _) = compiled
    comps = spec['components']

    def artifacts(comp, side):
        defs = comps[comp].get(side, {}).get('artifacts', {})
        return {k: v['artifactType']['schemaTitle'] for k, v in defs.items()}

    def parameters(comp):
        return set(comps[comp].get('inputDefinitions', {}).get('parameters', {}))

    assert artifacts('comp-convert-dataset', 'outputDefinitions') == {'dataset': 'system.Dataset'}
    assert artifacts('comp-train', 'inputDefinitions') == {'dataset': 'system.Dataset'}
    assert artifacts('comp-train', 'outputDefinitions') == {'model': 'system.Model'}
    assert artifacts('comp-test', 'inputDefinitions') == {
        'dataset': 'system.Dataset',
        'model': 'system.Model',
    }
    assert artifacts('comp-test', 'outputDefinitions') == {'metrics': 'system.Metrics'}
    assert artifacts('comp-report', 'outputDefinitions') == {'markdown': 'system.Markdown'}
    for comp in comps:
        assert not parameters(comp) & {'dataset', 'model', 'metrics', 'markdown'}


def test_pods_get_shm_and_the_data_pvc(compiled):
    _, (_, platform) = compiled
    executors = platform['platforms']['kubernetes']['deploymentSpec']['executors']
    for name in ('exec-train', 'exec-test'):
        (mount,) = executors[name]['emptyDirMounts']
        assert mount == {
            'medium': 'Memory',
            'mountPath': '/dev/shm',
            'sizeLimit': '8Gi',
            'volumeName': 'dshm',
        }
        assert executors[name]['podMetadata']['annotations'] == {'sidecar.istio.io/inject': 'false'}
    (pvc,) = executors['exec-convert-dataset']['pvcMount']
    assert pvc['mountPath'] == '/mmblog/data' and 'raw-data' in json.dumps(pvc)


@pytest.mark.slow
def test_local_run_converts_trains_tests_and_reports(tmp_path):
    root = tmp_path / 'kfp_root'
    proc = run_tool(
        'tools/deploy/kfp_pipeline.py',
        '--local',
        '--pipeline-root',
        root,
        '--cfg-options',
        'train_cfg.max_epochs=1',
    )
    (run_dir,) = root.iterdir()
    assert sorted(p.name for p in run_dir.iterdir()) == [
        'convert-dataset',
        'report',
        'test',
        'train',
    ]
    assert (run_dir / 'convert-dataset' / 'dataset' / 'mnist' / 't10k-labels-idx1-ubyte').is_file()
    assert (run_dir / 'train' / 'model' / 'epoch_1.pth').is_file()
    test_out = json.loads((run_dir / 'test' / 'executor_output.json').read_text())
    metrics = test_out['artifacts']['metrics']['artifacts'][0]['metadata']
    assert set(metrics) == {'accuracy/top1'}
    assert metrics['accuracy/top1'] > 0.3  # chance is 0.1 (one epoch)
    report = (run_dir / 'report' / 'markdown').read_text()
    assert f'| accuracy/top1 | {metrics["accuracy/top1"]:.4f} |' in report
    assert 'checkpoint: `epoch_1.pth`' in report
    assert f"metrics: {{'accuracy/top1': {metrics['accuracy/top1']}}}" in proc.stdout


def test_cli_needs_out_or_local():
    import importlib.util

    from mmblog.utils import ToolUsageError
    from tests.conftest import REPO_ROOT

    path = REPO_ROOT / 'tools' / 'deploy' / 'kfp_pipeline.py'
    spec = importlib.util.spec_from_file_location('kfp_pipeline_tool', path)
    tool = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tool)
    with pytest.raises(ToolUsageError, match=r'^give --out PIPELINE.yaml to compile, or --local'):
        tool.main([])
