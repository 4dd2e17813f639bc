import pytest
import torch

from mmblog.registry import MODELS
from mmblog.utils import register_all_modules

register_all_modules()


def test_bad_downsample_factor():
    with pytest.raises(ValueError, match='power of two'):
        MODELS.build(dict(type='VQVAEEncoder', downsample=3))


@pytest.mark.parametrize('half_first_stage', [False, True])
def test_stage_widths_and_output_size(half_first_stage):
    enc = MODELS.build(
        dict(
            type='VQVAEEncoder',
            in_channels=3,
            channels=16,
            res_channels=4,
            num_res_blocks=1,
            downsample=2,
            half_first_stage=half_first_stage,
        )
    )
    first, second = [m for m in enc.modules() if isinstance(m, torch.nn.Conv2d)][:2]
    mid = 8 if half_first_stage else 16
    assert (first.out_channels, second.in_channels, second.out_channels) == (mid, mid, 16)
    assert enc(torch.randn(1, 3, 8, 8)).shape == (1, 16, 4, 4)
    # At downsample 4 both shapes are the same network.
    a = MODELS.build(dict(type='VQVAEEncoder', downsample=4, half_first_stage=half_first_stage))
    b = MODELS.build(dict(type='VQVAEEncoder', downsample=4))
    assert [p.shape for p in a.parameters()] == [p.shape for p in b.parameters()]
