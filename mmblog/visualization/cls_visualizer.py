"""Draw a classification prediction (and ground truth) on its image."""

import numpy as np
from mmengine.dist import master_only
from mmengine.visualization import Visualizer

from mmblog.registry import VISUALIZERS

from .output import emit_drawn


@VISUALIZERS.register_module()
class ClsVisualizer(Visualizer):
    """Writes the image, enlarged to at least ``min_size`` pixels, with a label line on top."""

    def __init__(self, name: str = 'visualizer', min_size: int = 112, **kwargs):
        super().__init__(name=name, **kwargs)
        self.min_size = min_size

    @master_only
    def add_datasample(
        self,
        name: str,
        image: np.ndarray,
        data_sample=None,
        draw_gt: bool = True,
        draw_pred: bool = True,
        show: bool = False,
        wait_time: float = 0,
        out_file: str | None = None,
        step: int = 0,
    ) -> np.ndarray:
        """Draw ``data_sample``'s labels on ``image`` (HxWx3 RGB) and show, save or log it."""
        import cv2

        if image.ndim == 2:
            image = np.repeat(image[..., None], 3, axis=2)
        elif image.shape[2] == 1:
            image = np.repeat(image, 3, axis=2)
        scale = max(1, int(np.ceil(self.min_size / max(image.shape[:2]))))
        if scale > 1:
            image = cv2.resize(image, None, fx=scale, fy=scale, interpolation=cv2.INTER_NEAREST)
        classes = (self.dataset_meta or {}).get('classes')
        parts = []
        if draw_gt and data_sample is not None and 'gt_label' in data_sample:
            label = int(data_sample.gt_label[0])
            parts.append(f'GT: {classes[label] if classes else label}')
        if draw_pred and data_sample is not None and 'pred_label' in data_sample:
            label = int(data_sample.pred_label[0])
            score = float(data_sample.pred_score[label])
            parts.append(f'Pred: {classes[label] if classes else label} ({score:.2f})')
        self.set_image(image)
        if parts:
            self.draw_texts(
                '\n'.join(parts),
                np.array([2, 2]),
                colors='yellow',
                font_sizes=max(8, image.shape[0] // 10),
                bboxes=dict(facecolor='black', alpha=0.6, pad=0.5, edgecolor='none'),
            )
        drawn = self.get_image()
        return emit_drawn(self, name, drawn, show, wait_time, out_file, step)
