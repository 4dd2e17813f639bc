"""Distributed set-up that also works on CPU-only machines, and restart detection."""

import os
import subprocess

import torch
import torch.distributed as dist
from mmengine.config import Config

from .cli import ToolUsageError


def require_slurm_env() -> None:
    """One clear line when ``--launcher slurm`` runs outside srun."""
    missing = [k for k in ('SLURM_PROCID', 'SLURM_NTASKS', 'SLURM_NODELIST') if k not in os.environ]
    if missing:
        raise ToolUsageError(
            f'--launcher slurm: {", ".join(missing)} not set; start the tool with srun '
            '(tools/slurm_train.sh)'
        )


def slurm_env_to_torch_env() -> None:
    """Fill RANK/WORLD_SIZE/LOCAL_RANK/MASTER_ADDR/MASTER_PORT from the variables srun sets.

    The same mapping as mmengine's ``_init_dist_slurm`` (the first host of
    ``scontrol show hostname $SLURM_NODELIST`` is the master; ``MASTER_PORT`` defaults to 29500),
    which cannot be used on CPU because it calls ``torch.cuda.set_device``. Variables already set
    are kept, so ``MASTER_ADDR``/``MASTER_PORT`` can be overridden per job.
    """
    require_slurm_env()
    proc_id = int(os.environ['SLURM_PROCID'])
    if 'MASTER_ADDR' not in os.environ:
        node_list = os.environ['SLURM_NODELIST']
        out = subprocess.run(
            ['scontrol', 'show', 'hostname', node_list], capture_output=True, text=True
        )
        hosts = out.stdout.split()
        if out.returncode != 0 or not hosts:
            raise ToolUsageError(
                f'--launcher slurm: `scontrol show hostname {node_list}` failed '
                f'({out.stderr.strip() or "no output"}); set MASTER_ADDR'
            )
        os.environ['MASTER_ADDR'] = hosts[0]
    os.environ.setdefault('MASTER_PORT', '29500')
    os.environ['WORLD_SIZE'] = os.environ['SLURM_NTASKS']
    os.environ['RANK'] = str(proc_id)
    os.environ['LOCAL_RANK'] = os.environ.get('SLURM_LOCALID', '0')


def setup_cpu_distributed(cfg: Config) -> None:
    """Prepare ``cfg`` for a torchrun or srun launch on a machine without CUDA.

    mmengine 0.10.7's ``init_dist('pytorch'|'slurm')`` calls ``torch.cuda.set_device`` and its
    default DDP wrapper passes ``device_ids=[LOCAL_RANK]``; both fail without a GPU. We initialise
    the gloo process group ourselves (the Runner then skips its own init) and ask for DDP without
    device ids. Under srun, the torch variables come from the Slurm ones first. On a machine with
    CUDA nothing changes (mmengine's own launchers do the work).
    """
    if cfg.get('launcher', 'none') == 'slurm':
        require_slurm_env()  # mmengine's own slurm set-up would end in a KeyError
    if cfg.get('launcher', 'none') == 'none' or torch.cuda.is_available():
        return
    if cfg.launcher == 'slurm':
        slurm_env_to_torch_env()
    if not dist.is_initialized():
        dist.init_process_group(backend='gloo', init_method='env://')
    cfg.setdefault('env_cfg', {}).setdefault('dist_cfg', {})['backend'] = 'gloo'
    if cfg.get('model_wrapper_cfg') is None:
        cfg.model_wrapper_cfg = dict(type='MMDistributedDataParallel', device_ids=None)
    os.environ.setdefault('LOCAL_RANK', '0')


def restart_count() -> int:
    """How many times this worker's job has been restarted (0 for a first start).

    torchrun sets ``TORCHELASTIC_RESTART_COUNT`` when it restarts all workers after a failure
    (``--max-restarts``); Slurm sets ``SLURM_RESTART_COUNT`` on a requeued job.
    """
    counts = [os.environ.get(k, '0') for k in ('TORCHELASTIC_RESTART_COUNT', 'SLURM_RESTART_COUNT')]
    return max(int(c) if c.isdigit() else 0 for c in counts)


def restarted_with_checkpoint(work_dir: str) -> bool:
    """True for a restarted worker (see :func:`restart_count`) whose work dir has a checkpoint."""
    from mmengine.runner.checkpoint import find_latest_checkpoint

    return restart_count() > 0 and find_latest_checkpoint(work_dir) is not None


def teardown_distributed() -> None:
    """Leave the process group cleanly at the end of a tool.

    Exiting with a live gloo group lets its threads be torn down by the interpreter, which
    sometimes aborts a rank ("terminate called without an active exception") after the work is
    done, and torchrun then reports the whole run as failed.
    """
    if dist.is_available() and dist.is_initialized():
        dist.barrier()
        dist.destroy_process_group()
