"""tools/deploy/k8s_job.py: a valid TrainJob and PyTorchJob running dist_train.sh's torchrun."""

import copy
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from mmblog.deploy.k8s_job import (
    JobSpec,
    controller_env,
    pytorchjob,
    strict_field_check,
    trainjob,
    validate_trainjob,
)
from tests.conftest import REPO_ROOT

CONFIG = 'configs/mnist/softmax_regression_mnist_demo.py'


def spec(**kw) -> JobSpec:
    kw = dict(config=CONFIG, name='mnist', nodes=2, nproc_per_node=4, gpus_per_node=4) | kw
    return JobSpec(**kw, train_args=['--cfg-options', 'train_cfg.max_epochs=1'])


def kubernetes_validate() -> str:
    found = Path(sys.executable).parent / 'kubernetes-validate'
    return str(found) if found.exists() else 'kubernetes-validate'


def test_trainjob_validates_and_a_typo_fails():
    manifest = trainjob(spec())
    validate_trainjob(manifest)
    assert manifest['spec']['trainer']['numNodes'] == 2
    assert manifest['spec']['trainer']['resourcesPerNode']['limits']['nvidia.com/gpu'] == '4'

    typo = copy.deepcopy(manifest)
    typo['spec']['trainer']['numNode'] = typo['spec']['trainer'].pop('numNodes')
    from kubeflow_trainer_api.models import TrainerV1alpha1TrainJob

    # The generated model alone drops the unknown key: that is why the strict check exists.
    assert TrainerV1alpha1TrainJob.from_dict(typo).spec.trainer.num_nodes is None
    with pytest.raises(ValueError, match=r'spec\.trainer\.numNode: unknown field'):
        validate_trainjob(typo)

    deep = copy.deepcopy(manifest)
    patch = deep['spec']['runtimePatches'][0]['trainingRuntimeSpec']['template']['spec']
    pod = patch['replicatedJobs'][0]['template']['spec']['template']['spec']
    pod['containers'][0]['volumeMount'] = pod['containers'][0].pop('volumeMounts')
    pod['volumes'][0]['emptyDir']['sizelimit'] = '1Gi'
    errors = strict_field_check(deep, TrainerV1alpha1TrainJob)
    assert sorted(e.split(':')[0].rsplit('.', 1)[-1] for e in errors) == [
        'sizelimit',
        'volumeMount',
    ]


def test_trainjob_pods_get_shm_pvcs_and_no_istio():
    manifest = trainjob(spec(shm_size='16Gi', data_pvc='coco', work_pvc='runs'))
    patch = manifest['spec']['runtimePatches'][0]['trainingRuntimeSpec']['template']['spec']
    (node,) = patch['replicatedJobs']
    assert node['name'] == 'node'
    pod = node['template']['spec']['template']
    assert pod['metadata']['annotations'] == {'sidecar.istio.io/inject': 'false'}
    volumes = {v['name']: v for v in pod['spec']['volumes']}
    assert volumes['dshm']['emptyDir'] == {'medium': 'Memory', 'sizeLimit': '16Gi'}
    assert volumes['data']['persistentVolumeClaim']['claimName'] == 'coco'
    assert volumes['work-dirs']['persistentVolumeClaim']['claimName'] == 'runs'
    mounts = {m['name']: m['mountPath'] for m in pod['spec']['containers'][0]['volumeMounts']}
    assert mounts == {'dshm': '/dev/shm', 'data': '/mmblog/data', 'work-dirs': '/mmblog/work_dirs'}


