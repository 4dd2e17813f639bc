from .gated_session_gnn import GatedSessionGNN
from .session_graph import build_session_graphs
from .srgnn import SRGNN

__all__ = ['GatedSessionGNN', 'SRGNN', 'build_session_graphs']
