"""Pictures of dict predictions: VQ-VAE input|reconstruction pairs and CNP bands."""

import numpy as np
import torch

from mmblog.visualization.prediction_drawing import draw_prediction_dict


def test_reconstruction_pair_puts_input_left_and_reconstruction_right():
    orig = torch.zeros(3, 8, 8)
    recon = torch.ones(3, 8, 8)
    drawn = draw_prediction_dict(dict(orig=orig, recon=recon))
    assert drawn.dtype == np.uint8 and drawn.shape == (128, 256, 3)
    assert drawn[:, :128].max() == 0 and drawn[:, 128:].min() == 255


def test_cnp_band_is_a_picture_and_a_prior_has_nothing_to_draw():
    x = torch.linspace(-2, 2, 50)[:, None]
    pred = dict(
        mu=torch.sin(x), sigma=torch.full_like(x, 0.1), target_x=x, target_y=torch.sin(x),
        context_x=x[::10], context_y=torch.sin(x[::10]), nll=0.5,
    )  # fmt: skip
    drawn = draw_prediction_dict(pred)
    assert drawn.ndim == 3 and drawn.shape[2] == 3 and drawn.std() > 5
    assert draw_prediction_dict(dict(nll_sum=1.0, num_codes=4, codebook_size=8)) is None
