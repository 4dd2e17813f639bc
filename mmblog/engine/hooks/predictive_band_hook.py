"""Plot a neural process's predictive band while it trains (the CNP notebook's periodic plot)."""

import copy
import os.path as osp

import torch
from mmengine.hooks import Hook
from mmengine.model import is_model_wrapper

from mmblog.registry import DATASETS, HOOKS
from mmblog.visualization.output import emit_drawn
from mmblog.visualization.prediction_drawing import draw_regression_band


@HOOKS.register_module()
class PredictiveBandHook(Hook):
    """Every ``interval`` training iterations, predict fixed curves and draw mean +- 2 sigma.

    The curves are the first ``num_curves`` items of ``dataset`` (default: the config's
    ``test_dataloader.dataset``, the notebook's plotting set), drawn once before training, so
    every picture shows the same curves and contexts as training goes on.

    Args:
        interval: Draw after every ``interval``-th iteration (the notebook: 20000).
        num_curves: How many plotting items (one curve each in the test set) to draw.
        out_dir: Folder for ``band_iter_<N>_<k>.png`` (relative to the run's log dir); ``None``
            sends the pictures to the visualizer's backends (TensorBoard images) instead.
        dataset: Dataset config of the plotting curves; ``None`` = the test dataset.
    """

    priority = 'LOW'

    def __init__(
        self,
        interval: int = 20000,
        num_curves: int = 1,
        out_dir: str | None = 'bands',
        dataset: dict | None = None,
    ):
        if interval <= 0 or num_curves <= 0:
            raise ValueError(
                f'interval and num_curves must be positive, got {interval}, {num_curves}'
            )
        self.interval = interval
        self.num_curves = num_curves
        self.out_dir = out_dir
        self.dataset = dataset
        self._batches: list = []

    def before_train(self, runner) -> None:
        cfg = self.dataset or runner.cfg.get('test_dataloader', {}).get('dataset')
        if cfg is None:
            raise ValueError('PredictiveBandHook needs dataset=... or a test_dataloader.dataset')
        dataset = DATASETS.build(copy.deepcopy(cfg))
        self._batches = [dataset[i] for i in range(min(self.num_curves, len(dataset)))]

    def after_train_iter(self, runner, batch_idx: int, data_batch=None, outputs=None) -> None:
        if self.every_n_train_iters(runner, self.interval):
            self.draw(runner)

    @torch.no_grad()
    def draw(self, runner) -> list:
        """Predict the plotting curves with the current weights and emit one picture each."""
        model = runner.model.module if is_model_wrapper(runner.model) else runner.model
        was_training = model.training
        model.eval()
        drawn = []
        try:
            for k, batch in enumerate(self._batches):
                for pred in model.test_step(batch)[:1]:
                    name = f'band_iter_{runner.iter + 1}_{k}'
                    out_file = None
                    if self.out_dir is not None:
                        root = self.out_dir
                        if not osp.isabs(root):
                            root = osp.join(runner.log_dir, root)
                        out_file = osp.join(root, name + '.png')
                    image = draw_regression_band(pred)
                    emit_drawn(runner.visualizer, name, image, False, 0, out_file, runner.iter + 1)
                    drawn.append(image)
        finally:
            model.train(was_training)
        return drawn
