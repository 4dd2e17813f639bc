"""VQ-VAE-2 (Razavi et al., 2019): a two-level hierarchy of code maps."""

import copy

import torch
from torch import nn

from mmblog.registry import MODELS

from .base_vq_autoencoder import BaseVQAutoEncoder


def _build_quantizer(template: dict, num_embeddings: int, embedding_dim: int) -> nn.Module:
    cfg = copy.deepcopy(template)
    cfg.update(num_embeddings=num_embeddings, embedding_dim=embedding_dim)
    return MODELS.build(cfg)


@MODELS.register_module()
class VQVAE2(BaseVQAutoEncoder):
    """Two-level VQ-VAE-2: bottom codes at 1/``bottom_downsample`` of the image, top codes a
    further 1/``top_downsample``; the bottom codes are computed knowing the decoded top codes and
    the decoder sees both levels (the layout of the paper's appendix A and of
    rosinality/vq-vae-2-pytorch).

    For 256x256 inputs the defaults give bottom 64x64 and top 32x32 code maps; for 32x32 images
    they give 8x8 and 4x4.

    Args:
        in_channels: Image channels.
        channels: Hidden channels of the encoders/decoders.
        res_channels: Channels inside residual units.
        num_res_blocks: Residual units per encoder/decoder.
        embedding_dim: D of both codebooks.
        num_embeddings: K of the top and bottom codebooks, ``(K_top, K_bottom)`` or one int.
        bottom_downsample / top_downsample: Reduction of the bottom level and, on top of it, of
            the top level.
        top_half_first_stage: The top encoder's strided conv outputs ``channels // 2`` and a 3x3
            conv widens it back (the reference implementation's shape, 204,864 fewer parameters
            at ``channels=128``); False keeps the older, wider top encoder.
        quantizer: Quantiser template (``type`` and e.g. ``beta``, ``decay``); K and D are
            filled in per level.
    """

    level_quantizers = {'top': 'quantize_t', 'bottom': 'quantize_b'}

    def __init__(
        self,
        in_channels: int = 3,
        channels: int = 128,
        res_channels: int = 64,
        num_res_blocks: int = 2,
        embedding_dim: int = 64,
        num_embeddings: int | tuple[int, int] = 512,
        bottom_downsample: int = 4,
        top_downsample: int = 2,
        top_half_first_stage: bool = False,
        quantizer: dict | None = None,
        data_preprocessor: dict | None = None,
        init_cfg: dict | None = None,
    ):
        super().__init__(data_preprocessor=data_preprocessor, init_cfg=init_cfg)
        quantizer = quantizer or dict(type='VectorQuantizerEMA', beta=0.25, decay=0.99)
        if isinstance(num_embeddings, int):
            num_embeddings = (num_embeddings, num_embeddings)
        k_top, k_bottom = num_embeddings
        d = embedding_dim
        res = dict(res_channels=res_channels, num_res_blocks=num_res_blocks)
        self.enc_b = MODELS.build(
            dict(
                type='VQVAEEncoder',
                in_channels=in_channels,
                channels=channels,
                downsample=bottom_downsample,
                **res,
            )
        )
        self.enc_t = MODELS.build(
            dict(
                type='VQVAEEncoder',
                in_channels=channels,
                channels=channels,
                downsample=top_downsample,
                half_first_stage=top_half_first_stage,
                **res,
            )
        )
        self.quantize_conv_t = nn.Conv2d(channels, d, 1)
        self.quantize_t = _build_quantizer(quantizer, k_top, d)
        self.dec_t = MODELS.build(
            dict(
                type='VQVAEDecoder',
                in_channels=d,
                out_channels=d,
                channels=channels,
                upsample=top_downsample,
                **res,
            )
        )
        self.quantize_conv_b = nn.Conv2d(d + channels, d, 1)
        self.quantize_b = _build_quantizer(quantizer, k_bottom, d)
        self.upsample_t = nn.ConvTranspose2d(
            d, d, 2 * top_downsample, stride=top_downsample, padding=top_downsample // 2
        )
        self.dec = MODELS.build(
            dict(
                type='VQVAEDecoder',
                in_channels=2 * d,
                out_channels=in_channels,
                channels=channels,
                upsample=bottom_downsample,
                **res,
            )
        )

    def quantize(self, inputs):
        feat_b = self.enc_b(inputs)
        feat_t = self.enc_t(feat_b)
        out_t = self.quantize_t(self.quantize_conv_t(feat_t))
        dec_t = self.dec_t(out_t['quantized'])
        out_b = self.quantize_b(self.quantize_conv_b(torch.cat([dec_t, feat_b], 1)))
        return {'top': out_t, 'bottom': out_b}, (out_t['quantized'], out_b['quantized'])

    def decode_quantized(self, quantized):
        quant_t, quant_b = quantized
        return self.dec(torch.cat([self.upsample_t(quant_t), quant_b], 1))

    @torch.no_grad()
    def decode_codes(self, codes):
        quant_t = self.quantize_t.embed_codes(codes['top'])
        quant_b = self.quantize_b.embed_codes(codes['bottom'])
        return self.decode_quantized((quant_t, quant_b))
