"""Base of the neural processes: owns ``forward(mode)``; models write encode/decode."""

from abc import ABCMeta, abstractmethod

import torch
from mmengine.model import BaseModel


class BaseNeuralProcess(BaseModel, metaclass=ABCMeta):
    """A model of p(y_target | x_target, context) = N(mu, diag(sigma^2)).

    Inputs: ``dict(context_x (B, Nc, dx), context_y (B, Nc, dy), target_x (B, Nt, dx))``;
    data samples: ``dict(target_y=(B, Nt, dy))``. ``mode='tensor'`` gives (mu, sigma),
    ``'loss'`` the mean negative log-likelihood, ``'predict'`` one result per curve.
    """

    def forward(self, inputs: dict, data_samples: dict | None = None, mode: str = 'tensor'):
        if mode == 'tensor':
            return self._forward(inputs, data_samples)
        if mode not in ('loss', 'predict'):
            raise ValueError(f"mode must be 'loss', 'predict' or 'tensor', got {mode!r}")
        if data_samples is None or 'target_y' not in data_samples:
            raise ValueError(f'mode={mode!r} needs data_samples=dict(target_y=...)')
        return (
            self.loss(inputs, data_samples)
            if mode == 'loss'
            else self.predict(inputs, data_samples)
        )

    @abstractmethod
    def _forward(self, inputs: dict, data_samples=None) -> tuple[torch.Tensor, torch.Tensor]:
        """(mu, sigma), each (B, Nt, dy)."""

    @staticmethod
    def log_prob(mu, sigma, target_y) -> torch.Tensor:
        """log N(target_y; mu, diag(sigma^2)) summed over y dims: (B, Nt)."""
        return torch.distributions.Normal(mu, sigma).log_prob(target_y).sum(-1)

    def loss(self, inputs: dict, data_samples: dict) -> dict:
        mu, sigma = self._forward(inputs, data_samples)
        return dict(loss_nll=-self.log_prob(mu, sigma, data_samples['target_y']).mean())

    def predict(self, inputs: dict, data_samples: dict) -> list[dict]:
        mu, sigma = self._forward(inputs, data_samples)
        log_p = self.log_prob(mu, sigma, data_samples['target_y'])
        return [
            dict(
                nll=float(-log_p[i].mean()),
                mu=mu[i].detach().cpu(),
                sigma=sigma[i].detach().cpu(),
                target_x=inputs['target_x'][i].cpu(),
                target_y=data_samples['target_y'][i].cpu(),
                context_x=inputs['context_x'][i].cpu(),
                context_y=inputs['context_y'][i].cpu(),
            )
            for i in range(mu.size(0))
        ]
