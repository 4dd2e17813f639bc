from .ernie_vil import ErnieVil
from .ernie_vil_encoder import ErnieVilEncoder
from .region_embeddings import RegionEmbeddings

__all__ = ['ErnieVil', 'ErnieVilEncoder', 'RegionEmbeddings']
