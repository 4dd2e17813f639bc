"""HowTo100M joint text-video embedding (Miech et al., ICCV 2019)."""

import torch

from mmblog.registry import MODELS

from ..base import BaseMultimodalModel


@MODELS.register_module()
class HowTo100MEmbedding(BaseMultimodalModel):
    """Two gated embedding units, one per modality, compared by cosine similarity.

    Inputs: ``dict(video=(B, video_dim), text=(B, W, we_dim))``; data samples:
    ``dict(video_index=(B,))`` (which video each clip comes from, for the intra-video
    negative weighting of the loss).

    Args:
        video_dim: Size of the concatenated 2D + 3D clip vector (reference: 2048 + 2048).
        embed_dim: Joint space size d.
        text_encoder: Text branch config (``SentenceMaxPool``; ``out_dim`` defaults to d).
        loss: Ranking loss config (``MaxMarginRankingLoss``).
        gating: Context gating in both units.
    """

    def __init__(
        self,
        video_dim: int = 4096,
        embed_dim: int = 2048,
        text_encoder: dict | None = None,
        loss: dict | None = None,
        gating: bool = True,
        data_preprocessor: dict | None = None,
        init_cfg: dict | None = None,
    ) -> None:
        super().__init__(
            data_preprocessor=data_preprocessor or dict(type='BaseDataPreprocessor'),
            init_cfg=init_cfg,
        )
        text_cfg = dict(type='SentenceMaxPool', we_dim=300, out_dim=embed_dim)
        text_cfg.update(text_encoder or {})
        self.text_encoder = MODELS.build(text_cfg)
        self.text_gu = MODELS.build(
            dict(
                type='GatedEmbeddingUnit',
                in_dim=self.text_encoder.out_dim,
                out_dim=embed_dim,
                gating=gating,
            )
        )
        self.video_gu = MODELS.build(
            dict(type='GatedEmbeddingUnit', in_dim=video_dim, out_dim=embed_dim, gating=gating)
        )
        self.loss_module = MODELS.build(loss or dict(type='MaxMarginRankingLoss'))

    def embed_text(self, text: torch.Tensor) -> torch.Tensor:
        """(B, W, we_dim) word vectors -> (B, d) unit vectors."""
        return self.text_gu(self.text_encoder(text))

    def embed_video(self, video: torch.Tensor) -> torch.Tensor:
        """(B, video_dim) clip vectors -> (B, d) unit vectors."""
        return self.video_gu(video)

    def _forward(self, inputs: dict, data_samples: dict | None = None) -> torch.Tensor:
        """(B, B) cosine similarities, text i (rows) vs video j (columns)."""
        return self.embed_text(inputs['text']) @ self.embed_video(inputs['video']).t()

    def loss(self, inputs: dict, data_samples: dict | None = None) -> dict:
        sim = self._forward(inputs)
        video_index = None if data_samples is None else data_samples.get('video_index')
        return dict(loss_rank=self.loss_module(sim, video_index))

    def predict(self, inputs: dict, data_samples: dict | None = None) -> list[dict]:
        text = self.embed_text(inputs['text']).detach().cpu()
        video = self.embed_video(inputs['video']).detach().cpu()
        ids = None if data_samples is None else data_samples.get('clip_index')
        return [
            dict(
                text_embedding=text[i],
                video_embedding=video[i],
                clip_index=None if ids is None else int(ids[i]),
            )
            for i in range(text.size(0))
        ]
