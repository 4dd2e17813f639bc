import pytest
import torch

from mmblog.models.multimodal import GatedEmbeddingUnit, HowTo100MEmbedding, SentenceMaxPool


def test_gated_embedding_unit_closed_form():
    unit = GatedEmbeddingUnit(5, 4)
    x = torch.randn(3, 5)
    y = x @ unit.fc.weight.t() + unit.fc.bias
    g = torch.sigmoid(y @ unit.gate.weight.t() + unit.gate.bias)
    expected = torch.nn.functional.normalize(y * g, dim=1)
    torch.testing.assert_close(unit(x), expected)
    assert unit(x).norm(dim=1).tolist() == pytest.approx([1.0] * 3)


def test_sentence_max_pool_reference_and_conv_variant():
    pool = SentenceMaxPool(we_dim=6, out_dim=4)
    words = torch.randn(2, 7, 6)
    expected = torch.relu(words @ pool.fc.weight.t() + pool.fc.bias).max(dim=1).values
    torch.testing.assert_close(pool(words), expected)
    conv = SentenceMaxPool(we_dim=6, out_dim=4, kernel_size=3)
    # Closed form of the 1-D CNN: position t sees words t-1, t, t+1 (zero padding).
    padded = torch.nn.functional.pad(words, (0, 0, 1, 1))
    w = conv.conv.weight  # (out, in, k)
    per_word = sum(padded[:, k : k + 7] @ w[:, :, k].t() for k in range(3)) + conv.conv.bias
    torch.testing.assert_close(conv(words), torch.relu(per_word).max(dim=1).values)
    assert conv(words).shape == (2, 4)


def test_model_modes():
    model = HowTo100MEmbedding(video_dim=10, embed_dim=8, text_encoder=dict(we_dim=6))
    inputs = dict(video=torch.randn(4, 10), text=torch.randn(4, 5, 6))
    sim = model(inputs, mode='tensor')
    assert sim.shape == (4, 4) and sim.abs().max() <= 1 + 1e-5
    loss = model(inputs, dict(video_index=torch.tensor([0, 0, 1, 1])), mode='loss')
    loss['loss_rank'].backward()
    assert model.video_gu.fc.weight.grad is not None
    preds = model(inputs, dict(clip_index=torch.arange(4)), mode='predict')
    assert len(preds) == 4 and preds[2]['clip_index'] == 2
    torch.testing.assert_close(preds[1]['text_embedding'] @ preds[3]['video_embedding'], sim[1, 3])
    with pytest.raises(ValueError, match='mode'):
        model(inputs, mode='bogus')
