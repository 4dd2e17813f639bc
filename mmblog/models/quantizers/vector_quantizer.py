"""Vector quantisation bottleneck of VQ-VAE (van den Oord et al., 2017) and its EMA variant."""

import torch
import torch.nn.functional as F
from torch import nn

from mmblog.registry import MODELS


def nearest_codes(flat: torch.Tensor, codebook: torch.Tensor) -> torch.Tensor:
    """Index of the nearest codebook row (L2) for every row of ``flat``.

    One matmul: ||z - e||^2 = ||z||^2 - 2 z.e + ||e||^2, so the whole (N, K) distance table
    comes from ``flat @ codebook.T`` and no Python loop runs over codes or vectors.

    Args:
        flat: (N, D) vectors.
        codebook: (K, D) code vectors.
    """
    dist = (
        flat.pow(2).sum(1, keepdim=True) - 2 * flat @ codebook.t() + codebook.pow(2).sum(1)[None, :]
    )
    return dist.argmin(1)


def code_perplexity(indices: torch.Tensor, num_codes: int) -> torch.Tensor:
    """exp(entropy) of the code histogram: 1 when one code is used, K when all are used evenly."""
    counts = torch.bincount(indices.flatten(), minlength=num_codes).float()
    probs = counts / counts.sum().clamp(min=1)
    return torch.exp(-(probs * torch.log(probs + 1e-10)).sum())


@MODELS.register_module()
class VectorQuantizer(nn.Module):
    """Codebook e in R^{K x D} with straight-through gradients.

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
        self.embedding = nn.Embedding(num_embeddings, embedding_dim)
        self.embedding.weight.data.uniform_(-1.0 / num_embeddings, 1.0 / num_embeddings)

    @property
    def codebook(self) -> torch.Tensor:
        return self.embedding.weight

    def _flatten(self, z_e: torch.Tensor) -> torch.Tensor:
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
        return nearest_codes(self._flatten(z_e), self.codebook.detach()).view(b, h, w)

    def _loss(self, z_e: torch.Tensor, z_q: torch.Tensor) -> torch.Tensor:
        codebook_loss = F.mse_loss(z_q, z_e.detach())
        commitment_loss = F.mse_loss(z_e, z_q.detach())
        return codebook_loss + self.beta * commitment_loss

    def forward(self, z_e: torch.Tensor) -> dict:
        """Quantise ``z_e``.

        Returns:
            dict with ``quantized`` (straight-through, same shape as ``z_e``), ``loss``,
            ``indices`` (B, H, W) and ``perplexity`` of this batch's codes.
        """
        indices = self.encode(z_e)
        if self.training:
            self._update_codebook(z_e, indices)
        z_q = self.embed_codes(indices)
        loss = self._loss(z_e, z_q)
        # Straight-through: the forward value is z_q, the gradient wrt z_q is copied to z_e.
        quantized = z_e + (z_q - z_e).detach()
        return dict(
            quantized=quantized,
            loss=loss,
            indices=indices,
            perplexity=code_perplexity(indices, self.num_embeddings),
        )

    def _update_codebook(self, z_e: torch.Tensor, indices: torch.Tensor) -> None:
        """Gradient-trained codebook: nothing to do outside the loss."""


@MODELS.register_module()
class VectorQuantizerEMA(VectorQuantizer):
    """Codebook updated by exponential moving averages (VQ-VAE appendix, used by VQ-VAE-2).

    The codebook gets no gradient; its loss is only beta * commitment. Cluster sizes are
    Laplace-smoothed so that unused codes do not divide by zero.

    Args:
        decay: EMA decay gamma (0.99).
        eps: Laplace smoothing epsilon.
        init_from_data: Set the codebook to randomly chosen encoder outputs of the first
            training batch. Without it a N(0, 1) codebook far from the (small) initial encoder
            outputs sends every vector to one code, and the EMA never spreads them out.
    """

    def __init__(
        self,
        num_embeddings: int,
        embedding_dim: int,
        beta: float = 0.25,
        decay: float = 0.99,
        eps: float = 1e-5,
        init_from_data: bool = True,
    ):
        super().__init__(num_embeddings, embedding_dim, beta)
        self.decay = decay
        self.eps = eps
        self.init_from_data = init_from_data
        self.register_buffer('initialized', torch.tensor(not init_from_data))
        self.embedding.weight.requires_grad_(False)
        self.embedding.weight.data.normal_()
        self.register_buffer('cluster_size', torch.zeros(num_embeddings))
        self.register_buffer('embed_avg', self.embedding.weight.data.clone())

    def _loss(self, z_e: torch.Tensor, z_q: torch.Tensor) -> torch.Tensor:
        return self.beta * F.mse_loss(z_e, z_q.detach())

    @torch.no_grad()
    def _update_codebook(self, z_e: torch.Tensor, indices: torch.Tensor) -> None:
        flat = self._flatten(z_e).detach()
        onehot = F.one_hot(indices.flatten(), self.num_embeddings).type(flat.dtype)
        self.cluster_size.mul_(self.decay).add_(onehot.sum(0), alpha=1 - self.decay)
        self.embed_avg.mul_(self.decay).add_(onehot.t() @ flat, alpha=1 - self.decay)
        n = self.cluster_size.sum()
        smoothed = (self.cluster_size + self.eps) / (n + self.num_embeddings * self.eps) * n
        self.embedding.weight.data.copy_(self.embed_avg / smoothed[:, None])

    def _init_from(self, flat: torch.Tensor) -> None:
        pick = torch.randint(0, flat.size(0), (self.num_embeddings,), device=flat.device)
        codes = flat[pick] + 1e-3 * flat.std() * torch.randn_like(flat[pick])
        self.embedding.weight.data.copy_(codes)
        self.embed_avg.copy_(codes)
        self.cluster_size.fill_(1.0)
        self.initialized.fill_(True)

    def forward(self, z_e: torch.Tensor) -> dict:
        if self.training and not bool(self.initialized):
            with torch.no_grad():
                self._init_from(self._flatten(z_e))
        return super().forward(z_e)
