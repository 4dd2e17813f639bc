"""ClsInferencer: image classification inference on mmengine's ``BaseInferencer``."""

import numpy as np
from mmengine.config import Config
from mmengine.dataset import default_collate
from mmengine.infer import BaseInferencer

from .inference_cls import prepare_image
from .model import init_model


class ClsInferencer(BaseInferencer):
    """Classify images (paths, a folder, or arrays laid out as the dataset gives them).

    Examples:
        >>> inferencer = ClsInferencer('configs/resnet/resnet18_demo.py', 'epoch_4.pth')
        >>> inferencer('demo/cat.png', topk=3)['predictions'][0]['pred_class']
    """

    postprocess_kwargs = {'topk'}

    def _init_model(self, cfg, weights, device):
        cfg = cfg if isinstance(cfg, Config) else Config(cfg.to_dict())
        return init_model(cfg, weights, device=device)

    def _init_pipeline(self, cfg):
        return lambda image: prepare_image(self.model, image)[0]

    def _init_collate(self, cfg):
        return default_collate

    def _init_visualizer(self, cfg):
        return None

    def visualize(self, inputs: list, preds: list, **kwargs) -> None:
        return None  # demo/image_classification_demo.py draws the top-k bar chart

    def postprocess(self, preds: list, visualization=None, return_datasamples: bool = False,
                    topk: int = 5) -> dict:  # fmt: skip
        """``dict(predictions=[dict(pred_label, pred_score, pred_class, topk, scores)...])``."""
        if return_datasamples:
            return dict(predictions=preds, visualization=visualization)
        classes = (self.model.dataset_meta or {}).get('classes')
        out = []
        for pred in preds:
            scores = pred.pred_score.cpu().numpy()
            order = np.argsort(-scores)[: max(1, min(topk, len(scores)))]
            names = [str(classes[i]) if classes and i < len(classes) else str(i) for i in order]
            top = [(int(i), float(scores[i]), n) for i, n in zip(order, names)]
            out.append(
                dict(
                    pred_label=top[0][0],
                    pred_score=top[0][1],
                    pred_class=top[0][2],
                    topk=top,
                    scores=scores,
                )
            )
        return dict(predictions=out, visualization=visualization)
