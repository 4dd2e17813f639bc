"""Token + position + segment (+ task) embeddings with BERT's parameter names."""

import torch
import torch.nn as nn

from mmblog.registry import MODELS


def padding_aware_position_ids(input_ids: torch.Tensor, padding_idx: int) -> torch.Tensor:
    """RoBERTa's positions: real tokens count up from ``padding_idx + 1``, padding stays at it."""
    real = input_ids.ne(padding_idx).int()
    return (torch.cumsum(real, dim=1) * real).long() + padding_idx


@MODELS.register_module()
class TextEmbeddings(nn.Module):
    """Sum of word, position, segment and optional task embeddings, then LayerNorm and dropout.

    Parameter names follow Hugging Face: ``word_embeddings``, ``position_embeddings``,
    ``token_type_embeddings``, ``task_type_embeddings`` (ERNIE 2.0), ``LayerNorm``.

    Args:
        vocab_size: Number of token ids.
        embed_dims: Hidden width.
        max_position_embeddings: Number of position slots (RoBERTa: 512 + 2).
        type_vocab_size: Number of segment ids (BERT 2, RoBERTa 1; 0 disables them).
        num_task_types: Number of task ids (0 disables the task embedding).
        pad_token_id: Padding id; its word embedding starts at zero and gets no gradient.
        position_ids_from_padding: RoBERTa's offset: positions start at ``pad_token_id + 1`` and
            padding tokens take position ``pad_token_id``.
        layer_norm_eps: LayerNorm epsilon.
        dropout: Dropout after the LayerNorm.

    Examples:
        >>> emb = TextEmbeddings(vocab_size=100, embed_dims=16, max_position_embeddings=32)
        >>> emb(torch.tensor([[2, 7, 9, 3, 0]])).shape
        torch.Size([1, 5, 16])
    """

    def __init__(
        self,
        vocab_size: int,
        embed_dims: int,
        max_position_embeddings: int = 512,
        type_vocab_size: int = 2,
        num_task_types: int = 0,
        pad_token_id: int = 0,
        position_ids_from_padding: bool = False,
        layer_norm_eps: float = 1e-12,
        dropout: float = 0.1,
    ):
        super().__init__()
        self.word_embeddings = nn.Embedding(vocab_size, embed_dims, padding_idx=pad_token_id)
        self.position_embeddings = nn.Embedding(
            max_position_embeddings,
            embed_dims,
            padding_idx=pad_token_id if position_ids_from_padding else None,
        )
        self.token_type_embeddings = (
            nn.Embedding(type_vocab_size, embed_dims) if type_vocab_size > 0 else None
        )
        self.task_type_embeddings = (
            nn.Embedding(num_task_types, embed_dims) if num_task_types > 0 else None
        )
        self.LayerNorm = nn.LayerNorm(embed_dims, eps=layer_norm_eps)  # noqa: N815
        self.dropout = nn.Dropout(dropout)
        self.pad_token_id = pad_token_id
        self.position_ids_from_padding = position_ids_from_padding
        self.max_position_embeddings = max_position_embeddings

    def forward(
        self,
        input_ids: torch.Tensor,
        token_type_ids: torch.Tensor | None = None,
        position_ids: torch.Tensor | None = None,
        task_type_ids: torch.Tensor | None = None,
    ) -> torch.Tensor:
        """(B, L) ids -> (B, L, C) embeddings; missing segment/task ids default to 0."""
        if position_ids is None:
            if self.position_ids_from_padding:
                position_ids = padding_aware_position_ids(input_ids, self.pad_token_id)
            else:
                position_ids = torch.arange(input_ids.shape[1], device=input_ids.device)[None]
        if int(position_ids.max()) >= self.max_position_embeddings:
            raise ValueError(
                f'sequence of {input_ids.shape[1]} tokens needs position {int(position_ids.max())}'
                f' but the model has {self.max_position_embeddings} positions; truncate the text'
            )
        x = self.word_embeddings(input_ids) + self.position_embeddings(position_ids)
        if self.token_type_embeddings is not None:
            if token_type_ids is None:
                token_type_ids = torch.zeros_like(input_ids)
            x = x + self.token_type_embeddings(token_type_ids)
        if self.task_type_embeddings is not None:
            if task_type_ids is None:
                task_type_ids = torch.zeros_like(input_ids)
            x = x + self.task_type_embeddings(task_type_ids)
        return self.dropout(self.LayerNorm(x))
