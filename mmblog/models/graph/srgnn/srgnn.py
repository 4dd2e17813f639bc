"""SR-GNN (Wu et al., AAAI 2019): session-based recommendation with graph neural networks."""

import math

import torch
import torch.nn.functional as F
from torch import nn

from mmblog.registry import MODELS

from ...data_preprocessors.graph_data_preprocessor import GraphDataPreprocessor
from ..base import BaseGraphModel
from .gated_session_gnn import GatedSessionGNN
from .session_graph import build_session_graphs


@MODELS.register_module()
class SRGNN(BaseGraphModel):
    """Session graph -> gated GNN -> attention readout with the last item -> hybrid session
    vector -> scores against the (tied) item embeddings -> softmax cross-entropy.

    Readout, as the reference computes it over the clicks of the session (a repeated item
    counts once per click)::

        alpha_i = q^T sigmoid(W_1 v_n + W_2 v_i + c)      (sigmoid, no softmax)
        s_g = sum_i alpha_i v_i,  s_l = v_n,  s_h = W_3 [s_g; s_l]
        z_j = s_h . e_j   for every item j (e = the input embedding table)

    The loss is the softmax cross-entropy of ``z`` against the next item (the post's
    binary-CE sum is not what the paper trains).

    ``inputs`` is the ``(B, L)`` right-padded item batch of :func:`session_collate`; the data
    samples carry ``gt_label`` (the next item, 1-based). ``predict`` stores the ``topk`` best
    items in ``pred_items`` (1-based, best first).

    Args:
        num_items: Items 1..num_items (row 0 of the embedding is the padding item, unscored).
        hidden_channels: d (100).
        step: GGNN propagation steps (1).
        hybrid: Use ``s_h``; False scores with ``s_g`` alone (the paper's SR-GNN-NGC ablation
            is different; this is the reference's ``--nonhybrid``).
        topk: How many items ``predict`` keeps (20 for P@20/MRR@20).
    """

    def __init__(
        self,
        num_items: int,
        hidden_channels: int = 100,
        step: int = 1,
        hybrid: bool = True,
        topk: int = 20,
        data_preprocessor: dict | None = None,
        init_cfg: dict | None = None,
    ):
        super().__init__(
            data_preprocessor=data_preprocessor or GraphDataPreprocessor(), init_cfg=init_cfg
        )
        d = hidden_channels
        self.num_items, self.hybrid, self.topk = num_items, hybrid, topk
        self.embedding = nn.Embedding(num_items + 1, d)
        self.gnn = GatedSessionGNN(d, step)
        self.linear_one = nn.Linear(d, d)
        self.linear_two = nn.Linear(d, d)
        self.linear_three = nn.Linear(d, 1, bias=False)
        self.linear_transform = nn.Linear(2 * d, d)
        self.init_weights()

    def init_weights(self) -> None:
        """Every parameter ~ U(-1/sqrt(d), 1/sqrt(d)), as the reference initialises."""
        std = 1.0 / math.sqrt(self.embedding.embedding_dim)
        for p in self.parameters():
            nn.init.uniform_(p, -std, std)

    def session_embedding(self, seq: torch.Tensor, return_attention: bool = False):
        """``(B, L)`` padded sessions -> ``(B, d)`` session vectors (and, with
        ``return_attention``, the ``(B, L)`` readout weights alpha, 0 at padding)."""
        items, alias, adj = build_session_graphs(seq)
        hidden = self.gnn(adj, self.embedding(items))
        d = hidden.shape[-1]
        seq_h = hidden.gather(1, alias[:, :, None].expand(-1, -1, d))  # (B, L, d)
        mask = (seq > 0)[:, :, None].to(seq_h.dtype)
        last = seq_h[torch.arange(len(seq), device=seq.device), (seq > 0).sum(1) - 1]
        alpha = self.linear_three(
            torch.sigmoid(self.linear_one(last)[:, None] + self.linear_two(seq_h))
        )
        s_g = (alpha * seq_h * mask).sum(1)
        s = self.linear_transform(torch.cat([s_g, last], 1)) if self.hybrid else s_g
        return (s, (alpha * mask).squeeze(-1)) if return_attention else s

    def _forward(self, inputs: torch.Tensor, data_samples=None) -> torch.Tensor:
        """Scores ``(B, num_items)``; column k is item k + 1."""
        return self.session_embedding(inputs) @ self.embedding.weight[1:].t()

    @staticmethod
    def _targets(data_samples, device) -> torch.Tensor:
        return torch.stack([torch.as_tensor(s.gt_label) for s in data_samples]).view(-1).to(device)

    def loss(self, inputs, data_samples) -> dict:
        target = self._targets(data_samples, inputs.device) - 1
        return dict(loss_ce=F.cross_entropy(self._forward(inputs), target))

    def predict(self, inputs, data_samples) -> list:
        top = self._forward(inputs).topk(min(self.topk, self.num_items), dim=1).indices + 1
        for s, t in zip(data_samples, top):
            s.pred_items = t
        return data_samples
