"""Average a rating model's predictions over several saved checkpoints (IGMC's ensemble)."""

import math
from collections.abc import Sequence

import torch

from mmblog.utils import load_local_checkpoint


@torch.no_grad()
def predict_ratings(model: torch.nn.Module, loader) -> tuple[torch.Tensor, torch.Tensor]:
    """(predicted, ground-truth) ratings of every sample of ``loader``, in loader order."""
    model.eval()
    preds, gts = [], []
    for batch in loader:
        data = model.data_preprocessor(batch, False)
        for s in model(**data, mode='predict'):
            preds.append(float(s.pred_rating))
            gts.append(float(s.gt_rating))
    return torch.tensor(preds, dtype=torch.float64), torch.tensor(gts, dtype=torch.float64)


def checkpoint_ensemble(
    model: torch.nn.Module, loader, checkpoints: Sequence[str], trust: bool | None = None
) -> dict:
    """Load each checkpoint into ``model``, predict every rating of ``loader``, and average the
    predictions over checkpoints (the IGMC reference's ``--ensemble``: epochs 50..80 every 10).

    Returns ``dict(rmse=ensemble RMSE, per_checkpoint={path: RMSE}, pred=averaged ratings)``.
    The loader must not shuffle (predictions are matched by position).
    """
    if not checkpoints:
        raise ValueError('checkpoint_ensemble needs at least one checkpoint')
    total, per, gt = None, {}, None
    for path in checkpoints:
        ckpt = load_local_checkpoint(path, map_location='cpu', trust=trust)
        model.load_state_dict(ckpt.get('state_dict', ckpt))
        pred, gt_k = predict_ratings(model, loader)
        if gt is not None and not torch.equal(gt, gt_k):
            raise ValueError(f'{path}: the loader gave samples in another order (shuffle is on?)')
        gt = gt_k
        per[path] = math.sqrt(float(((pred - gt) ** 2).mean()))
        total = pred if total is None else total + pred
    mean = total / len(checkpoints)
    return dict(rmse=math.sqrt(float(((mean - gt) ** 2).mean())), per_checkpoint=per, pred=mean)
