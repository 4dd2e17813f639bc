"""Shared loss/predict of the VQ autoencoders (VQ-VAE, VQ-VAE-2)."""

from abc import abstractmethod

import torch
import torch.nn.functional as F

from ..base import BaseGenerativeModel


class BaseVQAutoEncoder(BaseGenerativeModel):
    """Images -> code maps of one or more levels -> reconstruction.

    Subclasses name their levels in ``level_quantizers`` and implement ``quantize``,
    ``decode_quantized`` and ``decode_codes``.
    """

    #: level name -> quantizer attribute; the order is the order of the code maps in files.
    level_quantizers: dict[str, str] = {}

    @property
    def levels(self) -> dict[str, int]:
        """Level name -> number of codes K of that level."""
        return {k: getattr(self, q).num_embeddings for k, q in self.level_quantizers.items()}

    @abstractmethod
    def quantize(self, inputs: torch.Tensor) -> tuple[dict, object]:
        """inputs -> (level -> quantizer output dict, what ``decode_quantized`` takes)."""

    @abstractmethod
    def decode_quantized(self, quantized) -> torch.Tensor:
        """What ``quantize`` returned second -> reconstructed images."""

    @abstractmethod
    def decode_codes(self, codes: dict[str, torch.Tensor]) -> torch.Tensor:
        """Code maps (level -> (B, h, w) long) -> images in the preprocessor's normalised space."""

    @torch.no_grad()
    def encode_codes(self, inputs: torch.Tensor) -> dict[str, torch.Tensor]:
        """Normalised images -> code maps (level -> (B, h, w) long)."""
        outs, _ = self.quantize(inputs)
        return {k: v['indices'] for k, v in outs.items()}

    def to_unit_range(self, images: torch.Tensor) -> torch.Tensor:
        """Undo the preprocessor's normalisation and map to [0, 1] (pixel / 255)."""
        pre = self.data_preprocessor
        mean = getattr(pre, 'mean', None)
        std = getattr(pre, 'std', None)
        if mean is not None and getattr(pre, '_enable_normalize', True):
            images = images * std + mean
        return images / 255.0

    def _run(self, inputs: torch.Tensor) -> tuple[dict, torch.Tensor]:
        outs, quantized = self.quantize(inputs)
        return outs, self.decode_quantized(quantized)

    def _forward(self, inputs: torch.Tensor, data_samples=None) -> torch.Tensor:
        return self._run(inputs)[1]

    def loss(self, inputs: torch.Tensor, data_samples=None) -> dict:
        outs, recon = self._run(inputs)
        losses = dict(loss_recon=F.mse_loss(recon, inputs))
        for name, out in outs.items():
            suffix = '' if len(outs) == 1 else f'_{name}'
            losses[f'loss_vq{suffix}'] = out['loss']
            losses[f'perplexity{suffix}'] = out['perplexity'].detach()
        return losses

    def predict(self, inputs: torch.Tensor, data_samples=None) -> list[dict]:
        outs, recon = self._run(inputs)
        recon01 = self.to_unit_range(recon).clamp(0, 1)
        orig01 = self.to_unit_range(inputs)
        return [
            dict(
                recon=recon01[i].detach().cpu(),
                orig=orig01[i].detach().cpu(),
                codes={k: v['indices'][i].cpu() for k, v in outs.items()},
                num_codes=self.levels,
            )
            for i in range(inputs.size(0))
        ]
