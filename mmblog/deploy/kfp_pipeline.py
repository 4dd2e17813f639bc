"""A Kubeflow Pipelines (kfp 2.x) pipeline: convert dataset -> train -> test -> report.

Every step is a lightweight Python component on the mmblog image (``install_kfp_package=False``:
the image already has kfp, so no step pip-installs anything at run time) that calls mmblog's own
tools in the image's checkout (``mmblog_root``). The data and the trained work dir travel as
artifacts (``Dataset``, ``Model``), the test scores as ``Metrics`` and the summary as
``Markdown``. On a cluster, kfp-kubernetes gives the train and test pods a memory-backed /dev/shm
and, optionally, a PVC for the raw data. ``kfp.local.SubprocessRunner`` runs the same pipeline
on one machine (``tools/deploy/kfp_pipeline.py --local``).

Placeholders in the string parameters: ``{out}`` (convert: the Dataset artifact's folder) and
``{data}`` (train/test: the same folder, where the config's ``data_root`` should point).
"""

from kfp import dsl
from kfp.dsl import Dataset, Input, Markdown, Metrics, Model, Output

DEFAULT_IMAGE = 'mmblog:latest'
DEMO_CONFIG = 'configs/mnist/softmax_regression_mnist_demo.py'
DEMO_CONVERT = 'python tools/misc/make_demo_data.py --out {out} --only mnist'
DEMO_CFG_OPTIONS = (
    'train_dataloader.dataset.data_root={data}/mnist '
    'val_dataloader.dataset.data_root={data}/mnist '
    'test_dataloader.dataset.data_root={data}/mnist'
)


def convert_dataset(mmblog_root: str, convert_command: str, dataset: Output[Dataset]):
    """Write the dataset in its on-disk format into the Dataset artifact."""
    import os
    import shlex
    import subprocess
    import sys

    os.makedirs(dataset.path, exist_ok=True)
    argv = [a.replace('{out}', dataset.path) for a in shlex.split(convert_command)]
    if argv and argv[0] == 'python':
        argv[0] = sys.executable
    env = dict(os.environ, PYTHONPATH=mmblog_root)
    subprocess.run(argv, cwd=mmblog_root, env=env, check=True)
    dataset.metadata['command'] = convert_command


def train(
    mmblog_root: str,
    config: str,
    cfg_options: str,
    nproc: int,
    dataset: Input[Dataset],
    model: Output[Model],
):
    """Train the config on the Dataset artifact; the Model artifact is the work dir."""
    import os
    import shlex
    import subprocess
    import sys

    options = [o.replace('{data}', dataset.path) for o in shlex.split(cfg_options)]
    tail = ['--work-dir', model.path] + (['--cfg-options', *options] if options else [])
    if nproc > 1:
        cmd = ['bash', 'tools/dist_train.sh', config, str(nproc), *tail]
    else:
        cmd = [sys.executable, 'tools/train.py', config, *tail]
    env = dict(os.environ, PYTHONPATH=mmblog_root, PYTHON=sys.executable)
    subprocess.run(cmd, cwd=mmblog_root, env=env, check=True)
    with open(os.path.join(model.path, 'last_checkpoint')) as f:
        model.metadata['checkpoint'] = os.path.relpath(f.read().strip(), model.path)
    model.metadata['config'] = config


def test(
    mmblog_root: str,
    config: str,
    cfg_options: str,
    dataset: Input[Dataset],
    model: Input[Model],
    metrics: Output[Metrics],
):
    """Evaluate the Model artifact's last checkpoint; every scalar goes into Metrics."""
    import glob
    import json
    import os
    import shlex
    import subprocess
    import sys
    import tempfile

    with open(os.path.join(model.path, 'last_checkpoint')) as f:
        checkpoint = os.path.join(model.path, os.path.basename(f.read().strip()))
    options = [o.replace('{data}', dataset.path) for o in shlex.split(cfg_options)]
    work_dir = tempfile.mkdtemp(prefix='mmblog_test_')
    cmd = [sys.executable, 'tools/test.py', config, checkpoint, '--work-dir', work_dir]
    cmd += ['--cfg-options', *options] if options else []
    env = dict(os.environ, PYTHONPATH=mmblog_root)
    subprocess.run(cmd, cwd=mmblog_root, env=env, check=True)
    # mmengine writes the test scores to <work_dir>/<timestamp>/<timestamp>.json.
    (result,) = glob.glob(os.path.join(work_dir, '*', '*.json'))
    with open(result) as f:
        scores = json.load(f)
    for key, value in scores.items():
        # Scores only: the log's time/data_time are seconds per iteration, not results.
        if isinstance(value, (int, float)) and key not in ('time', 'data_time', 'step'):
            metrics.log_metric(key, float(value))


