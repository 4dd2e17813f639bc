"""A Katib ``Experiment`` for the search ``tools/hpo.py`` runs locally (seed 003's tuning job).

The post's Cloud ML job (goal MAXIMIZE, maxTrials 10, maxParallelTrials 1, a learning rate in
[1e-4, 0.5] on UNIT_LOG_SCALE) maps to Katib's ``objective``, ``maxTrialCount``,
``parallelTrialCount`` and a ``double`` parameter with ``distribution: logUniform``. Each trial is
a batch Job running ``tools/train.py`` in the mmblog image with the sampled values as
``--cfg-options``; Katib's StdOut collector reads the metric from mmengine's log line
(``... accuracy/top1: 0.9650 ...``).
"""

import re

KATIB_API = 'kubeflow.org/v1beta1'
ALGORITHMS = {'tpe': 'tpe', 'random': 'random', 'qmc': 'sobol', 'gp': 'bayesianoptimization'}


def _katib_name(key: str) -> str:
    """Katib parameter names are plain identifiers: optim_wrapper.optimizer.lr -> lr."""
    return re.sub(r'[^a-zA-Z0-9]+', '-', key.split('.')[-1]).strip('-').lower()


def katib_experiment(
    name: str,
    config: str,
    space: dict,
    metric: str,
    goal: str,
    max_trials: int,
    max_parallel_trials: int,
    sampler: str = 'tpe',
    image: str = 'mmblog:latest',
    fixed_options: list[str] | None = None,
    namespace: str | None = None,
) -> dict:
    """The Experiment for ``space`` (tools/hpo.py's parsed ``--space``: key -> (kind, args))."""
    parameters, trial_parameters, options = [], [], list(fixed_options or [])
    for key, (kind, args) in space.items():
        pname = _katib_name(key)
        if kind in ('loguniform', 'uniform'):
            feasible = {'min': str(args[0]), 'max': str(args[1])}
            if kind == 'loguniform':
                feasible['distribution'] = 'logUniform'
            ptype = 'double'
        elif kind == 'int':
            feasible, ptype = {'min': str(args[0]), 'max': str(args[1])}, 'int'
        else:
            feasible, ptype = {'list': [str(v) for v in args]}, 'categorical'
        parameters.append({'name': pname, 'parameterType': ptype, 'feasibleSpace': feasible})
        trial_parameters.append({'name': pname, 'reference': pname})
        options.append(f'{key}=${{trialParameters.{pname}}}')
    command = ['python', 'tools/train.py', config, '--work-dir', '/tmp/trial']
    command += ['--cfg-options', *options] if options else []
    metadata = {'name': name}
    if namespace:
        metadata['namespace'] = namespace
    number = r'([+-]?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)'
    return {
        'apiVersion': KATIB_API,
        'kind': 'Experiment',
        'metadata': metadata,
        'spec': {
            'objective': {'type': goal, 'objectiveMetricName': metric},
            'algorithm': {'algorithmName': ALGORITHMS[sampler]},
            'maxTrialCount': max_trials,
            'parallelTrialCount': max_parallel_trials,
            'maxFailedTrialCount': max_trials,
            'metricsCollectorSpec': {
                'collector': {'kind': 'StdOut'},
                'source': {'filter': {'metricsFormat': [f'({re.escape(metric)}):\\s*{number}']}},
            },
            'parameters': parameters,
            'trialTemplate': {
                'primaryContainerName': 'training-container',
                'trialParameters': trial_parameters,
                'trialSpec': {
                    'apiVersion': 'batch/v1',
                    'kind': 'Job',
                    'spec': {
                        'template': {
                            'metadata': {'annotations': {'sidecar.istio.io/inject': 'false'}},
                            'spec': {
                                'restartPolicy': 'Never',
                                'containers': [
                                    {
                                        'name': 'training-container',
                                        'image': image,
                                        'workingDir': '/mmblog',
                                        'command': command,
                                    }
                                ],
                            },
                        }
                    },
                },
            },
        },
    }