def test_pytorchjob_pod_templates_pass_kubernetes_validate_strict(tmp_path):
    manifest = pytorchjob(spec())
    replicas = manifest['spec']['pytorchReplicaSpecs']
    assert [replicas['Master']['replicas'], replicas['Worker']['replicas']] == [1, 1]
    docs = []
    for role, replica in replicas.items():
        (container,) = replica['template']['spec']['containers']
        assert container['name'] == 'pytorch'
        docs.append(
            {
                'apiVersion': 'v1',
                'kind': 'PodTemplate',
                'metadata': {'name': f'mnist-{role.lower()}'},
                'template': replica['template'],
            }
        )
    good = tmp_path / 'templates.yaml'
    good.write_text(yaml.safe_dump_all(docs))
    proc = subprocess.run(
        [kubernetes_validate(), '--strict', str(good)], capture_output=True, text=True
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert proc.stdout.count(' passed for resource podtemplate/') == 2

    docs[1]['template']['spec']['containers'][0]['volumeMount'] = []
    bad = tmp_path / 'bad.yaml'
    bad.write_text(yaml.safe_dump_all(docs))
    proc = subprocess.run(
        [kubernetes_validate(), '--strict', str(bad)], capture_output=True, text=True
    )
    assert proc.returncode != 0 and 'volumeMount' in proc.stdout + proc.stderr


def dist_train_dry_run(command: list[str], env: dict) -> list[str]:
    from tests.test_tools.test_dist_tools import bare_env

    env = bare_env(DRY_RUN='1', **env)
    proc = subprocess.run(
        command, cwd=REPO_ROOT, env=env, capture_output=True, text=True, check=True
    )
    return shlex.split(proc.stdout)


@pytest.mark.parametrize('kind', ['trainjob', 'pytorchjob'])
def test_pod_torchrun_command_equals_dist_train_sh(kind):
    job_spec = spec()
    manifest = trainjob(job_spec) if kind == 'trainjob' else pytorchjob(job_spec)
    if kind == 'trainjob':
        command = manifest['spec']['trainer']['command']
    else:
        command = manifest['spec']['pytorchReplicaSpecs']['Worker']['template']['spec'][
            'containers'
        ][0]['command']
    assert command[:2] == ['bash', 'tools/dist_train.sh'] and '--resume' in command
    # Pod 1 as the controller starts it, against dist_train.sh run by hand on node 1.
    in_pod = dist_train_dry_run(command, controller_env(kind, job_spec, 1, 'mnist-node-0-0', 23456))
    by_hand = dist_train_dry_run(
        [
            'bash',
            'tools/dist_train.sh',
            CONFIG,
            '4',
            '--work-dir',
            'work_dirs/mnist',
            '--resume',
            '--cfg-options',
            'train_cfg.max_epochs=1',
        ],
        {'NNODES': '2', 'NODE_RANK': '1', 'MASTER_ADDR': 'mnist-node-0-0', 'PORT': '23456'},
    )
    assert in_pod == by_hand
    assert '--nnodes=2' in in_pod and '--node-rank=1' in in_pod
    assert '--master-addr=mnist-node-0-0' in in_pod and '--nproc-per-node=4' in in_pod


def load_tool(name: str):
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        name, REPO_ROOT / 'tools' / 'deploy' / f'{name}.py'
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_cli_writes_yaml_and_rejects_bad_input(tmp_path):
    from mmblog.utils import ToolUsageError

    tool = load_tool('k8s_job')
    out = tmp_path / 'job.yaml'
    tool.main(
        [
            CONFIG,
            '--kind',
            'pytorchjob',
            '--nodes',
            '3',
            '--image',
            'reg/mmblog:1',
            '--out',
            str(out),
            '--',
            '--cfg-options',
            'train_cfg.max_epochs=1',
        ]
    )
    manifest = yaml.safe_load(out.read_text())
    assert manifest['kind'] == 'PyTorchJob'
    assert manifest['metadata']['name'] == 'softmax-regression-mnist-demo'
    assert manifest['spec']['pytorchReplicaSpecs']['Worker']['replicas'] == 2
    command = manifest['spec']['pytorchReplicaSpecs']['Master']['template']['spec']['containers'][
        0
    ]['command']
    assert command[4:] == [
        '--work-dir',
        'work_dirs/softmax_regression_mnist_demo',
        '--resume',
        '--cfg-options',
        'train_cfg.max_epochs=1',
    ]
    with pytest.raises(ToolUsageError, match=r'^--gpus-per-node 4 must equal --nproc-per-node 2 '):
        tool.main([CONFIG, '--nproc-per-node', '2', '--gpus-per-node', '4'])
    with pytest.raises(ToolUsageError, match='lower-case letters'):
        tool.main([CONFIG, '--name', 'Bad_Name'])
