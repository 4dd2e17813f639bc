"""Frame order modelling head: classify each reordered frame's original position."""

from torch import nn

from mmblog.registry import MODELS


@MODELS.register_module()
class FOMHead(nn.Module):
    """Linear -> GELU -> LayerNorm -> Linear(max_frames): N_v-way position logits."""

    def __init__(self, embed_dims: int, max_frames: int = 100) -> None:
        super().__init__()
        self.net = nn.Sequential(
            nn.Linear(embed_dims, embed_dims),
            nn.GELU(),
            nn.LayerNorm(embed_dims, eps=1e-12),
            nn.Linear(embed_dims, max_frames),
        )

    def forward(self, hidden):
        return self.net(hidden)
