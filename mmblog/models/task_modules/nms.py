"""Reading the NMS settings of a head's ``test_cfg`` / ``proposal_cfg``."""


def nms_iou(cfg: dict | None, default: float) -> float:
    """``cfg['nms']['iou_threshold']`` (MMDetection's layout), or ``default`` when unset."""
    nms = cfg.get('nms') if cfg else None
    return float(nms.get('iou_threshold', default)) if nms else default
