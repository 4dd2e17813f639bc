"""MultiheadAttention equals a direct softmax(QK^T / sqrt(d)) V computation, masks included."""

import math

import pytest
import torch

from mmblog.models.layers.transformer import MultiheadAttention


def direct_attention(attn: MultiheadAttention, query, key_value, allowed):
    """Hand-computed attention: per head softmax(q k^T / sqrt(d) with masked scores -inf) v."""
    h, d = attn.num_heads, attn.head_dims
    q = query @ attn.query.weight.T + attn.query.bias
    k = key_value @ attn.key.weight.T + attn.key.bias
    v = key_value @ attn.value.weight.T + attn.value.bias
    b, lq, lk = query.shape[0], query.shape[1], key_value.shape[1]
    out = torch.zeros(b, lq, h * d)
    for bi in range(b):
        for hi in range(h):
            sl = slice(hi * d, (hi + 1) * d)
            scores = q[bi, :, sl] @ k[bi, :, sl].T / math.sqrt(d)
            scores = scores.masked_fill(~allowed[bi], float('-inf'))
            out[bi, :, sl] = torch.softmax(scores, dim=-1) @ v[bi, :, sl]
    assert out.shape == (b, lq, h * d) and lk == allowed.shape[-1]
    return out


@pytest.fixture
def inputs():
    torch.manual_seed(0)
    pad = torch.tensor([[1, 1, 1, 1, 0, 0], [1, 1, 1, 1, 1, 1], [1, 1, 0, 0, 0, 0]])
    return torch.randn(3, 6, 32), pad


def test_self_attention_with_padding_matches_direct(inputs):
    x, pad = inputs
    attn = MultiheadAttention(32, 4).eval()
    allowed = pad.bool()[:, None, :].expand(3, 6, 6)
    out = attn(x, attention_mask=pad)
    torch.testing.assert_close(out, direct_attention(attn, x, x, allowed), atol=1e-6, rtol=0)


def test_unmasked_and_causal_match_direct(inputs):
    x, pad = inputs
    attn = MultiheadAttention(32, 8).eval()
    everything = torch.ones(3, 6, 6, dtype=torch.bool)
    torch.testing.assert_close(attn(x), direct_attention(attn, x, x, everything), atol=1e-6, rtol=0)
    causal = torch.ones(6, 6, dtype=torch.bool).tril().expand(3, 6, 6)
    torch.testing.assert_close(
        attn(x, causal=True), direct_attention(attn, x, x, causal), atol=1e-6, rtol=0
    )
    # causal and padding together
    both = causal & pad.bool()[:, None, :]
    torch.testing.assert_close(
        attn(x, attention_mask=pad, causal=True),
        direct_attention(attn, x, x, both),
        atol=1e-6,
        rtol=0,
    )


def test_cross_attention_with_other_width_and_mask():
    torch.manual_seed(1)
    q = torch.randn(2, 5, 32)
    kv = torch.randn(2, 7, 16)
    kv_pad = torch.tensor([[1] * 7, [1, 1, 1, 0, 0, 0, 0]])
    attn = MultiheadAttention(32, 4, kv_dims=16, attn_dims=24).eval()
    out = attn(q, kv, attention_mask=kv_pad)
    assert out.shape == (2, 5, 24)
    allowed = kv_pad.bool()[:, None, :].expand(2, 5, 7)
    torch.testing.assert_close(out, direct_attention(attn, q, kv, allowed), atol=1e-6, rtol=0)


def test_boolean_attn_mask_and_weights(inputs):
    x, pad = inputs
    attn = MultiheadAttention(32, 4).eval()
    block = torch.rand(3, 6, 6) > 0.3
    block |= torch.eye(6, dtype=torch.bool)  # every query keeps at least itself
    out, weights = attn(x, attn_mask=block, return_weights=True)
    torch.testing.assert_close(out, direct_attention(attn, x, x, block), atol=1e-6, rtol=0)
    torch.testing.assert_close(attn(x, attn_mask=block), out, atol=1e-6, rtol=0)
    assert weights.shape == (3, 4, 6, 6)
    torch.testing.assert_close(weights.sum(-1), torch.ones(3, 4, 6))
    assert (weights.masked_select(~block[:, None].expand_as(weights)) == 0).all()


def test_padded_keys_do_not_change_outputs(inputs):
    x, pad = inputs
    attn = MultiheadAttention(32, 4).eval()
    noisy = x.clone()
    noisy[pad == 0] = torch.randn(int((pad == 0).sum()), 32) * 100
    a, b = attn(x, attention_mask=pad), attn(noisy, attention_mask=pad)
    real = pad.bool()
    torch.testing.assert_close(a[real], b[real], atol=1e-5, rtol=0)


def test_attention_dropout_only_in_training(inputs):
    x, _ = inputs
    attn = MultiheadAttention(32, 4, attn_drop=0.5)
    attn.eval()
    torch.testing.assert_close(attn(x), attn(x))
    attn.train()
    torch.manual_seed(0)
    assert not torch.allclose(attn(x), attn.eval()(x))


def test_bad_arguments_fail_with_one_line():
    with pytest.raises(ValueError, match='not divisible by 5 heads'):
        MultiheadAttention(32, 5)
    with pytest.raises(TypeError, match='must be boolean'):
        MultiheadAttention(8, 2)(torch.randn(1, 3, 8), attn_mask=torch.zeros(3, 3))