def report(config: str, model: Input[Model], metrics: Input[Metrics], markdown: Output[Markdown]):
    """A Markdown summary: config, checkpoint and the test scores."""
    lines = [
        f'# mmblog run: {config}',
        '',
        f'checkpoint: `{model.metadata.get("checkpoint", "?")}`',
        '',
        '| metric | value |',
        '|---|---|',
    ]
    lines += [f'| {k} | {v:.4f} |' for k, v in sorted(metrics.metadata.items())]
    with open(markdown.path, 'w') as f:
        f.write('\n'.join(lines) + '\n')


def build_pipeline(
    image: str = DEFAULT_IMAGE,
    kubernetes: bool = True,
    shm_size: str = '8Gi',
    config: str = DEMO_CONFIG,
    convert_command: str = DEMO_CONVERT,
    cfg_options: str = DEMO_CFG_OPTIONS,
    mmblog_root: str = '/mmblog',
    data_pvc: str | None = None,
):
    """The pipeline function on ``image``; the other arguments are its parameters' defaults.
    ``kubernetes=False`` leaves out the pod settings (the local runner has no pods);
    ``data_pvc`` mounts that PersistentVolumeClaim (the raw data) at /mmblog/data in the
    convert step."""
    component = dict(base_image=image, install_kfp_package=False)
    convert_op = dsl.component(convert_dataset, **component)
    train_op = dsl.component(train, **component)
    test_op = dsl.component(test, **component)
    report_op = dsl.component(report, **component)

    @dsl.pipeline(name='mmblog-train-test', description='convert -> train -> test -> report')
    def pipeline(
        config: str = config,
        convert_command: str = convert_command,
        cfg_options: str = cfg_options,
        nproc: int = 1,
        mmblog_root: str = mmblog_root,
    ):
        data = convert_op(mmblog_root=mmblog_root, convert_command=convert_command)
        data.set_display_name('convert dataset')
        trained = train_op(
            mmblog_root=mmblog_root,
            config=config,
            cfg_options=cfg_options,
            nproc=nproc,
            dataset=data.outputs['dataset'],
        )
        tested = test_op(
            mmblog_root=mmblog_root,
            config=config,
            cfg_options=cfg_options,
            dataset=data.outputs['dataset'],
            model=trained.outputs['model'],
        )
        report_op(config=config, model=trained.outputs['model'], metrics=tested.outputs['metrics'])
        if kubernetes:
            from kfp import kubernetes as k8s

            for task in (trained, tested):
                # Data loader workers share batches through /dev/shm (64 MiB by default).
                k8s.empty_dir_mount(
                    task,
                    volume_name='dshm',
                    mount_path='/dev/shm',
                    medium='Memory',
                    size_limit=shm_size,
                )
                k8s.add_pod_annotation(task, 'sidecar.istio.io/inject', 'false')
            if data_pvc:
                k8s.mount_pvc(data, pvc_name=data_pvc, mount_path='/mmblog/data')

    return pipeline


def compile_pipeline(out: str, **kwargs) -> None:
    """Compile to YAML (deterministic: the same arguments give the same bytes); ``kwargs`` go
    to :func:`build_pipeline`."""
    from kfp import compiler

    compiler.Compiler().compile(build_pipeline(**kwargs), package_path=out)


def run_local(pipeline_root: str, **kwargs) -> str:
    """Run the pipeline with kfp's local subprocess runner (this interpreter, no containers)
    and return the run's folder: one subfolder per step with its artifacts."""
    import glob
    import os

    from kfp import local

    os.makedirs(pipeline_root, exist_ok=True)
    before = set(glob.glob(os.path.join(pipeline_root, '*')))
    local.init(runner=local.SubprocessRunner(use_venv=False), pipeline_root=pipeline_root)
    build_pipeline(kubernetes=False, **kwargs)()
    (run_dir,) = set(glob.glob(os.path.join(pipeline_root, '*'))) - before
    return run_dir
