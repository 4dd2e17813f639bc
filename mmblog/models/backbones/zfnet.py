"""ZFNet (Zeiler & Fergus 2013): AlexNet with smaller, denser first filters."""

from mmblog.registry import MODELS

from .alexnet import AlexNet


@MODELS.register_module()
class ZFNet(AlexNet):
    """ZFNet: AlexNet with a 7x7 stride-2 conv1 and a stride-2 conv2 (224x224 input).

    Feature maps: 110 -> 55 -> 26 -> 13 -> 13 -> 13 -> 6, as in the paper's figure 3.
    """

    arch_settings = {
        'paper': dict(
            channels=(96, 256, 384, 384, 256),
            convs=((7, 2, 1), (5, 2, 0), (3, 1, 1), (3, 1, 1), (3, 1, 1)),
            pool_padding=(1, 1, 0),
            norm_cfg=dict(type='LRN', size=5, alpha=1e-4, beta=0.75, k=2.0),
        ),
    }
