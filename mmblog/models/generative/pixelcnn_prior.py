"""Autoregressive prior over VQ-VAE code maps, trained on codes written by
``tools/vqvae/extract_codes.py``; ancestral sampling and classifier-based rejection."""

import math

import torch
import torch.nn.functional as F
from mmengine.model import BaseModel

from mmblog.registry import MODELS


@MODELS.register_module()
class PixelCNNPrior(BaseModel):
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
        codes = inputs['codes']
        logits = self.net(
            codes, label=self._labels(data_samples, codes.device), cond=inputs.get('cond')
        )
        return F.cross_entropy(logits, codes, reduction='none')

    def forward(self, inputs: dict, data_samples=None, mode: str = 'tensor'):
        if mode == 'tensor':
            codes = inputs['codes']
            return self.net(
                codes, label=self._labels(data_samples, codes.device), cond=inputs.get('cond')
            )
        nll = self.nll_map(inputs, data_samples)
        if mode == 'loss':
            loss = nll.mean()
            return dict(loss_nll=loss, bits_per_dim=loss.detach() / math.log(2.0))
        if mode == 'predict':
            per_sample = nll.detach().flatten(1)
            return [
                dict(nll_sum=float(s.sum()), num_codes=int(s.numel()), codebook_size=self.num_codes)
                for s in per_sample
            ]
        raise ValueError(f"mode must be 'loss', 'predict' or 'tensor', got {mode!r}")

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


@torch.no_grad()
def classifier_rejection(
    images: torch.Tensor,
    labels: torch.Tensor,
    classifier,
    accept_fraction: float,
) -> torch.Tensor:
    """Classifier-based rejection sampling (VQ-VAE-2, section 3.3).

    Scores each sample by the classifier's probability of its intended class and keeps the best
    ``accept_fraction`` of them: lower fractions trade diversity for quality.

    Args:
        images: (N, C, H, W) samples as the classifier expects them.
        labels: (N,) intended classes.
        classifier: Callable returning (N, num_classes) logits.
        accept_fraction: In (0, 1].

    Returns:
        Indices of the accepted samples, best first.
    """
    if not 0 < accept_fraction <= 1:
        raise ValueError(f'accept_fraction must be in (0, 1], got {accept_fraction}')
    probs = F.softmax(classifier(images), dim=1)
    score = probs.gather(1, labels.view(-1, 1)).squeeze(1)
    keep = max(1, int(round(accept_fraction * len(score))))
    return score.argsort(descending=True)[:keep]
