"""Log the memory a training batch needed: CUDA peak allocation, or the process's peak RSS."""

import resource
import sys

import torch
from mmengine.hooks import Hook

from mmblog.registry import HOOKS


@HOOKS.register_module()
class BatchMemoryHook(Hook):
    """Adds ``batch_mem_mb`` to the training log.

    On CUDA: ``torch.cuda.max_memory_allocated`` of the iteration (the peak is reset before
    each one). On CPU: the process's peak resident set size so far (``ru_maxrss``; it cannot be
    reset, so it bounds every batch's memory from above).
    """

    priority = 'LOW'

    def before_train_iter(self, runner, batch_idx: int, data_batch=None) -> None:
        if torch.cuda.is_available():
            torch.cuda.reset_peak_memory_stats()

    def after_train_iter(self, runner, batch_idx: int, data_batch=None, outputs=None) -> None:
        if torch.cuda.is_available():
            mb = torch.cuda.max_memory_allocated() / 2**20
        else:
            rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
            mb = rss / 2**20 if sys.platform == 'darwin' else rss / 2**10  # bytes vs KiB
        runner.message_hub.update_scalar('train/batch_mem_mb', mb)
