"""Masked-language-model head whose decoder shares the input word embedding."""

import torch
import torch.nn as nn

from mmblog.registry import MODELS

from .encoder_layer import build_activation


class PredictionTransform(nn.Module):
    """dense -> activation -> LayerNorm (BERT's ``cls.predictions.transform``)."""

    def __init__(self, embed_dims: int, act: str, eps: float):
        super().__init__()
        self.dense = nn.Linear(embed_dims, embed_dims)
        self.transform_act_fn = build_activation(act)
        self.LayerNorm = nn.LayerNorm(embed_dims, eps=eps)  # noqa: N815

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.LayerNorm(self.transform_act_fn(self.dense(x)))


@MODELS.register_module()
class MaskedLMHead(nn.Module):
    """Token logits from hidden states: ``decoder(transform(h)) + bias``, BERT's layout.

    Parameters: ``transform.dense``, ``transform.LayerNorm``, ``decoder.weight`` (tied to the
    word embedding by :meth:`tie_weights`) and ``bias``.

    Args:
        embed_dims: Hidden width.
        vocab_size: Number of output tokens.
        act: Transform activation.
        layer_norm_eps: LayerNorm epsilon.

    Examples:
        >>> emb = nn.Embedding(50, 16)
        >>> head = MaskedLMHead(16, 50)
        >>> head.tie_weights(emb)
        >>> head.decoder.weight is emb.weight
        True
        >>> head(torch.randn(3, 16)).shape
        torch.Size([3, 50])
    """

    def __init__(
        self, embed_dims: int, vocab_size: int, act: str = 'gelu', layer_norm_eps: float = 1e-12
    ):
        super().__init__()
        self.transform = PredictionTransform(embed_dims, act, layer_norm_eps)
        self.decoder = nn.Linear(embed_dims, vocab_size, bias=False)
        self.bias = nn.Parameter(torch.zeros(vocab_size))

    def tie_weights(self, embedding: nn.Embedding) -> None:
        """Share ``embedding.weight`` (vocab, C) as the decoder weight."""
        if embedding.weight.shape != self.decoder.weight.shape:
            raise ValueError(
                f'cannot tie: embedding {tuple(embedding.weight.shape)} vs decoder '
                f'{tuple(self.decoder.weight.shape)}'
            )
        self.decoder.weight = embedding.weight

    def forward(self, hidden: torch.Tensor) -> torch.Tensor:
        return self.decoder(self.transform(hidden)) + self.bias
