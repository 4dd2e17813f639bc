"""ERNIE (THU)'s encoder: BERT T-Encoder, then K-Encoder aggregators with frozen entities."""

import torch
import torch.nn as nn
from mmengine.model import BaseModule

from mmblog.datasets.kg.kg_embed_io import read_kg_embed
from mmblog.models.text.bert_encoder import BertEncoder
from mmblog.registry import MODELS

from .ernie_aggregator import ErnieAggregator


@MODELS.register_module()
class ErnieEncoder(BaseModule):
    """T-Encoder (N BERT layers, loadable from a local BERT checkpoint through ``bert``'s
    ``hf_checkpoint``) + K-Encoder (M :class:`ErnieAggregator`) over frozen TransE entities.

    Entity ids are ERNIE's: ``input_ents`` holds ``id + 1`` at aligned tokens and 0 elsewhere,
    so row 0 of the entity table is a zero "no entity" row and row ``i + 1`` is line ``i`` of
    ``entity2vec.vec``.

    Args:
        bert: :class:`BertEncoder` arguments for the T-Encoder (``num_hidden_layers`` = N).
        num_aggregators: M.
        kg_embed_dir: ``kg_embed`` folder (``entity2id.txt`` + ``entity2vec.vec``); the vectors
            are loaded once and frozen.
        num_entities / entity_size: Table size when no ``kg_embed_dir`` is given (tests, or a
            checkpoint that will overwrite the table).
        num_entity_heads: Heads of the entity attention (4 in ERNIE).
        output_act: See :class:`ErnieAggregator`.
        use_entities: False runs the same network with no entity aligned anywhere (every token
            takes the fusion layer's token-only form): the "without entities" ablation.
    """

    def __init__(
        self,
        bert: dict,
        num_aggregators: int = 6,
        kg_embed_dir: str | None = None,
        num_entities: int | None = None,
        entity_size: int = 100,
        num_entity_heads: int = 4,
        output_act: str | None = 'gelu',
        use_entities: bool = True,
        init_cfg: dict | None = None,
    ):
        super().__init__(init_cfg=init_cfg)
        bert = dict(bert, add_pooling_layer=False)
        self.bert = BertEncoder(**bert)
        if kg_embed_dir is not None:
            _, vecs = read_kg_embed(kg_embed_dir)
            table = torch.cat([torch.zeros(1, vecs.shape[1]), torch.from_numpy(vecs)])
        elif num_entities is not None:
            table = torch.randn(num_entities + 1, entity_size) * 0.1
            table[0] = 0
        else:
            raise ValueError('ErnieEncoder needs kg_embed_dir (or num_entities for a blank table)')
        # A buffer, not a parameter: TransE vectors stay frozen and no optimizer sees them.
        self.register_buffer('entity_table', table.float(), persistent=True)
        self.use_entities = use_entities
        hidden = self.bert.hidden_size
        self.aggregators = nn.ModuleList(
            ErnieAggregator(
                hidden,
                table.shape[1],
                bert.get('num_attention_heads', 12),
                num_entity_heads,
                bert.get('intermediate_size', 3072),
                dropout=bert.get('hidden_dropout_prob', 0.1),
                attn_drop=bert.get('attention_probs_dropout_prob', 0.1),
                layer_norm_eps=bert.get('layer_norm_eps', 1e-12),
                output_act=output_act,
            )
            for _ in range(num_aggregators)
        )

    @property
    def num_entities(self) -> int:
        return self.entity_table.shape[0] - 1

    def forward(
        self,
        input_ids: torch.Tensor,
        attention_mask: torch.Tensor | None = None,
        token_type_ids: torch.Tensor | None = None,
        input_ents: torch.Tensor | None = None,
        ent_mask: torch.Tensor | None = None,
    ) -> dict:
        """Returns ``dict(token_hidden (B, L, C), entity_hidden (B, L, E), ent_mask (B, L))``."""
        if attention_mask is None:
            attention_mask = torch.ones_like(input_ids)
        if input_ents is None or not self.use_entities:
            input_ents = torch.zeros_like(input_ids)
        if int(input_ents.max()) > self.num_entities or int(input_ents.min()) < 0:
            raise ValueError(
                f'input_ents holds id {int(input_ents.max()) - 1} outside the {self.num_entities}'
                '-entity table (entity2id); ids are entity id + 1 with 0 = none'
            )
        ent_mask = (
            (input_ents > 0).long() if ent_mask is None or not self.use_entities else ent_mask
        )
        tokens = self.bert(input_ids, attention_mask, token_type_ids)['last_hidden_state']
        entities = self.entity_table[input_ents]
        for layer in self.aggregators:
            tokens, entities = layer(tokens, entities, attention_mask, ent_mask)
        return dict(token_hidden=tokens, entity_hidden=entities, ent_mask=ent_mask)
