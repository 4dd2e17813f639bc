"""Kubernetes manifests for a distributed mmblog training run.

Two forms of the same job, both running ``bash tools/dist_train.sh`` in the mmblog image, so the
torchrun command in a pod is exactly the one dist_train.sh builds on a workstation:

- Kubeflow Trainer v2 ``TrainJob`` (``trainer.kubeflow.org/v1alpha1``), the primary form: the
  ``torch-distributed`` runtime starts ``numNodes`` pods and sets ``PET_NNODES``,
  ``PET_NPROC_PER_NODE``, ``PET_NODE_RANK``, ``PET_MASTER_ADDR`` and ``PET_MASTER_PORT`` in each;
  dist_train.sh falls back to those.
- Kubeflow Training Operator ``PyTorchJob`` (``kubeflow.org/v1``), the legacy form: one Master and
  ``nodes - 1`` Workers, container named ``pytorch``; the operator sets ``MASTER_ADDR``,
  ``MASTER_PORT`` and, with ``nprocPerNode``, the same ``PET_*`` variables.

Every pod gets /dev/shm as a memory-backed emptyDir (PyTorch data loader workers pass batches
through shared memory; the container default of 64 MiB kills them), the data and work-dir
PersistentVolumeClaims, and the Istio sidecar turned off (an injected proxy intercepts the
rendezvous port and the workers never meet). The training command always carries ``--resume``:
a pod that is recreated continues from the work dir's latest checkpoint (and starts fresh when
there is none).
"""

from dataclasses import dataclass, field

TRAINJOB_API = 'trainer.kubeflow.org/v1alpha1'
PYTORCHJOB_API = 'kubeflow.org/v1'
# Trainer v2's torch runtime names its replicated job and trainer container "node".
TRAINER_NODE = 'node'
ISTIO_OFF = {'sidecar.istio.io/inject': 'false'}
PATCH_MANAGER = 'mmblog.tools/k8s_job'


@dataclass
class JobSpec:
    """What a distributed training job needs; defaults fit the Docker image (docker/)."""

    config: str
    name: str
    image: str = 'mmblog:latest'
    namespace: str | None = None
    nodes: int = 1
    nproc_per_node: int = 1
    gpus_per_node: int = 0
    cpu: str | None = None
    memory: str | None = None
    shm_size: str = '8Gi'
    data_pvc: str = 'mmblog-data'
    work_pvc: str = 'mmblog-work-dirs'
    work_dir: str | None = None
    runtime: str = 'torch-distributed'
    max_restarts: int = 0
    train_args: list[str] = field(default_factory=list)
    root: str = '/mmblog'

    def __post_init__(self) -> None:
        if self.nodes < 1 or self.nproc_per_node < 1:
            raise ValueError('--nodes and --nproc-per-node must be >= 1')
        if self.gpus_per_node and self.gpus_per_node != self.nproc_per_node:
            raise ValueError(
                f'--gpus-per-node {self.gpus_per_node} must equal --nproc-per-node '
                f'{self.nproc_per_node} (one process per GPU)'
            )
        if self.work_dir is None:
            self.work_dir = f'work_dirs/{self.name}'


def train_command(spec: JobSpec) -> list[str]:
    """The container command: dist_train.sh, which builds torchrun's arguments in the pod."""
    return [
        'bash',
        'tools/dist_train.sh',
        spec.config,
        str(spec.nproc_per_node),
        '--work-dir',
        spec.work_dir,
        '--resume',
        *spec.train_args,
    ]


def _env(spec: JobSpec) -> list[dict]:
    env = [{'name': 'PYTHONUNBUFFERED', 'value': '1'}]
    if spec.max_restarts:
        env.append({'name': 'MAX_RESTARTS', 'value': str(spec.max_restarts)})
    return env


def _resources(spec: JobSpec) -> dict:
    limits = {}
    if spec.gpus_per_node:
        limits['nvidia.com/gpu'] = str(spec.gpus_per_node)
    if spec.cpu:
        limits['cpu'] = spec.cpu
    if spec.memory:
        limits['memory'] = spec.memory
    return {'limits': limits, 'requests': dict(limits)} if limits else {}


def _volumes(spec: JobSpec) -> list[dict]:
    return [
        {'name': 'dshm', 'emptyDir': {'medium': 'Memory', 'sizeLimit': spec.shm_size}},
        {'name': 'data', 'persistentVolumeClaim': {'claimName': spec.data_pvc}},
        {'name': 'work-dirs', 'persistentVolumeClaim': {'claimName': spec.work_pvc}},
    ]


def _volume_mounts(spec: JobSpec) -> list[dict]:
    return [
        {'name': 'dshm', 'mountPath': '/dev/shm'},
        {'name': 'data', 'mountPath': f'{spec.root}/data'},
        {'name': 'work-dirs', 'mountPath': f'{spec.root}/work_dirs'},
    ]


def _metadata(spec: JobSpec) -> dict:
    meta = {'name': spec.name, 'labels': {'app.kubernetes.io/name': 'mmblog'}}
    if spec.namespace:
        meta['namespace'] = spec.namespace
    return meta


