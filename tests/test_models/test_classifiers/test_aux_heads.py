"""ImageClassifier with auxiliary heads: weighted losses in training only."""

import pytest
import torch
import torch.nn.functional as F

from mmblog.registry import MODELS
from mmblog.structures import ClsDataSample
from mmblog.utils import register_all_modules

register_all_modules()


def tiny_googlenet():
    return MODELS.build(
        dict(
            type='ImageClassifier',
            backbone=dict(type='GoogLeNet', width_mult=0.125),
            neck=dict(type='GlobalAveragePooling'),
            head=dict(type='LinearClsHead', num_classes=4, in_channels=128),
            aux_heads=[
                dict(
                    type='GoogLeNetAuxHead',
                    num_classes=4,
                    in_channels=64,
                    in_index=0,
                    loss_weight=0.3,
                ),
                dict(
                    type='GoogLeNetAuxHead',
                    num_classes=4,
                    in_channels=66,
                    in_index=1,
                    loss_weight=0.3,
                ),
            ],
        )
    )


def samples(labels):
    return [ClsDataSample().set_gt_label(int(label)) for label in labels]


def test_aux_losses_are_weighted_0_3_and_train_only():
    torch.manual_seed(0)
    model = tiny_googlenet().train()
    for m in model.modules():  # make the forward deterministic for the recomputation below
        if isinstance(m, torch.nn.Dropout):
            m.p = 0.0
    x, labels = torch.randn(3, 3, 64, 64), torch.tensor([0, 1, 3])
    losses = model(x, samples(labels), mode='loss')
    assert set(losses) == {'loss', 'loss_aux1', 'loss_aux2'}
    feats = model.backbone(x)
    for i, head in enumerate(model.aux_heads):
        expected = 0.3 * F.cross_entropy(head(feats), labels)
        torch.testing.assert_close(losses[f'loss_aux{i + 1}'], expected)
    # Prediction never touches the auxiliary heads.
    model.eval()
    for head in model.aux_heads:
        head.forward = lambda *a, **k: (_ for _ in ()).throw(AssertionError('aux head used'))
    with torch.no_grad():
        preds = model(x, samples(labels), mode='predict')
    assert len(preds) == 3 and preds[0].pred_score.shape == (4,)


def test_aux_gradients_reach_the_early_layers():
    model = tiny_googlenet().train()
    x, labels = torch.randn(2, 3, 64, 64), torch.tensor([1, 2])
    losses = model(x, samples(labels), mode='loss')
    losses['loss_aux1'].backward()
    assert model.backbone.inception4a.branch1.conv.weight.grad.abs().sum() > 0
    assert model.backbone.inception5b.branch1.conv.weight.grad is None


def test_aux_heads_need_a_backbone():
    with pytest.raises(ValueError, match='no backbone'):
        MODELS.build(
            dict(
                type='ImageClassifier',
                head=dict(type='LinearClsHead', num_classes=2, in_channels=4),
                aux_heads=[dict(type='GoogLeNetAuxHead', num_classes=2, in_channels=4)],
            )
        )
