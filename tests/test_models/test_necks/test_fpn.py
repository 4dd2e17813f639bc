"""FPN's ``end_level`` (MMDetection's spelling): levels up to it are used, none are added."""

import pytest
import torch

from mmblog.models.necks.fpn import FPN


def _feats(channels=(4, 8, 16, 32), size=32):
    return tuple(torch.randn(1, c, size >> i, size >> i) for i, c in enumerate(channels))


def test_end_level_uses_only_the_levels_up_to_it():
    torch.manual_seed(0)
    fpn = FPN([4, 8, 16, 32], 6, num_outs=2, start_level=1, end_level=2)
    assert len(fpn.lateral_convs) == 2 and fpn.lateral_convs[0].in_channels == 8
    feats = _feats()
    outs = fpn(feats)
    assert [o.shape[-1] for o in outs] == [16, 8]
    # the last input plays no part: changing it leaves the outputs unchanged
    moved = feats[:3] + (torch.randn_like(feats[3]),)
    assert all(torch.equal(a, b) for a, b in zip(outs, fpn(moved)))


def test_end_level_last_is_the_default():
    torch.manual_seed(0)
    a = FPN([4, 8, 16, 32], 6, num_outs=5, end_level=3)
    torch.manual_seed(0)
    b = FPN([4, 8, 16, 32], 6, num_outs=5)
    feats = _feats()
    assert all(torch.equal(x, y) for x, y in zip(a(feats), b(feats)))


@pytest.mark.parametrize(
    'kwargs, match',
    [
        (dict(num_outs=5, end_level=2), 'num_outs must be 3'),
        (dict(num_outs=2, end_level=5), 'end_level=5 must be -1'),
    ],
)
def test_bad_end_level_is_one_line(kwargs, match):
    with pytest.raises(ValueError, match=match):
        FPN([4, 8, 16, 32], 6, **kwargs)
