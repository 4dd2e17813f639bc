from .fom_head import FOMHead
from .frame_embeddings import FrameEmbeddings
from .hero import HERO
from .hero_encoder import HEROEncoder
from .mfm_head import MFMHead
from .qa_head import QAHead
from .vsm_head import VSMHead

__all__ = ['FOMHead', 'FrameEmbeddings', 'HERO', 'HEROEncoder', 'MFMHead', 'QAHead', 'VSMHead']
