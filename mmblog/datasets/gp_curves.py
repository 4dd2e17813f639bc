"""Curves sampled from a Gaussian process, exactly as DeepMind's CNP notebook's GPCurvesReader.

This is the data source of the paper's 1-D regression experiment (functions are drawn on the
fly), not a stand-in for a dataset on disk. Each item is one whole batch, because the notebook
draws one ``num_context``/``num_target`` per batch; use ``collate_fn=dict(type=
'mmblog.gp_batch_collate')`` with ``batch_size=1`` in the dataloader.
"""

import numpy as np
import torch

from mmblog.registry import DATASETS, FUNCTIONS


@DATASETS.register_module()
class GPCurvesDataset(torch.utils.data.Dataset):
    """``num_batches`` reproducible batches of GP curves (item ``i`` uses seed ``(seed, i)``).

    Args:
        batch_size: Curves per batch (64 for training, 1 for the notebook's test plot).
        max_num_context: Contexts ~ U[3, max), training targets ~ U[2, max) (10 in the notebook).
        x_size / y_size: Dimensions of x and y (outputs are independent GPs).
        l1_scale: Length scale of the squared-exponential kernel (0.4).
        sigma_scale: Kernel magnitude sigma_f (1.0).
        sigma_noise: Std of the noise added to the diagonal for the Cholesky (2e-2).
        testing: 400 evenly spaced targets in [-2, 2) and contexts drawn among them.
        num_batches: Length of the dataset.
        seed: Base seed.
    """

    def __init__(
        self,
        batch_size: int = 64,
        max_num_context: int = 10,
        x_size: int = 1,
        y_size: int = 1,
        l1_scale: float = 0.4,
        sigma_scale: float = 1.0,
        sigma_noise: float = 2e-2,
        testing: bool = False,
        num_batches: int = 1000,
        seed: int = 0,
    ):
        if max_num_context <= 3:
            raise ValueError(
                f'max_num_context must be > 3 (contexts ~ U[3, max)), got {max_num_context}'
            )
        self.batch_size, self.max_num_context = batch_size, max_num_context
        self.x_size, self.y_size = x_size, y_size
        self.l1_scale, self.sigma_scale, self.sigma_noise = l1_scale, sigma_scale, sigma_noise
        self.testing, self.num_batches, self.seed = testing, num_batches, seed
        self.metainfo = dict(testing=testing)

    def __len__(self) -> int:
        return self.num_batches

    def gaussian_kernel(self, xdata: np.ndarray, l1: np.ndarray, sigma_f: np.ndarray):
        """[B, N, x] points -> [B, y, N, N] SE kernel (+ noise^2 on the diagonal)."""
        diff = xdata[:, None, :, :] - xdata[:, :, None, :]  # [B, N, N, x]
        norm = np.square(diff[:, None] / l1[:, :, None, None, :]).sum(-1)  # [B, y, N, N]
        kernel = np.square(sigma_f)[:, :, None, None] * np.exp(-0.5 * norm)
        return kernel + self.sigma_noise**2 * np.eye(xdata.shape[1], dtype=kernel.dtype)

    def __getitem__(self, idx: int) -> dict:
        rng = np.random.default_rng([self.seed, idx])
        b = self.batch_size
        num_context = int(rng.integers(3, self.max_num_context))
        if self.testing:
            num_target = num_total = 400
            x = np.tile(np.arange(-2.0, 2.0, 1.0 / 100, dtype=np.float32)[None], (b, 1))[..., None]
        else:
            num_target = int(rng.integers(2, self.max_num_context))
            num_total = num_context + num_target
            x = rng.uniform(-2, 2, size=(b, num_total, self.x_size)).astype(np.float32)
        l1 = np.full((b, self.y_size, self.x_size), self.l1_scale, dtype=np.float32)
        sigma_f = np.full((b, self.y_size), self.sigma_scale, dtype=np.float32)
        kernel = self.gaussian_kernel(x, l1, sigma_f)
        # Cholesky in double precision for stability, as the notebook does.
        chol = np.linalg.cholesky(kernel.astype(np.float64)).astype(np.float32)
        noise = rng.standard_normal((b, self.y_size, num_total, 1)).astype(np.float32)
        y = np.transpose((chol @ noise)[..., 0], (0, 2, 1))  # [B, N, y]
        if self.testing:
            target_x, target_y = x, y
            order = rng.permutation(num_target)[:num_context]
            context_x, context_y = x[:, order], y[:, order]
        else:
            # Targets are the contexts plus new points.
            target_x, target_y = x[:, :num_total], y[:, :num_total]
            context_x, context_y = x[:, :num_context], y[:, :num_context]
        as_t = torch.from_numpy
        return dict(
            inputs=dict(
                context_x=as_t(np.ascontiguousarray(context_x)),
                context_y=as_t(np.ascontiguousarray(context_y)),
                target_x=as_t(np.ascontiguousarray(target_x)),
            ),
            data_samples=dict(target_y=as_t(np.ascontiguousarray(target_y))),
        )


@FUNCTIONS.register_module()
def gp_batch_collate(data_batch: list[dict]) -> dict:
    """Collate for ``GPCurvesDataset``: each item already is a batch, so take the only one."""
    if len(data_batch) != 1:
        raise ValueError(
            f'GPCurvesDataset items are whole batches: use dataloader batch_size=1, got '
            f'{len(data_batch)} items (set the curves per batch with dataset.batch_size)'
        )
    return data_batch[0]
