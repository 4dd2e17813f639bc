"""Draw detection / instance segmentation ground truth and predictions on an image."""

import cv2
import numpy as np
import torch
from mmengine.dist import master_only
from mmengine.structures import InstanceData
from mmengine.visualization import Visualizer

from mmblog.registry import VISUALIZERS

from .output import emit_drawn


def _np(x) -> np.ndarray:
    return x.detach().cpu().numpy() if isinstance(x, torch.Tensor) else np.asarray(x)


def _contrast_colour(colour, region_mean: np.ndarray, min_distance: float = 120.0) -> tuple:
    """``colour``, or its complement when it is too close to what it covers (red on a red
    balloon), so a filled mask never vanishes into a same-coloured object."""
    c = np.asarray(colour, dtype=float)
    if np.linalg.norm(c - region_mean) >= min_distance:
        return tuple(int(v) for v in c)
    return tuple(int(v) for v in 255 - c)


def _outline_colour(fill) -> tuple:
    """Black around light fills, white around dark ones (ITU-R BT.601 luma)."""
    luma = 0.299 * fill[0] + 0.587 * fill[1] + 0.114 * fill[2]
    return (0, 0, 0) if luma > 140 else (255, 255, 255)


def place_labels(boxes: np.ndarray, sizes: list, width: int, height: int, inset: float) -> list:
    """Top-left corners for label rectangles ``sizes[i] = (w, h)`` that do not overlap.

    Each label tries, in order: inside its box's top-left corner, just above the box, inside the
    bottom-left corner, just below the box (all kept inside the image); if every spot is taken
    by an earlier label it slides down from the first spot until it is free. Earlier boxes
    (callers pass them by descending score) get the first choice.

    Returns:
        ``[(x, y), ...]`` in the order of ``boxes``.
    """
    placed: list = []

    def clamp(x, y, w, h):
        return float(np.clip(x, 0, max(0, width - w))), float(np.clip(y, 0, max(0, height - h)))

    def free(x, y, w, h):
        return all(x + w <= px or px + pw <= x or y + h <= py or py + ph <= y
                   for px, py, pw, ph in placed)  # fmt: skip

    corners = []
    for (x1, y1, _, y2), (w, h) in zip(boxes, sizes):
        candidates = [
            (x1 + inset, y1 + inset),
            (x1, y1 - h),
            (x1 + inset, y2 - h - inset),
            (x1, y2),
        ]
        spot = None
        for x, y in candidates:
            x, y = clamp(x, y, w, h)
            if free(x, y, w, h):
                spot = (x, y)
                break
        if spot is None:
            x, y = clamp(*candidates[0], w, h)
            while y + h <= height and not free(x, y, w, h):
                y += h / 2
            spot = clamp(x, y, w, h)
        placed.append((*spot, w, h))
        corners.append(spot)
    return corners


TAG = dict(facecolor='black', alpha=0.7, pad=0.6, edgecolor='none')  # the label's dark box


def _fallback_palette(n: int) -> list:
    rng = np.random.default_rng(42)
    return [tuple(int(v) for v in rng.integers(40, 256, 3)) for _ in range(n)]


