"""Write a Kubeflow TrainJob (default) or legacy PyTorchJob that trains CONFIG on N nodes.

    python tools/deploy/k8s_job.py configs/faster_rcnn/faster_rcnn_r50_fpn_1x_coco.py \\
        --kind trainjob --nodes 2 --nproc-per-node 8 --gpus-per-node 8 --image REGISTRY/mmblog:TAG \\
        --out job.yaml [-- --cfg-options train_cfg.max_epochs=12]
    kubectl apply -f job.yaml

Each pod runs ``bash tools/dist_train.sh CONFIG NPROC --work-dir work_dirs/<config name> --resume`` in the
image's /mmblog, with /dev/shm, the data and work_dirs PVCs mounted (see docs/distributed.md).
"""

import argparse
import os.path as osp
import re
import sys

import yaml

from mmblog.deploy.k8s_job import JobSpec, pytorchjob, trainjob, validate_trainjob
from mmblog.utils import ToolUsageError, run_cli


def default_name(config: str) -> str:
    """A DNS-1035 name from the config's file name (what Kubernetes accepts as a job name)."""
    name = re.sub(r'[^a-z0-9-]+', '-', osp.splitext(osp.basename(config))[0].lower())
    return name.strip('-')[:40].rstrip('-') or 'mmblog'


def parse_args(argv=None) -> argparse.Namespace:
    argv = list(sys.argv[1:] if argv is None else argv)
    train_args = argv[argv.index('--') + 1 :] if '--' in argv else []
    argv = argv[: argv.index('--')] if '--' in argv else argv
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('config', help='config path inside the image (relative to /mmblog)')
    parser.add_argument('--kind', choices=['trainjob', 'pytorchjob'], default='trainjob')
    parser.add_argument('--nodes', type=int, default=1)
    parser.add_argument('--nproc-per-node', type=int, default=1)
    parser.add_argument('--gpus-per-node', type=int, default=0, help='0: CPU pods (gloo)')
    parser.add_argument('--image', default='mmblog:latest')
    parser.add_argument('--name', help='job name (default: from the config file name)')
    parser.add_argument('--namespace')
    parser.add_argument('--cpu', help='CPU limit per node, e.g. 16')
    parser.add_argument('--memory', help='memory limit per node, e.g. 64Gi')
    parser.add_argument('--shm-size', default='8Gi', help='size of the /dev/shm emptyDir')
    parser.add_argument('--data-pvc', default='mmblog-data', help='PVC mounted at /mmblog/data')
    parser.add_argument(
        '--work-pvc', default='mmblog-work-dirs', help='PVC mounted at /mmblog/work_dirs'
    )
    parser.add_argument('--work-dir', help='default: work_dirs/<config name>, as train.py')
    parser.add_argument(
        '--runtime', default='torch-distributed', help='TrainJob ClusterTrainingRuntime'
    )
    parser.add_argument(
        '--max-restarts', type=int, default=0, help='torchrun restarts inside each pod'
    )
    parser.add_argument('--out', help='write the YAML here (default: stdout)')
    args = parser.parse_args(argv)
    args.train_args = train_args
    return args


def main(argv=None) -> None:
    args = parse_args(argv)
    name = args.name or default_name(args.config)
    if not re.fullmatch(r'[a-z]([-a-z0-9]{0,61}[a-z0-9])?', name):
        raise ToolUsageError(f'--name {name!r}: lower-case letters, digits and -, <= 63 chars')
    try:
        spec = JobSpec(
            config=args.config,
            name=name,
            image=args.image,
            namespace=args.namespace,
            nodes=args.nodes,
            nproc_per_node=args.nproc_per_node,
            gpus_per_node=args.gpus_per_node,
            cpu=args.cpu,
            memory=args.memory,
            shm_size=args.shm_size,
            data_pvc=args.data_pvc,
            work_pvc=args.work_pvc,
            work_dir=args.work_dir or f'work_dirs/{osp.splitext(osp.basename(args.config))[0]}',
            runtime=args.runtime,
            max_restarts=args.max_restarts,
            train_args=args.train_args,
        )
    except ValueError as exc:
        raise ToolUsageError(str(exc)) from exc
    if args.kind == 'trainjob':
        manifest = trainjob(spec)
        validate_trainjob(manifest)
    else:
        manifest = pytorchjob(spec)
    text = yaml.safe_dump(manifest, sort_keys=False)
    if args.out:
        with open(args.out, 'w') as f:
            f.write(text)
        print(f'wrote {args.out} ({manifest["kind"]} {name}, {args.nodes} node(s))')
    else:
        sys.stdout.write(text)


if __name__ == '__main__':
    run_cli(main)
