"""EMA-updated codebook of VQ-VAE's appendix, as VQ-VAE-2 uses it."""

import torch
import torch.nn.functional as F

from mmblog.registry import MODELS

from .vector_quantizer import VectorQuantizer


@MODELS.register_module()
class VectorQuantizerEMA(VectorQuantizer):
    """Codebook updated by exponential moving averages (VQ-VAE appendix A.1, used by VQ-VAE-2).

    One training step, with n_i the number of this batch's vectors assigned to code i and s_i
    their sum (assignments made with the codebook *before* the step):

        N_i <- gamma N_i + (1 - gamma) n_i,   m_i <- gamma m_i + (1 - gamma) s_i,
        e_i <- m_i / N~_i,   N~_i = (N_i + eps) / (sum_j N_j + K eps) * sum_j N_j  (Laplace).

    The codebook ``embed`` is a buffer (state, not a parameter: it gets no gradient) and the
    loss is beta * commitment only. ``cluster_size`` (N) and ``embed_avg`` (m) start at zero,
    which is consistent (no vector seen yet), so the first update moves a used code to the mean
    of its vectors; a code no vector has ever been assigned to (N_i = 0) keeps its vector
    instead of being divided by the tiny smoothed count. Checkpoints that stored the codebook as
    the parameter ``embedding.weight`` still load.

    Args:
        decay: EMA decay gamma (0.99).
        eps: Laplace smoothing epsilon.
        init_from_data: Set the codebook to randomly chosen encoder outputs of the first
            training batch. Without it a N(0, 1) codebook far from the (small) initial encoder
            outputs sends every vector to one code.
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
        self.register_load_state_dict_pre_hook(self._rename_old_codebook)

    def _init_codebook(self) -> None:
        self.register_buffer('embed', torch.randn(self.num_embeddings, self.embedding_dim))
        self.register_buffer('cluster_size', torch.zeros(self.num_embeddings))
        self.register_buffer('embed_avg', torch.zeros(self.num_embeddings, self.embedding_dim))

    @staticmethod
    def _rename_old_codebook(module, state_dict, prefix, *args) -> None:
        # Before the codebook became a buffer it was the frozen parameter `embedding.weight`.
        old = prefix + 'embedding.weight'
        if old in state_dict and prefix + 'embed' not in state_dict:
            state_dict[prefix + 'embed'] = state_dict.pop(old)

    @property
    def codebook(self) -> torch.Tensor:
        return self.embed

    def quantizer_loss(self, z_e: torch.Tensor, z_q: torch.Tensor) -> torch.Tensor:
        return self.beta * F.mse_loss(z_e, z_q.detach())

    @torch.no_grad()
    def update_codebook(self, z_e: torch.Tensor, indices: torch.Tensor) -> None:
        flat = self.flatten(z_e).detach()
        idx = indices.flatten()
        # n_i and s_i by scatter-add: no (N, K) one-hot and no (K, N) x (N, D) matmul.
        counts = torch.bincount(idx, minlength=self.num_embeddings).to(flat.dtype)
        sums = flat.new_zeros(self.num_embeddings, self.embedding_dim).index_add_(0, idx, flat)
        self.cluster_size.mul_(self.decay).add_(counts, alpha=1 - self.decay)
        self.embed_avg.mul_(self.decay).add_(sums, alpha=1 - self.decay)
        n = self.cluster_size.sum()
        smoothed = (self.cluster_size + self.eps) / (n + self.num_embeddings * self.eps) * n
        seen = (self.cluster_size > 0)[:, None]
        self.embed.copy_(torch.where(seen, self.embed_avg / smoothed[:, None], self.embed))

    @torch.no_grad()
    def _init_from(self, flat: torch.Tensor) -> None:
        pick = torch.randint(0, flat.size(0), (self.num_embeddings,), device=flat.device)
        codes = flat[pick] + 1e-3 * flat.std() * torch.randn_like(flat[pick])
        self.embed.copy_(codes)
        self.embed_avg.copy_(codes)
        self.cluster_size.fill_(1.0)
        self.initialized.fill_(True)

    def forward(self, z_e: torch.Tensor) -> dict:
        if self.training and not bool(self.initialized):
            self._init_from(self.flatten(z_e).detach())
        return super().forward(z_e)
