"""Fully convolutional mask head of Mask R-CNN: 4 convs, a deconv, per-class 28x28 logits."""

import torch
import torch.nn as nn
from mmengine.model import BaseModule
from torchvision.models.detection.roi_heads import paste_masks_in_image
from torchvision.ops import roi_align

from mmblog.registry import MODELS


@MODELS.register_module()
class FCNMaskHead(BaseModule):
    """``num_convs`` 3x3 conv+ReLU, 2x deconv+ReLU, 1x1 conv to ``num_classes`` mask logits.

    Args:
        num_convs, roi_feat_size, in_channels, conv_out_channels: Shape (4, 14, 256, 256).
        num_classes: Foreground classes (one mask channel each).
        class_agnostic: One mask channel for all classes.
        loss_mask: ``CrossEntropyLoss(use_mask=True)`` config.
    """

    def __init__(
        self,
        num_convs: int = 4,
        roi_feat_size: int = 14,
        in_channels: int = 256,
        conv_out_channels: int = 256,
        num_classes: int = 80,
        class_agnostic: bool = False,
        loss_mask: dict | None = None,
        init_cfg=None,
    ):
        super().__init__(
            init_cfg=init_cfg
            or dict(
                type='Kaiming',
                layer=['Conv2d', 'ConvTranspose2d'],
                mode='fan_out',
                nonlinearity='relu',
            )
        )
        self.num_classes = num_classes
        self.class_agnostic = class_agnostic
        self.roi_feat_size = roi_feat_size
        self.convs = nn.ModuleList(
            nn.Conv2d(in_channels if i == 0 else conv_out_channels, conv_out_channels, 3, padding=1)
            for i in range(num_convs)
        )
        last = conv_out_channels if num_convs else in_channels
        self.upsample = nn.ConvTranspose2d(last, conv_out_channels, 2, stride=2)
        self.conv_logits = nn.Conv2d(conv_out_channels, 1 if class_agnostic else num_classes, 1)
        self.loss_mask = MODELS.build(loss_mask or dict(type='CrossEntropyLoss', use_mask=True))

    @property
    def mask_size(self) -> int:
        return self.roi_feat_size * 2

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        for conv in self.convs:
            x = torch.relu(conv(x))
        return self.conv_logits(torch.relu(self.upsample(x)))

    def select(self, logits: torch.Tensor, labels: torch.Tensor) -> torch.Tensor:
        """The channel of each RoI's class: (K, M, M)."""
        idx = torch.arange(logits.shape[0], device=logits.device)
        return logits[idx, 0 if self.class_agnostic else labels]

    def targets(
        self, gt_masks: torch.Tensor, gt_idx: torch.Tensor, boxes: torch.Tensor
    ) -> torch.Tensor:
        """Binary (K, M, M) targets: each gt mask cropped to its RoI and resized."""
        if boxes.shape[0] == 0:
            return boxes.new_zeros((0, self.mask_size, self.mask_size))
        rois = torch.cat([gt_idx.to(boxes.dtype)[:, None], boxes], 1)
        crop = roi_align(gt_masks[:, None].to(boxes.dtype), rois, self.mask_size, 1.0, 0, True)
        return (crop[:, 0] >= 0.5).to(boxes.dtype)

    def loss(self, logits, labels, targets) -> dict:
        if logits.shape[0] == 0:
            return dict(loss_mask=logits.sum() * 0)
        return dict(loss_mask=self.loss_mask(self.select(logits, labels), targets))

    @staticmethod
    def paste(
        probs: torch.Tensor, boxes: torch.Tensor, ori_shape, thr: float = 0.5
    ) -> torch.Tensor:
        """Boolean (K, H, W) masks: (K, M, M) probabilities pasted at ``boxes`` (image coords)."""
        h, w = int(ori_shape[0]), int(ori_shape[1])
        if probs.shape[0] == 0:
            return torch.zeros((0, h, w), dtype=torch.bool, device=probs.device)
        return paste_masks_in_image(probs[:, None], boxes, (h, w), padding=1)[:, 0] > thr
