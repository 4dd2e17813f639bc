"""ERNIE 2.0's continual multi-task schedule (and the two it is compared with) as a train loop."""

import copy
import json
import os.path as osp

import numpy as np
from mmengine.runner import IterBasedTrainLoop
from mmengine.runner.loops import _InfiniteDataloaderIterator

from mmblog.registry import LOOPS

SCHEDULES = ('continual', 'multitask', 'sequential')


def allocate_iterations(
    stages: list[list[str]], schedule: str, iters_per_task: int, maintenance_ratio: float = 0.2
) -> list[dict[str, int]]:
    """Iterations of each task in each stage; every schedule gives each task ``iters_per_task``.

    * ``continual`` (ERNIE 2.0): a task enters at its stage and stays in every later stage;
      in each later stage it keeps a maintenance share ``m = maintenance_ratio *
      iters_per_task``, and its first stage gets the rest (``N - (S - 1 - s) m``). With 4 tasks x
      50k and ratio 0.2 this is the paper's Table 7: 20k | 10k+30k | 10k+10k+40k |
      10k+10k+10k+50k.
    * ``multitask``: one stage with every task.
    * ``sequential`` (continual learning): stage ``s`` trains only its own tasks.

    Examples:
        >>> allocate_iterations([['a'], ['b'], ['c'], ['d']], 'continual', 50)
        [{'a': 20}, {'a': 10, 'b': 30}, {'a': 10, 'b': 10, 'c': 40}, {'a': 10, 'b': 10, 'c': 10, 'd': 50}]
    """  # noqa: E501
    if schedule not in SCHEDULES:
        raise ValueError(f'schedule must be one of {SCHEDULES}, got {schedule!r}')
    names = [t for stage in stages for t in stage]
    if len(set(names)) != len(names) or not names:
        raise ValueError(f'stages must name each task once, got {stages}')
    n = int(iters_per_task)
    if schedule == 'multitask':
        return [{t: n for t in names}]
    if schedule == 'sequential':
        return [{t: n for t in stage} for stage in stages]
    m = int(round(maintenance_ratio * n))
    num = len(stages)
    if n - (num - 1) * m <= 0:
        raise ValueError(
            f'maintenance_ratio {maintenance_ratio} x {num - 1} later stages leaves the first '
            f'stage of a task no iterations; lower it'
        )
    out = []
    for s in range(num):
        alloc = {}
        for s0 in range(s + 1):
            for t in stages[s0]:
                alloc[t] = n - (num - 1 - s0) * m if s0 == s else m
        out.append(alloc)
    return out


@LOOPS.register_module()
class Ernie2ContinualLoop(IterBasedTrainLoop):
    """Train :class:`~mmblog.models.text.ernie2.Ernie2PretrainModel` stage by stage.

    Each iteration draws one task from the stage's allocation (:func:`allocate_iterations`,
    shuffled within the stage by ``seed``), takes a batch of that task's input format (one
    dataloader per format, built from ``dataloader`` with ``dataset.task_format`` replaced) and
    trains the stage's active tasks on it: its own loss plus the active token-level ones (one
    sentence-level loss with several token-level losses per step). Validation runs at every
    stage end and every ``val_interval``; the metrics of each run are kept in ``history`` and
    written to ``<work_dir>/ernie2_schedule.json``.

    Args:
        runner: The runner.
        dataloader: Train dataloader config whose dataset is an ``Ernie2TaskDataset``.
        stages: Task names per stage (knowledge masking first, as the paper).
        schedule: ``continual``, ``multitask`` or ``sequential``.
        iters_per_task: Iterations of each task; ``max_iters`` = tasks x this.
        maintenance_ratio: ``continual``'s share kept by earlier tasks in each later stage.
        val_interval: Extra validation every this many iterations (stage ends always).
        seed: Seed of the iteration order.
    """

    def __init__(
        self,
        runner,
        dataloader: dict,
        stages: list[list[str]],
        schedule: str = 'continual',
        iters_per_task: int = 100,
        maintenance_ratio: float = 0.2,
        val_interval: int = 10**9,
        seed: int = 0,
    ):
        self.schedule = schedule
        self.stages = [list(s) for s in stages]
        self.allocation = allocate_iterations(stages, schedule, iters_per_task, maintenance_ratio)
        model = getattr(runner.model, 'module', runner.model)
        unknown = {t for s in self.stages for t in s} - set(model.tasks)
        if unknown:
            raise KeyError(f'stages name tasks the model lacks: {sorted(unknown)}')
        rng = np.random.default_rng(seed)
        self.plan, self.stage_of, self.stage_ends = [], [], []
        for s, alloc in enumerate(self.allocation):
            order = [t for t, k in alloc.items() for _ in range(k)]
            rng.shuffle(order)
            self.plan += order
            self.stage_of += [s] * len(order)
            self.stage_ends.append(len(self.plan))
        formats = {model.tasks[t].data_format for t in self.plan}
        if not isinstance(dataloader, dict):
            raise TypeError('Ernie2ContinualLoop needs the train dataloader as a config dict')
        super().__init__(runner, dataloader, len(self.plan), val_interval=val_interval)
        self.iterators = {}
        for fmt in sorted(formats):
            cfg = copy.deepcopy(dataloader)
            cfg['dataset']['task_format'] = fmt
            loader = runner.build_dataloader(cfg, seed=runner.seed)
            self.iterators[fmt] = _InfiniteDataloaderIterator(loader)
        self.history: list[dict] = []

    def active_tasks(self, stage: int) -> list[str]:
        """Tasks trained in a stage: those with iterations in it."""
        return list(self.allocation[stage])

    def _validate(self) -> None:
        if self.runner.val_loop is None:
            return
        metrics = self.runner.val_loop.run()
        entry = dict(iter=self._iter, stage=self.stage_of[self._iter - 1])
        entry.update({k: float(v) for k, v in metrics.items()})
        self.history.append(entry)

    def run(self):
        self.runner.call_hook('before_train')
        self.runner.call_hook('before_train_epoch')
        model = getattr(self.runner.model, 'module', self.runner.model)
        while self._iter < self._max_iters and not self.stop_training:
            self.runner.model.train()
            task = self.plan[self._iter]
            stage = self.stage_of[self._iter]
            token_tasks = [t for t in self.active_tasks(stage) if model.tasks[t].level == 'token']
            model.set_active_tasks(sorted({task, *token_tasks}))
            data_batch = next(self.iterators[model.tasks[task].data_format])
            self.run_iter(data_batch)
            if self._iter in self.stage_ends or self._iter % self.val_interval == 0:
                self._validate()
        model.set_active_tasks(None)
        self.runner.call_hook('after_train_epoch')
        self.runner.call_hook('after_train')
        with open(osp.join(self.runner.work_dir, 'ernie2_schedule.json'), 'w') as f:
            json.dump(
                dict(schedule=self.schedule, allocation=self.allocation, history=self.history),
                f,
                indent=1,
            )
        return self.runner.model
