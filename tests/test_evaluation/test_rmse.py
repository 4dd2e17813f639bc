import math

from mmblog.evaluation.metrics import RMSE


def test_rmse_direct():
    m = RMSE()
    m.process(None, [dict(pred_rating=3.0, gt_rating=4.0), dict(pred_rating=5.5, gt_rating=5.0)])
    assert math.isclose(m.compute_metrics(m.results)['rmse'], math.sqrt((1 + 0.25) / 2))
    c = RMSE(clip=(1, 5))
    c.process(None, [dict(pred_rating=5.5, gt_rating=5.0)])
    assert c.compute_metrics(c.results)['rmse'] == 0.0
