"""Distributed set-up that also works on CPU-only machines."""

import os

import torch
import torch.distributed as dist
from mmengine.config import Config


def setup_cpu_distributed(cfg: Config) -> None:
    """Prepare ``cfg`` for a torchrun launch on a machine without CUDA.

    mmengine 0.10.7's ``init_dist('pytorch')`` calls ``torch.cuda.set_device`` and its default DDP
    wrapper passes ``device_ids=[LOCAL_RANK]``; both fail without a GPU. We initialise the gloo
    process group ourselves (the Runner then skips its own init) and ask for DDP without
    device ids. On a machine with CUDA nothing changes.
    """
    if cfg.get('launcher', 'none') == 'none' or torch.cuda.is_available():
        return
    if not dist.is_initialized():
        dist.init_process_group(backend='gloo', init_method='env://')
    cfg.setdefault('env_cfg', {}).setdefault('dist_cfg', {})['backend'] = 'gloo'
    if cfg.get('model_wrapper_cfg') is None:
        cfg.model_wrapper_cfg = dict(type='MMDistributedDataParallel', device_ids=None)
    os.environ.setdefault('LOCAL_RANK', '0')


def teardown_distributed() -> None:
    """Leave the process group cleanly at the end of a tool.

    Exiting with a live gloo group lets its threads be torn down by the interpreter, which
    sometimes aborts a rank ("terminate called without an active exception") after the work is
    done, and torchrun then reports the whole run as failed.
    """
    if dist.is_available() and dist.is_initialized():
        dist.barrier()
        dist.destroy_process_group()
