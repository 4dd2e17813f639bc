"""Autoregressive prior over VQ-VAE code maps, trained on codes written by
``tools/misc/extract_vq_codes.py``, with ancestral sampling."""

import math

import torch
import torch.nn.functional as F

from mmblog.registry import MODELS

from ..base import BaseGenerativeModel


@MODELS.register_module()
class PixelCNNPrior(BaseGenerativeModel):
    """p(codes) = prod_i p(c_i | c_<i [, class] [, coarser codes]) with a gated PixelCNN net.

    Inputs are ``dict(codes=(B, H, W) long[, cond=(B, h, w) long])``; class labels come from the
    data samples' ``gt_label`` when the net is class-conditional.

    Args:
        net: ``GatedPixelCNN`` or ``PixelSNAIL`` config (its ``num_codes`` is K).
        data_preprocessor: Defaults to mmengine's ``BaseDataPreprocessor`` (device transfer).
    """

    def __init__(
        self, net: dict, data_preprocessor: dict | None = None, init_cfg: dict | None = None
    ):
        super().__init__(
            data_preprocessor=data_preprocessor or dict(type='BaseDataPreprocessor'),
            init_cfg=init_cfg,
        )
        self.net = MODELS.build(net)

    @property
    def num_codes(self) -> int:
        return self.net.num_codes

    def _labels(self, data_samples, device) -> torch.Tensor | None:
        if not self.net.num_classes:
            return None
        if not data_samples or 'gt_label' not in data_samples[0]:
            raise ValueError('class-conditional prior: the codes file has no labels')
        return torch.stack([ds.gt_label.view(-1)[0] for ds in data_samples]).to(device)

    def nll_map(self, inputs: dict, data_samples=None) -> torch.Tensor:
        """Per-code negative log-likelihood in nats, (B, H, W)."""
        return F.cross_entropy(
            self._forward(inputs, data_samples), inputs['codes'], reduction='none'
        )

    def _forward(self, inputs: dict, data_samples=None) -> torch.Tensor:
        codes = inputs['codes']
        return self.net(
            codes, label=self._labels(data_samples, codes.device), cond=inputs.get('cond')
        )

    def loss(self, inputs: dict, data_samples=None) -> dict:
        loss = self.nll_map(inputs, data_samples).mean()
        return dict(loss_nll=loss, bits_per_dim=loss.detach() / math.log(2.0))

    def predict(self, inputs: dict, data_samples=None) -> list[dict]:
        per_sample = self.nll_map(inputs, data_samples).detach().flatten(1)
        return [
            dict(nll_sum=float(s.sum()), num_codes=int(s.numel()), codebook_size=self.num_codes)
            for s in per_sample
        ]

    @torch.no_grad()
    def sample(
        self,
        num: int,
        shape: tuple[int, int],
        labels: torch.Tensor | None = None,
        cond: torch.Tensor | None = None,
        temperature: float = 1.0,
        generator: torch.Generator | None = None,
    ) -> torch.Tensor:
        """Ancestral sampling in raster order: one forward pass per code position.

        Returns:
            (num, H, W) long code map.
        """
        was_training = self.training
        self.eval()
        device = next(self.parameters()).device
        h, w = shape
        codes = torch.zeros(num, h, w, dtype=torch.long, device=device)
        for i in range(h):
            for j in range(w):
                logits = self.net(codes, label=labels, cond=cond)[:, :, i, j] / temperature
                probs = F.softmax(logits, dim=1)
                codes[:, i, j] = torch.multinomial(probs, 1, generator=generator).squeeze(1)
        self.train(was_training)
        return codes
