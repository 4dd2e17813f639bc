"""HowTo100M's text branch: word vectors -> linear (or 1-D conv) -> ReLU -> max over words."""

import torch
import torch.nn.functional as F
from torch import nn

from mmblog.registry import MODELS


@MODELS.register_module()
class SentenceMaxPool(nn.Module):
    """Encode (B, W, we_dim) word vectors into (B, out_dim).

    The reference applies ``Linear(we_dim, out_dim)`` to each word, ReLU, and takes the max
    over words (``kernel_size=1``). The post calls the branch a shallow 1-D CNN:
    ``kernel_size > 1`` convolves neighbouring words instead (same padding).

    Args:
        we_dim: Word vector size (word2vec: 300).
        out_dim: Output size.
        kernel_size: 1 = the reference's per-word linear layer; > 1 = 1-D convolution.
    """

    def __init__(self, we_dim: int = 300, out_dim: int = 2048, kernel_size: int = 1) -> None:
        super().__init__()
        self.kernel_size = kernel_size
        self.out_dim = out_dim
        if kernel_size == 1:
            self.fc = nn.Linear(we_dim, out_dim)
        else:
            self.conv = nn.Conv1d(we_dim, out_dim, kernel_size, padding=kernel_size // 2)

    def forward(self, words: torch.Tensor) -> torch.Tensor:
        if self.kernel_size == 1:
            x = self.fc(words)
        else:
            x = self.conv(words.transpose(1, 2)).transpose(1, 2)[:, : words.size(1)]
        return F.relu(x).max(dim=1).values
