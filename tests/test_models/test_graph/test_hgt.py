"""HGT layer against a direct per-target computation; RTE closed form; the encoder learns."""

import math

import pytest
import torch
import torch.nn.functional as F
from torch_geometric.data import HeteroData

from mmblog.models.graph.hgt import HGT, HGTConv, RelTemporalEncoding, sinusoid_table


def _direct_hgt(conv: HGTConv, x, node_type, edge_index, edge_type, edge_time):
    """Eq. 1-5 of the paper one target node at a time, in float64, from the parameters."""
    p = {k: v.detach().double() for k, v in conv.named_parameters()}
    x = x.double()
    h, d_k, n = conv.heads, conv.d_k, x.size(0)
    out = torch.zeros_like(x)
    for t in range(n):
        tt = int(node_type[t])
        q = (x[t] @ p['q_weight'][tt] + p['q_bias'][tt]).view(h, d_k)
        scores, msgs = [], []
        for e in (edge_index[1] == t).nonzero().flatten().tolist():
            s, r = int(edge_index[0, e]), int(edge_type[e])
            st = int(node_type[s])
            xs = x[s]
            if conv.rte is not None:
                base = conv.rte.table[edge_time[e]].double()
                xs = xs + base @ p['rte.lin.weight'].T + p['rte.lin.bias']
            k = (xs @ p['k_weight'][st] + p['k_bias'][st]).view(h, d_k)
            v = (xs @ p['v_weight'][st] + p['v_bias'][st]).view(h, d_k)
            score = (
                torch.stack([k[i] @ p['relation_att'][r, i] @ q[i] for i in range(h)])
                * p['relation_pri'][r]
                / math.sqrt(d_k)
            )
            scores.append(score)
            msgs.append(torch.stack([v[i] @ p['relation_msg'][r, i] for i in range(h)]))
        agg = torch.zeros(h, d_k, dtype=torch.float64)
        if scores:
            att = torch.softmax(torch.stack(scores), dim=0)  # over the sources, per head
            agg = (att.unsqueeze(-1) * torch.stack(msgs)).sum(0)
        trans = F.gelu(agg.reshape(-1)) @ p['a_weight'][tt] + p['a_bias'][tt]
        alpha = torch.sigmoid(p['skip'][tt])
        out[t] = alpha * trans + (1 - alpha) * x[t]
        if conv.norms is not None:
            out[t] = F.layer_norm(
                out[t], (x.size(1),), p[f'norms.{tt}.weight'], p[f'norms.{tt}.bias']
            )
    return out


def _random_graph(n=9, e=30, types=3, rels=4, seed=0):
    g = torch.Generator().manual_seed(seed)
    node_type = torch.randint(0, types, (n,), generator=g)
    edge_index = torch.randint(0, n, (2, e), generator=g)
    edge_type = torch.randint(0, rels, (e,), generator=g)
    edge_time = torch.randint(0, 240, (e,), generator=g)
    return node_type, edge_index, edge_type, edge_time


@pytest.mark.parametrize('use_rte,use_norm', [(True, True), (False, False)])
def test_hgt_conv_matches_direct_computation(use_rte, use_norm):
    torch.manual_seed(0)
    conv = HGTConv(8, 3, 4, heads=2, dropout=0.0, use_norm=use_norm, use_rte=use_rte).eval()
    with torch.no_grad():  # non-trivial prior, gate and norms so every term is exercised
        conv.relation_pri.uniform_(0.5, 2.0)
        conv.skip.uniform_(-1, 1)
        if use_norm:
            for norm in conv.norms:
                norm.weight.uniform_(0.5, 1.5)
                norm.bias.uniform_(-0.5, 0.5)
    node_type, edge_index, edge_type, edge_time = _random_graph()
    x = torch.randn(9, 8)
    got = conv(x, node_type, edge_index, edge_type, edge_time if use_rte else None)
    want = _direct_hgt(conv, x, node_type, edge_index, edge_type, edge_time)
    assert torch.allclose(got.double(), want, atol=1e-5), (got.double() - want).abs().max()


def test_hgt_conv_attention_sums_to_one_per_target_and_head():
    conv = HGTConv(8, 2, 3, heads=4, use_rte=False).eval()
    node_type, edge_index, edge_type, _ = _random_graph(types=2, rels=3)
    _, att = conv(torch.randn(9, 8), node_type, edge_index, edge_type, return_attention=True)
    sums = torch.zeros(9, 4).index_add_(0, edge_index[1], att)
    has_in = torch.zeros(9, dtype=torch.bool)
    has_in[edge_index[1]] = True
    assert torch.allclose(sums[has_in], torch.ones_like(sums[has_in]), atol=1e-6)


