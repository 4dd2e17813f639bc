from .vector_quantizer import VectorQuantizer, code_perplexity, nearest_codes
from .vector_quantizer_ema import VectorQuantizerEMA

__all__ = ['VectorQuantizer', 'VectorQuantizerEMA', 'code_perplexity', 'nearest_codes']