@VISUALIZERS.register_module()
class DetLocalVisualizer(Visualizer):
    """Boxes, masks, class names and scores of ``gt_instances`` / ``pred_instances``.

    With both ``draw_gt`` and ``draw_pred`` the ground truth (left) and the prediction (right)
    are drawn side by side, as in MMDetection.

    Args:
        bbox_color / text_color / mask_color: A colour for all instances; None uses the dataset
            palette (``dataset_meta['palette']``) per class.
        line_width: Box line width.
        alpha: Mask opacity.
    """

    def __init__(
        self,
        name: str = 'visualizer',
        image: np.ndarray | None = None,
        vis_backends=None,
        save_dir: str | None = None,
        bbox_color=None,
        text_color=(200, 200, 200),
        mask_color=None,
        line_width: float = 3,
        alpha: float = 0.8,
    ):
        super().__init__(name=name, image=image, vis_backends=vis_backends, save_dir=save_dir)
        self.bbox_color = bbox_color
        self.text_color = text_color
        self.mask_color = mask_color
        self.line_width = line_width
        self.alpha = alpha

    def _colours(self, labels: np.ndarray, fixed, classes) -> list:
        if fixed is not None:
            return [tuple(fixed)] * len(labels)
        palette = (self.dataset_meta or {}).get('palette') or _fallback_palette(
            max(len(classes or ()), int(labels.max()) + 1 if len(labels) else 1)
        )
        return [tuple(palette[int(lab) % len(palette)]) for lab in labels]

    def _draw_instances(self, image: np.ndarray, instances: InstanceData) -> np.ndarray:
        """Draw one InstanceData (boxes, labels, optional scores and masks) on ``image``."""
        self.set_image(image)
        classes = (self.dataset_meta or {}).get('classes')
        h, w = image.shape[:2]
        labels = _np(instances.labels).astype(int) if 'labels' in instances else None
        n = len(instances)
        if labels is None:
            labels = np.zeros(n, dtype=int)
        if 'masks' in instances and n:
            masks = _np(instances.masks).astype(np.uint8)
            if masks.shape[1:] != (h, w):
                # Ground truth may live at the transformed size; show it on this image.
                masks = np.stack(
                    [cv2.resize(m, (w, h), interpolation=cv2.INTER_NEAREST) for m in masks]
                )
            colours = self._colours(labels, self.mask_color, classes)
            fills = [
                _contrast_colour(c, image[m.astype(bool)].mean(0) if m.any() else np.zeros(3))
                for c, m in zip(colours, masks)
            ]
            self.draw_binary_masks(masks.astype(bool), colors=fills, alphas=self.alpha)
            for mask, fill in zip(masks, fills):
                contours, _ = cv2.findContours(mask, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
                polygons = [c.reshape(-1, 2) for c in contours if len(c) >= 3]
                if polygons:
                    self.draw_polygons(
                        polygons,
                        edge_colors=_outline_colour(fill),
                        line_widths=max(1.0, self.line_width / 2),
                    )
        if 'bboxes' in instances and n:
            boxes = _np(instances.bboxes).reshape(-1, 4)
            colours = self._colours(labels, self.bbox_color, classes)
            self.draw_bboxes(boxes, edge_colors=colours, alpha=0.8, line_widths=self.line_width)
            scores = _np(instances.scores) if 'scores' in instances else None
            self._draw_labels(boxes, labels, scores, classes, w, h)
        return self.get_image()

    def _tag_size(self, text: str, font: int) -> tuple:
        """``(width, height, dx, dy)`` in pixels of a text tag as ``draw_texts`` renders it
        (measured on the figure); ``(dx, dy)`` is the text anchor inside the tag."""
        artist = self.ax_save.text(
            0, 0, text, size=font, family='sans-serif', va='top', ha='left', bbox=TAG
        )
        renderer = self.fig_save.canvas.get_renderer()
        artist.update_bbox_position_size(renderer)
        patch = artist.get_bbox_patch().get_window_extent(renderer)
        inner = artist.get_window_extent(renderer)
        artist.remove()
        return patch.width, patch.height, inner.x0 - patch.x0, patch.y1 - inner.y1

    def _draw_labels(self, boxes, labels, scores, classes, width: int, height: int) -> None:
        """Class names (and scores) on dark tags placed so no tag hides another."""
        areas = (boxes[:, 3] - boxes[:, 1]) * (boxes[:, 2] - boxes[:, 0])
        texts, fonts, sizes = [], [], []
        for i, label in enumerate(labels):
            text = (
                classes[label] if classes is not None and label < len(classes) else f'class {label}'
            )
            if scores is not None:
                text += f': {float(scores[i]):.2f}'
            font = int(np.clip(7 + np.sqrt(max(areas[i], 1)) / 12, 7, 14))
            texts.append(text)
            fonts.append(font)
            sizes.append(self._tag_size(text, font))
        order = np.argsort(-scores) if scores is not None else np.arange(len(labels))
        corners = place_labels(
            boxes[order], [sizes[i][:2] for i in order], width, height, self.line_width
        )
        self.label_rects = []  # (x, y, w, h) of the tags just drawn (tests, layout checks)
        for i, (x, y) in zip(order, corners):
            tag_w, tag_h, dx, dy = sizes[i]
            self.draw_texts(
                texts[i],
                np.array([x + dx, y + dy]),
                colors=self.text_color,
                font_sizes=fonts[i],
                bboxes=[TAG],
            )
            self.label_rects.append((x, y, tag_w, tag_h))

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
        pred_score_thr: float = 0.3,
        step: int = 0,
    ) -> np.ndarray:
        """Draw ``data_sample`` on ``image`` (HxWx3 RGB); show it, write ``out_file`` or log it.

        Returns:
            The drawn RGB image.
        """

        image = np.ascontiguousarray(np.clip(image, 0, 255).astype(np.uint8))
        if image.ndim == 2:
            image = np.repeat(image[..., None], 3, axis=2)
        panels = []
        if draw_gt and data_sample is not None and 'gt_instances' in data_sample:
            panels.append(self._draw_instances(image, data_sample.gt_instances))
        if draw_pred and data_sample is not None and 'pred_instances' in data_sample:
            pred = data_sample.pred_instances
            if 'scores' in pred:
                pred = pred[_np(pred.scores) > pred_score_thr]
            panels.append(self._draw_instances(image, pred))
        drawn = np.concatenate(panels, axis=1) if panels else image
        self.set_image(drawn)
        return emit_drawn(self, name, drawn, show, wait_time, out_file, step)


def show_det_result(
    img,
    result,
    dataset_meta: dict | None = None,
    score_thr: float = 0.3,
    show: bool = False,
    wait_time: float = 0,
    out_file: str | None = None,
    win_name: str = 'result',
) -> np.ndarray:
    """Draw a ``DetDataSample``'s predictions on ``img`` (path or BGR array); return BGR.

    Shows it in a window when ``show`` and writes ``out_file`` when given. A fresh visualizer
    is made per call (not a global instance), so nothing outlives the call.
    """
    import mmcv

    image = mmcv.imread(img)
    if image is None:
        raise FileNotFoundError(f'could not read image {img!r}')
    vis = DetLocalVisualizer(name=win_name)
    vis.dataset_meta = dataset_meta
    drawn = vis.add_datasample(
        win_name,
        mmcv.bgr2rgb(image),
        data_sample=result,
        draw_gt=False,
        show=show,
        wait_time=wait_time,
        out_file=out_file,
        pred_score_thr=score_thr,
    )
    return np.ascontiguousarray(drawn[..., ::-1])
