"""Data sample of one detection example (the MMDetection 3.x interface).

Fields:
    gt_instances (InstanceData): ``bboxes`` float (N, 4) xyxy in the coordinates of the
        transformed (resized, flipped) input image, ``labels`` long (N,), optional ``masks``
        uint8/bool tensor (N, H, W) at the transformed image size (``img_shape``).
    ignored_instances (InstanceData): crowd / ignored boxes, same fields.
    pred_instances (InstanceData): ``bboxes`` float (M, 4) xyxy rescaled to the ORIGINAL image,
        ``scores`` (M,), ``labels`` (M,), optional ``masks`` bool (M, ori_h, ori_w).
Metainfo: ``img_id``, ``img_path``, ``ori_shape`` (h, w), ``img_shape`` (h, w), ``pad_shape``,
``scale_factor`` (w_scale, h_scale), ``flip``, ``flip_direction``.
"""

from mmengine.structures import BaseDataElement, InstanceData


class DetDataSample(BaseDataElement):
    """Ground truth and predictions of one image for detection / instance segmentation."""

    @property
    def gt_instances(self) -> InstanceData:
        return self._gt_instances

    @gt_instances.setter
    def gt_instances(self, value: InstanceData) -> None:
        self.set_field(value, '_gt_instances', dtype=InstanceData)

    @gt_instances.deleter
    def gt_instances(self) -> None:
        del self._gt_instances

    @property
    def ignored_instances(self) -> InstanceData:
        return self._ignored_instances

    @ignored_instances.setter
    def ignored_instances(self, value: InstanceData) -> None:
        self.set_field(value, '_ignored_instances', dtype=InstanceData)

    @ignored_instances.deleter
    def ignored_instances(self) -> None:
        del self._ignored_instances

    @property
    def pred_instances(self) -> InstanceData:
        return self._pred_instances

    @pred_instances.setter
    def pred_instances(self, value: InstanceData) -> None:
        self.set_field(value, '_pred_instances', dtype=InstanceData)

    @pred_instances.deleter
    def pred_instances(self) -> None:
        del self._pred_instances
