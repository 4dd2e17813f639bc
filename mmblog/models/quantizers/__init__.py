from .vector_quantizer import VectorQuantizer, VectorQuantizerEMA, code_perplexity, nearest_codes

__all__ = ['VectorQuantizer', 'VectorQuantizerEMA', 'code_perplexity', 'nearest_codes']
