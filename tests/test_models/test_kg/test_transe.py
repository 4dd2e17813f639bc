"""TransE against its formulas."""

import pytest
import torch
import torch.nn.functional as F

from mmblog.models.kg import TransE


@pytest.mark.parametrize('p_norm', [1, 2])
def test_distance_and_loss_closed_form(p_norm):
    torch.manual_seed(0)
    model = TransE(7, 3, embed_dim=5, p_norm=p_norm, margin=1.5)
    e = F.normalize(model.ent_embeddings.weight, dim=-1)
    r = F.normalize(model.rel_embeddings.weight, dim=-1)
    triples = torch.tensor([[0, 1, 2], [3, 0, 4]])
    want = torch.stack([(e[h] + r[k] - e[t]).norm(p=p_norm) for h, k, t in triples.tolist()])
    torch.testing.assert_close(model.distance(triples), want)
    torch.testing.assert_close(model(dict(triples=triples)), -want)
    # Negatives: replace the tail of the first, the head of the second (the fast path) ...
    negatives = torch.tensor([[[0, 1, 6], [0, 1, 5]], [[6, 0, 4], [1, 0, 4]]])
    pos, neg = model.corrupted_distance(triples, negatives)
    torch.testing.assert_close(neg, model.distance(negatives))
    loss = model(dict(triples=triples, negatives=negatives), mode='loss')['loss_margin']
    torch.testing.assert_close(loss, F.relu(1.5 + want[:, None] - neg).mean())
    # ... and a negative that changes both sides takes the general path with the same formula.
    mixed = negatives.clone()
    mixed[0, 0] = torch.tensor([5, 1, 6])
    torch.testing.assert_close(model.corrupted_distance(triples, mixed)[1], model.distance(mixed))


def test_fast_path_gradients_equal_the_general_path():
    torch.manual_seed(1)
    model = TransE(9, 2, embed_dim=4)
    triples = torch.tensor([[0, 1, 2], [3, 0, 4], [5, 1, 6]])
    negatives = torch.tensor(
        [[[0, 1, 7], [8, 1, 2]], [[3, 0, 1], [2, 0, 4]], [[5, 1, 0], [4, 1, 6]]]
    )
    fast = sum(model.corrupted_distance(triples, negatives)[1].sum() for _ in [0])
    grad_fast = torch.autograd.grad(fast, model.ent_embeddings.weight)[0]
    slow = model.distance(negatives).sum()
    grad_slow = torch.autograd.grad(slow, model.ent_embeddings.weight)[0]
    torch.testing.assert_close(grad_fast, grad_slow)


def test_predict_scores_every_entity():
    torch.manual_seed(2)
    model = TransE(6, 2, embed_dim=3, p_norm=1)
    triples = torch.tensor([[0, 1, 2]])
    out = model(dict(triples=triples), mode='predict')[0]
    for e in range(6):
        torch.testing.assert_close(out['tail_scores'][e], -model.distance(torch.tensor([0, 1, e])))
        torch.testing.assert_close(out['head_scores'][e], -model.distance(torch.tensor([e, 1, 2])))


def test_bad_inputs():
    model = TransE(4, 1)
    with pytest.raises(ValueError, match='needs inputs\\["negatives"\\]'):
        model(dict(triples=torch.tensor([[0, 0, 1]])), mode='loss')
    with pytest.raises(ValueError, match='int64'):
        model(dict(triples=torch.tensor([[0.0, 0.0, 1.0]])))
    with pytest.raises(ValueError, match='p_norm'):
        TransE(4, 1, p_norm=3)
