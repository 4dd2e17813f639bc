"""DetInferencer: detection inference on mmengine's ``BaseInferencer``."""

import os
import os.path as osp

import numpy as np
from mmengine.config import Config
from mmengine.dataset import pseudo_collate
from mmengine.infer import BaseInferencer

from .inference import _test_pipeline
from .model import init_model


class DetInferencer(BaseInferencer):
    """Detect objects in images (paths, a folder, or HxWx3 BGR arrays).

    Args:
        model: Config path or Config of a detector.
        weights: Checkpoint (loaded with the safe loader of :func:`mmblog.apis.init_model`).
        device: ``'cpu'``, ``'cuda'``, ...

    Examples:
        >>> inferencer = DetInferencer('configs/faster_rcnn/faster_rcnn_r50_fpn_1x_coco_demo.py',
        ...                            'work_dirs/faster_demo/epoch_20.pth', device='cpu')
        >>> out = inferencer('demo/demo.jpg', out_dir='outputs', score_thr=0.3)
        >>> out['predictions'][0]['bboxes']  # xyxy in the original image
    """

    visualize_kwargs = {'out_dir', 'score_thr'}

    def _init_model(self, cfg, weights, device):
        cfg = cfg if isinstance(cfg, Config) else Config(cfg.to_dict())
        return init_model(cfg, weights, device=device)

    def _init_pipeline(self, cfg):
        from_file = _test_pipeline(self.model.cfg, from_array=False)
        from_array = _test_pipeline(self.model.cfg, from_array=True)

        def pipeline(item):
            if isinstance(item, np.ndarray):
                shape = item.shape[:2]
                return from_array(dict(img=item, img_id=0, img_path=None, img_shape=shape,
                                       ori_shape=shape))  # fmt: skip
            if not osp.isfile(item):
                raise FileNotFoundError(f'image not found: {item}')
            return from_file(dict(img_path=item, img_id=0))

        return pipeline

    def _init_collate(self, cfg):
        return pseudo_collate

    def _init_visualizer(self, cfg):
        return None  # drawing goes through mmblog.visualization.show_det_result

    def visualize(self, inputs: list, preds: list, out_dir: str | None = None,
                  score_thr: float = 0.3) -> list | None:  # fmt: skip
        """Draw each prediction; write ``out_dir/<name>.png`` when ``out_dir`` is given."""
        if out_dir is None:
            return None
        from mmblog.visualization import show_det_result

        os.makedirs(out_dir, exist_ok=True)
        drawn = []
        for i, (img, pred) in enumerate(zip(inputs, preds)):
            name = osp.splitext(osp.basename(img))[0] if isinstance(img, str) else f'{i:05d}'
            out_file = osp.join(out_dir, f'{name}.png')
            meta = self.model.dataset_meta
            drawn.append(show_det_result(img, pred, meta, score_thr=score_thr, out_file=out_file))
        return drawn

    def postprocess(self, preds: list, visualization: list | None = None,
                    return_datasamples: bool = False) -> dict:  # fmt: skip
        """``dict(predictions=[dict(bboxes, scores, labels[, masks])...], visualization)``."""
        if return_datasamples:
            return dict(predictions=preds, visualization=visualization)
        out = []
        for pred in preds:
            inst = pred.pred_instances
            item = dict(
                bboxes=inst.bboxes.cpu().numpy(),
                scores=inst.scores.cpu().numpy(),
                labels=inst.labels.cpu().numpy(),
            )
            if 'masks' in inst:
                item['masks'] = inst.masks.cpu().numpy()
            out.append(item)
        return dict(predictions=out, visualization=visualization)
