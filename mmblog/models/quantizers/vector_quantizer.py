"""Vector quantisation bottleneck of VQ-VAE (van den Oord et al., 2017)."""

import torch
import torch.nn.functional as F
from torch import nn

from mmblog.registry import MODELS


def nearest_codes(flat: torch.Tensor, codebook: torch.Tensor) -> torch.Tensor:
    """Index of the nearest codebook row (L2) for every row of ``flat``.

    ||z - e||^2 = ||z||^2 - 2 z.e + ||e||^2 and ||z||^2 is the same for every code of a row,
    so the argmin needs only ||e||^2 - 2 z.e: one fused matmul-add, no (N, K) broadcast of
    ||z||^2 and no Python loop over codes or vectors.

    Args:
        flat: (N, D) vectors.
        codebook: (K, D) code vectors.
    """
    dist = torch.addmm(codebook.pow(2).sum(1)[None, :], flat, codebook.t(), alpha=-2)
    return dist.argmin(1)


def code_perplexity(indices: torch.Tensor, num_codes: int) -> torch.Tensor:
    """exp(entropy) of the code histogram: 1 when one code is used, K when all are used evenly."""
    counts = torch.bincount(indices.flatten(), minlength=num_codes).float()
    probs = counts / counts.sum().clamp(min=1)
    return torch.exp(-(probs * torch.log(probs + 1e-10)).sum())


@MODELS.register_module()
class VectorQuantizer(nn.Module):
    """Codebook e in R^{K x D} trained by gradient, with straight-through gradients to z_e.

    loss = ||sg[z_e] - e||^2 (codebook) + beta * ||z_e - sg[e]||^2 (commitment).

    Args:
        num_embeddings: K, the number of codes.
        embedding_dim: D, the size of each code vector (channels of z_e).
        beta: Weight of the commitment loss (0.25 in the paper).
    """

    def __init__(self, num_embeddings: int, embedding_dim: int, beta: float = 0.25):
        super().__init__()
        self.num_embeddings = num_embeddings
        self.embedding_dim = embedding_dim
        self.beta = beta
        self._init_codebook()

    def _init_codebook(self) -> None:
        self.embedding = nn.Embedding(self.num_embeddings, self.embedding_dim)
        self.embedding.weight.data.uniform_(-1.0 / self.num_embeddings, 1.0 / self.num_embeddings)

    @property
    def codebook(self) -> torch.Tensor:
        """(K, D) code vectors."""
        return self.embedding.weight

    def flatten(self, z_e: torch.Tensor) -> torch.Tensor:
        """(B, D, H, W) -> (B*H*W, D), or one error naming the expected shape."""
        if z_e.dim() != 4 or z_e.size(1) != self.embedding_dim:
            raise ValueError(
                f'{type(self).__name__} expects (B, {self.embedding_dim}, H, W), got '
                f'{tuple(z_e.shape)}'
            )
        return z_e.permute(0, 2, 3, 1).reshape(-1, self.embedding_dim)

    def embed_codes(self, indices: torch.Tensor) -> torch.Tensor:
        """(B, H, W) code indices -> (B, D, H, W) code vectors."""
        return F.embedding(indices, self.codebook).permute(0, 3, 1, 2).contiguous()

    def encode(self, z_e: torch.Tensor) -> torch.Tensor:
        """(B, D, H, W) encoder output -> (B, H, W) nearest-code indices."""
        b, _, h, w = z_e.shape
        return nearest_codes(self.flatten(z_e), self.codebook.detach()).view(b, h, w)

    def quantizer_loss(self, z_e: torch.Tensor, z_q: torch.Tensor) -> torch.Tensor:
        """Codebook loss + beta * commitment loss."""
        codebook_loss = F.mse_loss(z_q, z_e.detach())
        commitment_loss = F.mse_loss(z_e, z_q.detach())
        return codebook_loss + self.beta * commitment_loss

    def update_codebook(self, z_e: torch.Tensor, indices: torch.Tensor) -> None:
        """Called in training after the lookup; the gradient-trained codebook has nothing to do."""

    def forward(self, z_e: torch.Tensor) -> dict:
        """Quantise ``z_e`` with the current codebook, then (training) update the codebook.

        The lookup, z_q and the loss all use the codebook as it was before this batch: the
        EMA variant's update only affects the next batch, as in the paper and Sonnet.

        Returns:
            dict with ``quantized`` (straight-through, same shape as ``z_e``), ``loss``,
            ``indices`` (B, H, W) and ``perplexity`` of this batch's codes.
        """
        indices = self.encode(z_e)
        z_q = self.embed_codes(indices)
        loss = self.quantizer_loss(z_e, z_q)
        if self.training:
            self.update_codebook(z_e, indices)
        # Straight-through: the forward value is z_q, the gradient wrt z_q is copied to z_e.
        quantized = z_e + (z_q - z_e).detach()
        return dict(
            quantized=quantized,
            loss=loss,
            indices=indices,
            perplexity=code_perplexity(indices, self.num_embeddings),
        )
