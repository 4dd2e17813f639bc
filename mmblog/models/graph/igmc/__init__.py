from .igmc import IGMC, arr_penalty

__all__ = ['IGMC', 'arr_penalty']