def trainjob(spec: JobSpec) -> dict:
    """A Kubeflow Trainer v2 TrainJob on the ``torch-distributed`` ClusterTrainingRuntime."""
    trainer = {
        'image': spec.image,
        'command': train_command(spec),
        'numNodes': spec.nodes,
        'numProcPerNode': spec.nproc_per_node,
        'env': _env(spec),
    }
    resources = _resources(spec)
    if resources:
        trainer['resourcesPerNode'] = resources
    pod_patch = {
        'metadata': {'annotations': dict(ISTIO_OFF)},
        'spec': {
            'volumes': _volumes(spec),
            'containers': [{'name': TRAINER_NODE, 'volumeMounts': _volume_mounts(spec)}],
        },
    }
    return {
        'apiVersion': TRAINJOB_API,
        'kind': 'TrainJob',
        'metadata': _metadata(spec),
        'spec': {
            'runtimeRef': {
                'apiGroup': 'trainer.kubeflow.org',
                'kind': 'ClusterTrainingRuntime',
                'name': spec.runtime,
            },
            'trainer': trainer,
            'runtimePatches': [
                {
                    'manager': PATCH_MANAGER,
                    'trainingRuntimeSpec': {
                        'template': {
                            'spec': {
                                'replicatedJobs': [
                                    {
                                        'name': TRAINER_NODE,
                                        'template': {'spec': {'template': pod_patch}},
                                    }
                                ]
                            }
                        }
                    },
                }
            ],
        },
    }


def _pytorchjob_replica(spec: JobSpec, replicas: int) -> dict:
    container = {
        'name': 'pytorch',  # the Training Operator finds the trainer container by this name
        'image': spec.image,
        'imagePullPolicy': 'IfNotPresent',
        'workingDir': spec.root,
        'command': train_command(spec),
        'env': _env(spec),
        'volumeMounts': _volume_mounts(spec),
    }
    resources = _resources(spec)
    if resources:
        container['resources'] = resources
    return {
        'replicas': replicas,
        'restartPolicy': 'OnFailure',
        'template': {
            'metadata': {'annotations': dict(ISTIO_OFF)},
            'spec': {'containers': [container], 'volumes': _volumes(spec)},
        },
    }


def pytorchjob(spec: JobSpec) -> dict:
    """A legacy Kubeflow Training Operator PyTorchJob: Master + ``nodes - 1`` Workers."""
    replicas = {'Master': _pytorchjob_replica(spec, 1)}
    if spec.nodes > 1:
        replicas['Worker'] = _pytorchjob_replica(spec, spec.nodes - 1)
    return {
        'apiVersion': PYTORCHJOB_API,
        'kind': 'PyTorchJob',
        'metadata': _metadata(spec),
        'spec': {
            'nprocPerNode': str(spec.nproc_per_node),
            'runPolicy': {'cleanPodPolicy': 'None'},
            'pytorchReplicaSpecs': replicas,
        },
    }


def controller_env(kind: str, spec: JobSpec, node_rank: int, master: str, port: int) -> dict:
    """The distributed variables the Kubeflow controller sets in pod ``node_rank`` (for tests and
    for reading a manifest: what dist_train.sh will see)."""
    env = {
        'PET_NNODES': str(spec.nodes),
        'PET_NPROC_PER_NODE': str(spec.nproc_per_node),
        'PET_NODE_RANK': str(node_rank),
        'PET_MASTER_ADDR': master,
        'PET_MASTER_PORT': str(port),
    }
    if kind == 'pytorchjob':
        env |= {
            'MASTER_ADDR': master,
            'MASTER_PORT': str(port),
            'RANK': str(node_rank),
            'WORLD_SIZE': str(spec.nodes),
        }
    return env


def strict_field_check(data, model, path: str = '') -> list[str]:
    """Keys of ``data`` that ``model`` (a kubeflow_trainer_api pydantic class) does not define.

    The generated models accept and drop unknown keys, so a typo such as ``numNode`` would pass
    ``from_dict`` and silently vanish on the cluster; this walks the nested models by their JSON
    (alias) names instead.
    """
    import typing

    from pydantic import BaseModel

    def models_in(annotation) -> list[type]:
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            return [annotation]
        return [m for arg in typing.get_args(annotation) for m in models_in(arg)]

    def value_kind(annotation) -> str:
        origin = typing.get_origin(annotation)
        if origin in (list, typing.List):  # noqa: UP006
            return 'list'
        if origin in (dict, typing.Dict):  # noqa: UP006
            return 'dict'
        if origin is typing.Union:
            kinds = {value_kind(a) for a in typing.get_args(annotation)} - {'plain'}
            return kinds.pop() if kinds else 'plain'
        return 'plain'

    errors = []
    if not isinstance(data, dict):
        return errors
    fields = {(f.alias or name): f for name, f in model.model_fields.items()}
    for key, value in data.items():
        where = f'{path}.{key}' if path else key
        if key not in fields:
            errors.append(f'{where}: unknown field of {model.__name__}')
            continue
        annotation = fields[key].annotation
        nested = models_in(annotation)
        if not nested:
            continue
        kind = value_kind(annotation)
        if kind == 'list' and isinstance(value, list):
            for i, item in enumerate(value):
                errors += strict_field_check(item, nested[0], f'{where}[{i}]')
        elif kind == 'dict' and isinstance(value, dict):
            for k, item in value.items():
                errors += strict_field_check(item, nested[0], f'{where}.{k}')
        else:
            errors += strict_field_check(value, nested[0], where)
    return errors


def validate_trainjob(manifest: dict) -> None:
    """Validate against kubeflow-trainer-api's TrainJob model plus the strict field-name check.

    Raises ValueError with every problem, one per line.
    """
    from kubeflow_trainer_api.models import TrainerV1alpha1TrainJob

    errors = strict_field_check(manifest, TrainerV1alpha1TrainJob)
    try:
        TrainerV1alpha1TrainJob.from_dict(manifest)
    except Exception as exc:  # pydantic's ValidationError lists every bad value
        errors.append(str(exc))
    if errors:
        raise ValueError('invalid TrainJob:\n' + '\n'.join(errors))
