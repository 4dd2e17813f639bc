"""Graph foundation: data preprocessor, node head, node classifier, losses and predictions."""

import pytest
import torch
import torch.nn.functional as F
from mmengine.model import BaseDataPreprocessor
from torch_geometric.data import Batch, Data

from mmblog.models.data_preprocessors import GraphDataPreprocessor
from mmblog.models.graph import NodeClassifier, NodeClsHead
from mmblog.structures import GraphDataSample


def graph(n=6, c=3, seed=0, multilabel=False):
    g = torch.Generator().manual_seed(seed)
    y = (
        (torch.rand(n, c, generator=g) > 0.5).long()
        if multilabel
        else torch.randint(c, (n,), generator=g)
    )
    ei = torch.tensor([[0, 1, 1, 2, 3, 4], [1, 0, 2, 1, 4, 3]])
    mask = torch.zeros(n, dtype=torch.bool)
    mask[[0, 2, 5]] = True
    return Data(x=torch.randn(n, 4, generator=g), edge_index=ei, y=y, target_mask=mask)


def test_preprocessor_moves_pyg_graphs():
    data = dict(inputs=graph(), data_samples=[GraphDataSample(metainfo=dict(split='train'))])
    # mmengine's own cast_data leaves a PyG graph where it is (the reason for this class).
    base = BaseDataPreprocessor().to('meta')
    assert base(dict(data))['inputs'].x.device.type == 'cpu'
    pre = GraphDataPreprocessor().to('meta')
    out = pre(dict(data))
    assert out['inputs'].x.device.type == 'meta' and out['inputs'].edge_index.device.type == 'meta'
    assert out['data_samples'][0].metainfo['split'] == 'train'


def test_single_label_head_loss_and_predict():
    g, head = graph(), NodeClsHead()
    logits = torch.randn(6, 3)
    loss = head.loss(logits, g)['loss_cls']
    assert torch.allclose(loss, F.cross_entropy(logits[g.target_mask], g.y[g.target_mask]))
    (s,) = head.predict(logits, g, [GraphDataSample()])
    assert s.node_index.tolist() == [0, 2, 5]
    assert torch.allclose(s.pred_score, logits[[0, 2, 5]].softmax(-1))
    assert torch.equal(s.pred_label, logits[[0, 2, 5]].argmax(-1))
    assert torch.equal(s.gt_label, g.y[[0, 2, 5]])


def test_multilabel_head():
    g, head = graph(multilabel=True), NodeClsHead(multilabel=True)
    logits = torch.randn(6, 3)
    loss = head.loss(logits, g)['loss_cls']
    ref = F.binary_cross_entropy_with_logits(logits[g.target_mask], g.y[g.target_mask].float())
    assert torch.allclose(loss, ref)
    (s,) = head.predict(logits, g)
    assert torch.equal(s.pred_label, (logits[[0, 2, 5]].sigmoid() > 0.5).long())


def test_batch_predictions_split_per_graph():
    b = Batch.from_data_list([graph(seed=0), graph(seed=1)])
    logits = torch.randn(12, 3)
    samples = NodeClsHead().predict(logits, b, [GraphDataSample(), GraphDataSample()])
    assert [s.node_index.tolist() for s in samples] == [[0, 2, 5], [0, 2, 5]]
    assert torch.allclose(samples[1].pred_score, logits[[6, 8, 11]].softmax(-1))


def test_node_classifier_modes_and_l2():
    model = NodeClassifier(
        backbone=dict(type='NodeMLP', in_channels=4, hidden_channels=[8], out_channels=3),
        head=dict(type='NodeClsHead'),
        l2_reg=0.1,
        l2_reg_params=['backbone.lins.0'],
    )
    g = graph()
    losses = model(g, [GraphDataSample()], mode='loss')
    w = model.backbone.lins[0]
    ref = 0.05 * (w.weight.pow(2).sum() + w.bias.pow(2).sum())
    assert torch.allclose(losses['loss_l2'], ref)
    model.eval()
    (s,) = model(g, [GraphDataSample()], mode='predict')
    assert torch.allclose(s.reg_loss, ref) and s.pred_score.shape == (3, 3)
    assert model(g, mode='tensor').shape == (6, 3)
    with pytest.raises(ValueError, match='mode'):
        model(g, mode='bogus')
    with pytest.raises(ValueError, match='match no parameter'):
        NodeClassifier(
            backbone=dict(type='NodeMLP', in_channels=4, hidden_channels=[8], out_channels=3),
            head=dict(type='NodeClsHead'),
            l2_reg=0.1,
            l2_reg_params=['nope'],
        )


def test_sparse_features_match_dense():
    from mmblog.models.graph import NodeMLP

    torch.manual_seed(0)
    mlp = NodeMLP(4, [8], 3, dropout=0.0).eval()
    g = graph()
    dense = mlp(g)
    x = g.x
    for layout in (x.to_sparse(), x.to_sparse_csr()):
        g.x = layout
        assert torch.allclose(mlp(g), dense, atol=1e-6)
