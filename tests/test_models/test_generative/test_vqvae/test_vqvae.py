import pytest
import torch

from mmblog.registry import MODELS
from mmblog.utils import register_all_modules

register_all_modules()


@pytest.fixture(autouse=True)
def one_torch_thread():
    """One thread: on a shared 2-core machine, two threads per process thrash; restored after."""
    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(threads)


PRE = dict(type='ImgDataPreprocessor', mean=[127.5] * 3, std=[127.5] * 3)


def tiny_vqvae(quantizer='VectorQuantizer'):
    return MODELS.build(
        dict(
            type='VQVAE',
            data_preprocessor=PRE,
            encoder=dict(
                type='VQVAEEncoder',
                channels=32,
                res_channels=8,
                num_res_blocks=1,
                downsample=4,
                out_channels=8,
            ),
            decoder=dict(
                type='VQVAEDecoder',
                in_channels=8,
                channels=32,
                res_channels=8,
                num_res_blocks=1,
                upsample=4,
            ),
            quantizer=dict(type=quantizer, num_embeddings=16, embedding_dim=8),
        )
    )


@pytest.mark.parametrize('quantizer', ['VectorQuantizer', 'VectorQuantizerEMA'])
def test_vqvae_learns_to_reconstruct(quantizer):
    """A few Adam steps on structured images bring the MSE far below the data variance."""
    torch.manual_seed(0)
    yy, xx = torch.meshgrid(torch.linspace(0, 1, 16), torch.linspace(0, 1, 16), indexing='ij')
    imgs = []
    for i in range(16):
        t = torch.cos(torch.tensor(i * 0.4)) * xx + torch.sin(torch.tensor(i * 0.4)) * yy
        t = (t - t.min()) / (t.max() - t.min())
        imgs.append(torch.stack([t, 1 - t, (t * 3) % 1]) * 255)
    imgs = torch.stack(imgs)
    model = tiny_vqvae(quantizer)
    opt = torch.optim.Adam(model.parameters(), lr=2e-3)
    x = model.data_preprocessor(dict(inputs=list(imgs)), True)['inputs']
    for _ in range(150):
        losses = model(x, mode='loss')
        opt.zero_grad()
        (losses['loss_recon'] + losses['loss_vq']).backward()
        opt.step()
    model.eval()
    results = model(x, mode='predict')
    mse = torch.stack([(r['recon'] - r['orig']).pow(2).mean() for r in results]).mean()
    data_var = (imgs / 255).var()
    assert mse < 0.5 * data_var
    codes = torch.stack([r['codes']['codes'] for r in results])
    assert codes.unique().numel() > 1
