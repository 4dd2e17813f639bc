"""BERT / RoBERTa encoder on mmblog's SDPA layers, parameter for parameter Hugging Face's."""

import torch
from mmengine.model import BaseModule

from mmblog.models.layers.transformer import Pooler, TextEmbeddings, TransformerEncoder
from mmblog.registry import MODELS

# Hugging Face config.json keys that map one to one onto BertEncoder arguments.
HF_CONFIG_KEYS = (
    'vocab_size',
    'hidden_size',
    'num_hidden_layers',
    'num_attention_heads',
    'intermediate_size',
    'hidden_act',
    'hidden_dropout_prob',
    'attention_probs_dropout_prob',
    'max_position_embeddings',
    'type_vocab_size',
    'layer_norm_eps',
    'pad_token_id',
)


@MODELS.register_module()
class BertEncoder(BaseModule):
    """A BERT-style text encoder whose ``state_dict`` keys are those of ``transformers``' model.

    Keys: ``embeddings.*``, ``encoder.layer.N.*``, ``pooler.dense.*`` -- so the weights of a
    local ``BertModel``/``RobertaModel`` checkpoint load strictly (see
    :func:`mmblog.models.converters.load_hf_bert`). Arguments use Hugging Face's config names.

    Args:
        vocab_size, hidden_size, num_hidden_layers, num_attention_heads, intermediate_size,
        hidden_act, hidden_dropout_prob, attention_probs_dropout_prob, max_position_embeddings,
        type_vocab_size, layer_norm_eps, pad_token_id: As in ``BertConfig``.
        position_ids_from_padding: RoBERTa's position offset (positions start after the padding
            index). ``BertEncoder.roberta(**kw)`` sets it with RoBERTa's defaults.
        num_task_types: ERNIE 2.0's task embedding (0 = none).
        pre_norm: Pre-LN layers plus a final LayerNorm (``encoder.LayerNorm``) instead of BERT's
            post-LN.
        add_pooling_layer: Build ``pooler`` (tanh(dense([CLS]))).
        init_cfg: mmengine init config; by default weights are drawn as BERT does (normal,
            std ``initializer_range``, zero biases, unit LayerNorm).
        initializer_range: Std of the default initialisation.
        hf_checkpoint: A local Hugging Face checkpoint (folder or ``.safetensors``/``.bin``
            file) loaded strictly by :meth:`init_weights`, e.g. for fine-tuning from BERT.

    Examples:
        >>> enc = BertEncoder(vocab_size=100, hidden_size=32, num_hidden_layers=2,
        ...                   num_attention_heads=4, intermediate_size=64)
        >>> ids = torch.tensor([[2, 15, 16, 3, 0, 0]])
        >>> out = enc(ids, attention_mask=(ids != 0).long())
        >>> out['last_hidden_state'].shape, out['pooler_output'].shape
        (torch.Size([1, 6, 32]), torch.Size([1, 32]))
    """

    def __init__(
        self,
        vocab_size: int = 30522,
        hidden_size: int = 768,
        num_hidden_layers: int = 12,
        num_attention_heads: int = 12,
        intermediate_size: int = 3072,
        hidden_act: str = 'gelu',
        hidden_dropout_prob: float = 0.1,
        attention_probs_dropout_prob: float = 0.1,
        max_position_embeddings: int = 512,
        type_vocab_size: int = 2,
        layer_norm_eps: float = 1e-12,
        pad_token_id: int = 0,
        position_ids_from_padding: bool = False,
        num_task_types: int = 0,
        pre_norm: bool = False,
        add_pooling_layer: bool = True,
        initializer_range: float = 0.02,
        hf_checkpoint: str | None = None,
        init_cfg: dict | list | None = None,
    ):
        super().__init__(init_cfg=init_cfg)
        self.hf_checkpoint = hf_checkpoint
        self.hidden_size = hidden_size
        self.vocab_size = vocab_size
        self.pad_token_id = pad_token_id
        self.initializer_range = initializer_range
        self.embeddings = TextEmbeddings(
            vocab_size=vocab_size,
            embed_dims=hidden_size,
            max_position_embeddings=max_position_embeddings,
            type_vocab_size=type_vocab_size,
            num_task_types=num_task_types,
            pad_token_id=pad_token_id,
            position_ids_from_padding=position_ids_from_padding,
            layer_norm_eps=layer_norm_eps,
            dropout=hidden_dropout_prob,
        )
        self.encoder = TransformerEncoder(
            num_hidden_layers,
            dict(
                embed_dims=hidden_size,
                num_heads=num_attention_heads,
                feedforward_channels=intermediate_size,
                act=hidden_act,
                dropout=hidden_dropout_prob,
                attn_drop=attention_probs_dropout_prob,
                layer_norm_eps=layer_norm_eps,
                pre_norm=pre_norm,
            ),
        )
        self.pooler = Pooler(hidden_size) if add_pooling_layer else None
        if init_cfg is None:
            self.apply(self._bert_init)

    def _bert_init(self, module: torch.nn.Module) -> None:
        # BERT's initialisation: N(0, 0.02) weights, zero biases and padding row, unit LayerNorm.
        if isinstance(module, (torch.nn.Linear, torch.nn.Embedding)):
            torch.nn.init.normal_(module.weight, std=self.initializer_range)
            if isinstance(module, torch.nn.Linear) and module.bias is not None:
                torch.nn.init.zeros_(module.bias)
            if isinstance(module, torch.nn.Embedding) and module.padding_idx is not None:
                with torch.no_grad():
                    module.weight[module.padding_idx].zero_()
        elif isinstance(module, torch.nn.LayerNorm):
            torch.nn.init.ones_(module.weight)
            torch.nn.init.zeros_(module.bias)

    def init_weights(self) -> None:
        """mmengine's init (``init_cfg``), then the ``hf_checkpoint`` weights if one is set."""
        super().init_weights()
        if self.hf_checkpoint:
            from mmblog.models.converters.hf_bert import (
                load_encoder_state_dict,
                read_weights,
                split_hf_state_dict,
            )

            encoder_sd, _, _ = split_hf_state_dict(read_weights(self.hf_checkpoint))
            if self.pooler is None:
                encoder_sd = {k: v for k, v in encoder_sd.items() if not k.startswith('pooler.')}
            load_encoder_state_dict(self, encoder_sd, self.hf_checkpoint, strict=True)

    @classmethod
    def roberta(cls, **kwargs) -> 'BertEncoder':
        """RoBERTa defaults: padding id 1, 514 positions with the padding offset, 1 segment."""
        defaults = dict(
            vocab_size=50265,
            max_position_embeddings=514,
            type_vocab_size=1,
            layer_norm_eps=1e-5,
            pad_token_id=1,
            position_ids_from_padding=True,
        )
        return cls(**{**defaults, **kwargs})

    @staticmethod
    def hf_config_to_kwargs(hf_config: dict) -> dict:
        """BertEncoder arguments from a Hugging Face ``config.json`` dict (BERT or RoBERTa)."""
        kwargs = {k: hf_config[k] for k in HF_CONFIG_KEYS if k in hf_config}
        model_type = hf_config.get('model_type', 'bert')
        if model_type in ('roberta', 'xlm-roberta', 'camembert'):
            kwargs['position_ids_from_padding'] = True
        elif model_type not in ('bert', 'ernie'):
            raise ValueError(f'model_type {model_type!r} is not a BERT/RoBERTa layout')
        if hf_config.get('use_task_id'):
            kwargs['num_task_types'] = hf_config.get('task_type_vocab_size', 3)
        pos_type = hf_config.get('position_embedding_type', 'absolute')
        if pos_type != 'absolute':
            raise ValueError(
                f'position_embedding_type {pos_type!r} is not supported (absolute only)'
            )
        return kwargs

    def forward(
        self,
        input_ids: torch.Tensor,
        attention_mask: torch.Tensor | None = None,
        token_type_ids: torch.Tensor | None = None,
        position_ids: torch.Tensor | None = None,
        task_type_ids: torch.Tensor | None = None,
        output_hidden_states: bool = False,
    ) -> dict:
        """Encode (B, L) token ids.

        Args:
            attention_mask: (B, L), 1 for real tokens and 0 for padding (default: all real).

        Returns:
            dict with ``last_hidden_state`` (B, L, C), ``pooler_output`` (B, C) or None, and
            ``hidden_states`` (embeddings and every layer's output) when asked for.
        """
        x = self.embeddings(input_ids, token_type_ids, position_ids, task_type_ids)
        out = self.encoder(x, attention_mask, output_hidden_states=output_hidden_states)
        hidden, states = out if output_hidden_states else (out, None)
        pooled = self.pooler(hidden) if self.pooler is not None else None
        return dict(last_hidden_state=hidden, pooler_output=pooled, hidden_states=states)