def test_relation_prior_scales_the_logits():
    # Doubling mu of a relation doubles that relation's pre-softmax scores: with a single
    # relation and two sources, the attention ratio is exp(2 * (s1 - s0)) vs exp(s1 - s0).
    torch.manual_seed(1)
    conv = HGTConv(4, 1, 1, heads=1, use_rte=False, use_norm=False).eval()
    edge_index = torch.tensor([[1, 2], [0, 0]])
    x = torch.randn(3, 4)
    args = (torch.zeros(3, dtype=torch.long), edge_index, torch.zeros(2, dtype=torch.long))
    _, a1 = conv(x, *args, return_attention=True)
    with torch.no_grad():
        conv.relation_pri.fill_(2.0)
    _, a2 = conv(x, *args, return_attention=True)
    l1 = torch.log(a1[1] / a1[0])
    l2 = torch.log(a2[1] / a2[0])
    assert torch.allclose(l2, 2 * l1, atol=1e-5)


def test_sinusoid_table_closed_form():
    table = sinusoid_table(240, 6)
    for dt in (0, 7, 239):
        for i in range(3):
            w = 1 / 10000 ** (2 * i / 6)
            assert table[dt, 2 * i] == pytest.approx(math.sin(dt * w) / math.sqrt(6), abs=1e-6)
            assert table[dt, 2 * i + 1] == pytest.approx(math.cos(dt * w) / math.sqrt(6), abs=1e-6)


def test_rte_is_linear_of_fixed_table_and_rejects_out_of_range():
    rte = RelTemporalEncoding(6, max_len=10)
    dt = torch.tensor([0, 3, 9])
    want = rte.table[dt] @ rte.lin.weight.T + rte.lin.bias
    assert torch.allclose(rte(dt), want)
    assert not rte.table.requires_grad
    with pytest.raises(ValueError, match='out of range'):
        rte(torch.tensor([10]))


def test_rte_makes_the_layer_time_dependent():
    conv = HGTConv(8, 2, 2, heads=2, use_rte=True).eval()
    node_type, edge_index, edge_type, edge_time = _random_graph(types=2, rels=2)
    x = torch.randn(9, 8)
    a = conv(x, node_type, edge_index, edge_type, edge_time)
    b = conv(x, node_type, edge_index, edge_type, (edge_time + 5) % 240)
    assert not torch.allclose(a, b)
    with pytest.raises(ValueError, match='edge_time'):
        conv(x, node_type, edge_index, edge_type, None)


def _toy_hetero(seed=0):
    """Authors with a class; papers inherit their author's class; only papers' features hint."""
    g = torch.Generator().manual_seed(seed)
    na, npap = 60, 180
    y = torch.randint(0, 3, (na,), generator=g)
    author_of = torch.randint(0, na, (npap,), generator=g)
    data = HeteroData()
    data['author'].x = torch.zeros(na, 4)
    data['paper'].x = F.one_hot(y[author_of], 4).float() + 0.8 * torch.randn(npap, 4, generator=g)
    for nt, n in (('author', na), ('paper', npap)):
        data[nt].time = torch.zeros(n, dtype=torch.long)
    ei = torch.stack([torch.arange(npap), author_of])
    data['paper', 'writes_by', 'author'].edge_index = ei
    data['author', 'writes', 'paper'].edge_index = ei.flip(0)
    data['author'].y = y
    data['author'].target_mask = torch.ones(na, dtype=torch.bool)
    return data


def test_hgt_encoder_learns_author_classes_from_papers():
    torch.manual_seed(0)
    data = _toy_hetero()
    meta = dict(
        node_types=['author', 'paper'],
        edge_types=[('paper', 'writes_by', 'author'), ('author', 'writes', 'paper')],
    )
    model = HGT(
        **meta,
        in_channels=4,
        hidden_channels=16,
        target_type='author',
        heads=2,
        num_layers=1,
        dropout=0.0,
    )
    head = torch.nn.Linear(16, 3)
    opt = torch.optim.Adam([*model.parameters(), *head.parameters()], lr=0.02)
    for _ in range(60):
        opt.zero_grad()
        loss = F.cross_entropy(head(model(data)), data['author'].y)
        loss.backward()
        opt.step()
    acc = (head(model(data)).argmax(1) == data['author'].y).float().mean()
    # Authors' own features are all zero: chance is ~1/3; only messages from papers can help.
    assert acc > 0.9


def test_hgt_rejects_bad_metadata_and_missing_time():
    with pytest.raises(ValueError, match='target_type'):
        HGT(['a'], [], 4, 8, target_type='b')
    with pytest.raises(ValueError, match='edge type'):
        HGT(['a'], [('a', 'r', 'z')], 4, 8, target_type='a')
    data = _toy_hetero()
    del data['paper'].time
    model = HGT(['author', 'paper'], [('paper', 'writes_by', 'author')], 4, 8, 'author', heads=2)
    with pytest.raises(ValueError, match='time'):
        model(data)
