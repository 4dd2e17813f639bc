import torch
from mmengine.config import Config

from mmblog.registry import MODELS
from mmblog.utils import register_all_modules

register_all_modules()
PRE = dict(type='ImgDataPreprocessor', mean=[127.5] * 3, std=[127.5] * 3)
# rosinality/vq-vae-2-pytorch @ ef5f67c, `VQVAE()` (channel 128, res channels 32, K=512, D=64):
# sum(p.numel() for p in model.parameters()), measured outside this repository.
REFERENCE_NUM_PARAMS = 1_388_867


def num_params(model) -> int:
    return sum(p.numel() for p in model.parameters())


def test_code_map_sizes_scale_with_the_image():
    model = MODELS.build(
        dict(
            type='VQVAE2',
            channels=16,
            res_channels=8,
            num_res_blocks=1,
            embedding_dim=8,
            num_embeddings=(8, 16),
            data_preprocessor=PRE,
        )
    )
    for size, bottom, top in ((32, 8, 4), (64, 16, 8)):
        codes = model.encode_codes(torch.randn(2, 3, size, size))
        assert codes['bottom'].shape == (2, bottom, bottom)
        assert codes['top'].shape == (2, top, top)
        assert model.decode_codes(codes).shape == (2, 3, size, size)
    assert model.levels == {'top': 8, 'bottom': 16}
    losses = model(torch.randn(2, 3, 32, 32), mode='loss')
    assert {'loss_recon', 'loss_vq_top', 'loss_vq_bottom'} <= set(losses)


def test_reference_shapes_have_the_reference_parameter_count():
    ref = MODELS.build(dict(type='VQVAE2', res_channels=32, top_half_first_stage=True))
    assert num_params(ref) == REFERENCE_NUM_PARAMS
    # The top encoder's strided conv halves the width, then the 3x3 conv widens it back.
    convs = [m for m in ref.enc_t.modules() if isinstance(m, torch.nn.Conv2d)]
    assert [(c.in_channels, c.out_channels) for c in convs[:2]] == [(128, 64), (64, 128)]
    wide = MODELS.build(dict(type='VQVAE2', res_channels=32))
    assert num_params(wide) - num_params(ref) == 204_864


def test_paper_config_uses_the_reference_top_encoder():
    cfg = Config.fromfile('configs/vqvae2/vqvae2_ffhq256.py')
    assert cfg.model.top_half_first_stage is True
