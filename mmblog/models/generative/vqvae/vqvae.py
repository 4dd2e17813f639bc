"""VQ-VAE (van den Oord et al., 2017)."""

import torch

from mmblog.registry import MODELS

from .base_vq_autoencoder import BaseVQAutoEncoder


@MODELS.register_module()
class VQVAE(BaseVQAutoEncoder):
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
