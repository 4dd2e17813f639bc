"""VQ-VAE (van den Oord et al., 2017) and VQ-VAE-2 (Razavi et al., 2019) autoencoders."""

import copy
from abc import abstractmethod

import torch
import torch.nn.functional as F
from mmengine.model import BaseModel
from torch import nn

from mmblog.registry import MODELS


class _VQAutoEncoderBase(BaseModel):
    """Shared loss/predict logic; subclasses define ``levels``, ``quantize`` and ``decode``."""

    #: level name -> quantizer attribute; the order is the order of the code maps in files.
    level_quantizers: dict[str, str] = {}

    @property
    def levels(self) -> dict[str, int]:
        """Level name -> number of codes K of that level."""
        return {k: getattr(self, q).num_embeddings for k, q in self.level_quantizers.items()}

    @abstractmethod
    def quantize(self, inputs: torch.Tensor) -> tuple[dict, object]:
        """inputs -> (level -> quantizer output dict, what ``decode_quantized`` takes)."""

    @abstractmethod
    def decode_quantized(self, quantized) -> torch.Tensor:
        """What ``quantize`` returned second -> reconstructed images."""

    @abstractmethod
    def decode_codes(self, codes: dict[str, torch.Tensor]) -> torch.Tensor:
        """Code maps (level -> (B, h, w) long) -> images in the preprocessor's normalised space."""

    @torch.no_grad()
    def encode_codes(self, inputs: torch.Tensor) -> dict[str, torch.Tensor]:
        """Normalised images -> code maps (level -> (B, h, w) long)."""
        outs, _ = self.quantize(inputs)
        return {k: v['indices'] for k, v in outs.items()}

    def to_unit_range(self, images: torch.Tensor) -> torch.Tensor:
        """Undo the preprocessor's normalisation and map to [0, 1] (pixel / 255)."""
        pre = self.data_preprocessor
        mean = getattr(pre, 'mean', None)
        std = getattr(pre, 'std', None)
        if mean is not None and getattr(pre, '_enable_normalize', True):
            images = images * std + mean
        return images / 255.0

    def forward(self, inputs: torch.Tensor, data_samples=None, mode: str = 'tensor'):
        outs, quantized = self.quantize(inputs)
        recon = self.decode_quantized(quantized)
        if mode == 'tensor':
            return recon
        if mode == 'loss':
            losses = dict(loss_recon=F.mse_loss(recon, inputs))
            for name, out in outs.items():
                suffix = '' if len(outs) == 1 else f'_{name}'
                losses[f'loss_vq{suffix}'] = out['loss']
                losses[f'perplexity{suffix}'] = out['perplexity'].detach()
            return losses
        if mode == 'predict':
            recon01 = self.to_unit_range(recon).clamp(0, 1)
            orig01 = self.to_unit_range(inputs)
            results = []
            for i in range(inputs.size(0)):
                results.append(
                    dict(
                        recon=recon01[i].detach().cpu(),
                        orig=orig01[i].detach().cpu(),
                        codes={k: v['indices'][i].cpu() for k, v in outs.items()},
                        num_codes=self.levels,
                    )
                )
            return results
        raise ValueError(f"mode must be 'loss', 'predict' or 'tensor', got {mode!r}")


@MODELS.register_module()
class VQVAE(_VQAutoEncoderBase):
    """encoder -> vector quantiser -> decoder, trained on MSE + codebook/commitment losses.

    Args:
        encoder: Config of the encoder; its output channels must equal the quantiser's D.
        decoder: Config of the decoder (input channels D).
        quantizer: ``VectorQuantizer`` or ``VectorQuantizerEMA`` config.
        data_preprocessor: Normalisation of the uint8 images (e.g. to [-1, 1]).
    """

    level_quantizers = {'codes': 'quantizer'}

    def __init__(
        self,
        encoder: dict,
        decoder: dict,
        quantizer: dict,
        data_preprocessor: dict | None = None,
        init_cfg: dict | None = None,
    ):
        super().__init__(data_preprocessor=data_preprocessor, init_cfg=init_cfg)
        self.encoder = MODELS.build(encoder)
        self.decoder = MODELS.build(decoder)
        self.quantizer = MODELS.build(quantizer)

    def quantize(self, inputs):
        out = self.quantizer(self.encoder(inputs))
        return {'codes': out}, out['quantized']

    def decode_quantized(self, quantized):
        return self.decoder(quantized)

    @torch.no_grad()
    def decode_codes(self, codes):
        return self.decoder(self.quantizer.embed_codes(codes['codes']))


def _build_quantizer(template: dict, num_embeddings: int, embedding_dim: int) -> nn.Module:
    cfg = copy.deepcopy(template)
    cfg.update(num_embeddings=num_embeddings, embedding_dim=embedding_dim)
    return MODELS.build(cfg)


@MODELS.register_module()
class VQVAE2(_VQAutoEncoderBase):
    """Two-level VQ-VAE-2: bottom codes at 1/``bottom_downsample`` of the image, top codes a
    further 1/``top_downsample``; the bottom codes are computed knowing the decoded top codes and
    the decoder sees both levels (the rosinality layout, as in the paper's appendix A.2).

    For 256x256 inputs the defaults give bottom 64x64 and top 32x32 code maps; for 32x32 images
    they give 8x8 and 4x4.

    Args:
        in_channels: Image channels.
        channels: Hidden channels of the encoders/decoders.
        res_channels: Channels inside residual units.
        num_res_blocks: Residual units per encoder/decoder.
        embedding_dim: D of both codebooks.
        num_embeddings: K of the top and bottom codebooks, ``(K_top, K_bottom)`` or one int.
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
