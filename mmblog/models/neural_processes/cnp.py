"""Conditional Neural Process (Garnelo et al., 2018), following DeepMind's 1-D regression
notebook: deterministic MLP encoder + mean aggregator, MLP decoder to (mu, sigma)."""

import torch
import torch.nn.functional as F
from torch import nn

from mmblog.registry import MODELS

from .base import BaseNeuralProcess


def _mlp(in_size: int, output_sizes: list[int]) -> nn.Sequential:
    """Dense layers of ``output_sizes`` with ReLU between them and none after the last."""
    layers, size = [], in_size
    for i, out in enumerate(output_sizes):
        layers.append(nn.Linear(size, out))
        if i < len(output_sizes) - 1:
            layers.append(nn.ReLU())
        size = out
    return nn.Sequential(*layers)


@MODELS.register_module()
class CNP(BaseNeuralProcess):
    """Conditional Neural Process for regression.

    Inputs: ``dict(context_x (B, Nc, dx), context_y (B, Nc, dy), target_x (B, Nt, dx))``;
    data samples: ``dict(target_y=(B, Nt, dy))``.

    Args:
        x_size / y_size: Dimensions of x and y.
        encoder_output_sizes: Encoder MLP sizes; the last is the size of r.
        decoder_output_sizes: Decoder MLP sizes; the last must be 2 * y_size (mu, log sigma).
        min_sigma: sigma = min_sigma + (1 - min_sigma) * softplus(log_sigma) (0.1 in the notebook).
    """

    def __init__(
        self,
        x_size: int = 1,
        y_size: int = 1,
        encoder_output_sizes: tuple[int, ...] = (128, 128, 128, 128),
        decoder_output_sizes: tuple[int, ...] = (128, 128, 2),
        min_sigma: float = 0.1,
        data_preprocessor: dict | None = None,
        init_cfg: dict | None = None,
    ):
        super().__init__(
            data_preprocessor=data_preprocessor or dict(type='BaseDataPreprocessor'),
            init_cfg=init_cfg,
        )
        if decoder_output_sizes[-1] != 2 * y_size:
            raise ValueError(
                f'the last decoder size must be 2 * y_size = {2 * y_size} (mean and sigma), got '
                f'{decoder_output_sizes[-1]}'
            )
        self.min_sigma = min_sigma
        self.encoder = _mlp(x_size + y_size, list(encoder_output_sizes))
        self.decoder = _mlp(encoder_output_sizes[-1] + x_size, list(decoder_output_sizes))

    def encode(self, context_x: torch.Tensor, context_y: torch.Tensor) -> torch.Tensor:
        """Encode every (x, y) context pair and aggregate by the mean: (B, r_size)."""
        return self.encoder(torch.cat([context_x, context_y], dim=-1)).mean(dim=1)

    def decode(self, representation: torch.Tensor, target_x: torch.Tensor):
        """(mu, sigma), each (B, Nt, y_size), at the target x."""
        r = representation[:, None, :].expand(-1, target_x.size(1), -1)
        hidden = self.decoder(torch.cat([r, target_x], dim=-1))
        mu, log_sigma = hidden.chunk(2, dim=-1)
        # Bound the std from below so the likelihood cannot collapse onto the contexts.
        sigma = self.min_sigma + (1 - self.min_sigma) * F.softplus(log_sigma)
        return mu, sigma

    def _forward(self, inputs: dict, data_samples=None):
        return self.decode(
            self.encode(inputs['context_x'], inputs['context_y']), inputs['target_x']
        )
