from .single_roi_extractor import SingleRoIExtractor

__all__ = ['SingleRoIExtractor']
