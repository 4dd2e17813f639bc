"""Early stopping on several validation metrics with patience, remembering the best weights."""

import operator
from collections.abc import Sequence

from mmengine.hooks import Hook
from mmengine.model import is_model_wrapper

from mmblog.registry import HOOKS


@HOOKS.register_module()
class MultiMetricEarlyStoppingHook(Hook):
    """Stop when none of the monitored metrics improved for ``patience`` validations, then load
    the remembered best weights (APPNP's protocol; mmengine's ``EarlyStoppingHook`` watches one
    metric and keeps the last weights).

    Each validation: a metric "improves" when it is at least as good as its own best so far
    (``>=`` for ``'greater'``, ``<=`` for ``'less'``); any improvement resets the patience. The
    remembered state is chosen by ``remember``:

    - ``'ranked'``: lexicographic in the order of ``monitors``: remember this epoch if the first
      metric is strictly better than at the remembered epoch, or equal and the next one better,
      and so on (the reference's ``Best.RANKED``).
    - ``'all'``: remember when every metric is at least as good as at the remembered epoch.

    The weights are copied (``clone``) when remembered: a view would silently follow later steps.

    Args:
        monitors: ``[(metric key, 'greater' | 'less'), ...]``, e.g.
            ``[('accuracy/top1', 'greater'), ('cross_entropy/loss', 'less')]``.
        patience: Validations without improvement before stopping.
        remember: ``'ranked'`` or ``'all'``.
        restore_best: Load the remembered weights when training ends.
        save_as: Then also save them as this checkpoint file in the work dir (what
            ``tools/test.py`` loads); ``None`` to skip.
    """

    priority = 'LOW'

    def __init__(
        self,
        monitors: Sequence[Sequence[str]],
        patience: int = 100,
        remember: str = 'ranked',
        restore_best: bool = True,
        save_as: str | None = 'best_early_stopping.pth',
    ):
        if not monitors:
            raise ValueError('monitors must name at least one metric')
        rules = {'greater': operator.ge, 'less': operator.le}
        bad = [r for _, r in monitors if r not in rules]
        if bad:
            raise ValueError(f"each monitor's rule must be 'greater' or 'less', got {bad}")
        if remember not in ('ranked', 'all'):
            raise ValueError(f"remember must be 'ranked' or 'all', got {remember!r}")
        if patience < 1:
            raise ValueError(f'patience must be >= 1, got {patience}')
        self.keys = [k for k, _ in monitors]
        self.ops = [rules[r] for _, r in monitors]
        self.inits = [-float('inf') if r == 'greater' else float('inf') for _, r in monitors]
        self.max_patience = patience
        self.remember = remember
        self.restore_best = restore_best
        self.save_as = save_as
        self.reset()

    def reset(self) -> None:
        self.best_vals = list(self.inits)
        self.remembered_vals = list(self.inits)
        self.patience = self.max_patience
        self.best_epoch: int | None = None
        self.best_state: dict | None = None

    def before_train(self, runner) -> None:
        self.reset()

    @staticmethod
    def _model(runner):
        return runner.model.module if is_model_wrapper(runner.model) else runner.model

    def check(self, values: Sequence[float], epoch: int, model=None) -> bool:
        """Update with one validation's values; True when training should stop."""
        improved = [op(v, b) for op, v, b in zip(self.ops, values, self.best_vals)]
        if not any(improved):
            self.patience -= 1
            return self.patience <= 0
        self.best_vals = [v if c else b for c, v, b in zip(improved, values, self.best_vals)]
        self.patience = self.max_patience
        vs_remembered = [op(v, r) for op, v, r in zip(self.ops, values, self.remembered_vals)]
        take = False
        if self.remember == 'all':
            take = all(vs_remembered)
        else:
            for better_or_equal, v, r in zip(vs_remembered, values, self.remembered_vals):
                if not better_or_equal:
                    break
                if v != r:
                    take = True
                    break
        if take:
            self.best_epoch = epoch
            self.remembered_vals = list(values)
            if model is not None:
                self.best_state = {k: v.detach().clone() for k, v in model.state_dict().items()}
        return False

    def after_val_epoch(self, runner, metrics: dict | None = None) -> None:
        if not runner.train_loop or not hasattr(runner.train_loop, 'stop_training'):
            return  # a stand-alone val/test run
        missing = [k for k in self.keys if k not in (metrics or {})]
        if missing:
            raise KeyError(
                f'MultiMetricEarlyStoppingHook monitors {missing}, but validation reported '
                f'{sorted(metrics or {})}'
            )
        if self.check([float(metrics[k]) for k in self.keys], runner.epoch, self._model(runner)):
            runner.train_loop.stop_training = True
            runner.logger.info(
                f'Early stopping at epoch {runner.epoch}: no improvement of {self.keys} in '
                f'{self.max_patience} validations; best epoch {self.best_epoch}'
            )

    def after_train(self, runner) -> None:
        if self.restore_best and self.best_state is not None:
            self._model(runner).load_state_dict(self.best_state)
            runner.logger.info(f'Restored the weights of epoch {self.best_epoch} ({self.keys})')
            if self.save_as:
                runner.save_checkpoint(
                    runner.work_dir, self.save_as, save_optimizer=False, save_param_scheduler=False
                )
