"""Default ``init_cfg`` of the convolutional backbones."""


def kaiming_conv_init_cfg(bn_layer: str = 'BatchNorm2d') -> list[dict]:
    """He (fan-out, ReLU) init for convolutions and unit-scale, zero-shift norm layers."""
    return [
        dict(type='Kaiming', layer='Conv2d', mode='fan_out', nonlinearity='relu'),
        dict(type='Constant', layer=bn_layer, val=1, bias=0),
    ]
