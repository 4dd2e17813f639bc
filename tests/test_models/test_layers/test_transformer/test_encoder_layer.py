"""Encoder layer (post-/pre-LN) against a direct computation; embeddings; co-attention."""

import torch
import torch.nn.functional as F

from mmblog.models.layers.transformer import (
    CoAttentionLayer,
    MaskedLMHead,
    TextEmbeddings,
    TransformerEncoderLayer,
    padding_aware_position_ids,
)


def manual_layer(layer, x, mask, pre_norm):
    att, ffn = layer.attention, layer

    def mha(h):
        return att.self(h, attention_mask=mask)

    def ln(mod, h):
        return F.layer_norm(h, h.shape[-1:], mod.weight, mod.bias, mod.eps)

    if pre_norm:
        h = x + att.output.dense(mha(ln(att.output.LayerNorm, x)))
        return h + ffn.output.dense(F.gelu(ffn.intermediate.dense(ln(ffn.output.LayerNorm, h))))
    h = ln(att.output.LayerNorm, x + att.output.dense(mha(x)))
    return ln(ffn.output.LayerNorm, h + ffn.output.dense(F.gelu(ffn.intermediate.dense(h))))


def test_post_and_pre_norm_match_direct_formulas():
    torch.manual_seed(0)
    x = torch.randn(2, 5, 16)
    mask = torch.tensor([[1, 1, 1, 0, 0], [1, 1, 1, 1, 1]])
    for pre_norm in (False, True):
        layer = TransformerEncoderLayer(16, 4, 32, pre_norm=pre_norm).eval()
        torch.testing.assert_close(layer(x, mask), manual_layer(layer, x, mask, pre_norm))
    names = {
        n for n, _ in TransformerEncoderLayer(16, 4, 32, cross_attention=True).named_parameters()
    }
    assert {'attention.self.query.weight', 'crossattention.self.key.bias', 'intermediate.dense.weight',
            'output.LayerNorm.weight', 'attention.output.dense.bias'} <= names  # fmt: skip


def test_roberta_positions_and_embedding_sum():
    ids = torch.tensor([[0, 5, 6, 2, 1, 1]])
    assert padding_aware_position_ids(ids, 1).tolist() == [[2, 3, 4, 5, 1, 1]]
    emb = TextEmbeddings(10, 8, 12, type_vocab_size=2, num_task_types=2, dropout=0.0).eval()
    types, tasks = torch.tensor([[0, 0, 1, 1, 1, 1]]), torch.ones(1, 6, dtype=torch.long)
    pos = torch.arange(6)[None]
    direct = (
        emb.word_embeddings(ids)
        + emb.position_embeddings(pos)
        + emb.token_type_embeddings(types)
        + emb.task_type_embeddings(tasks)
    )
    torch.testing.assert_close(emb(ids, types, task_type_ids=tasks), emb.LayerNorm(direct))


def test_co_attention_streams_read_the_layer_inputs():
    torch.manual_seed(1)
    co = CoAttentionLayer(dims_a=16, dims_b=8, num_heads=2, ffn_a=32, ffn_b=16, attn_dims=12).eval()
    a, b = torch.randn(2, 5, 16), torch.randn(2, 3, 8)
    mask_b = torch.tensor([[1, 1, 0], [1, 1, 1]])
    new_a, new_b = co(a, b, mask_b=mask_b)
    torch.testing.assert_close(
        new_a, co.stream_a(a, encoder_hidden=b, encoder_attention_mask=mask_b)
    )
    torch.testing.assert_close(new_b, co.stream_b(b, encoder_hidden=a))
    # a padded region of stream B does not reach stream A
    b2 = b.clone()
    b2[0, 2] += 50
    torch.testing.assert_close(co(a, b2, mask_b=mask_b)[0], new_a)
    assert (
        co.stream_a.attention is None and co.stream_a.crossattention.self.query.out_features == 12
    )


def test_tied_mlm_head_gets_embedding_gradients():
    emb = torch.nn.Embedding(20, 8)
    head = MaskedLMHead(8, 20)
    head.tie_weights(emb)
    head(torch.randn(4, 8)).sum().backward()
    assert emb.weight.grad is not None and emb.weight.grad.abs().sum() > 0
