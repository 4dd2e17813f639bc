"""Tell the training dataset which epoch starts, for datasets that resample per epoch."""

from mmengine.hooks import Hook

from mmblog.registry import HOOKS


@HOOKS.register_module()
class DatasetEpochHook(Hook):
    """Calls ``set_epoch(epoch)`` on the training dataset before every epoch, where it has one.

    mmengine's loops tell the sampler the epoch, not the dataset; datasets that draw new random
    views each epoch (IGMC's per-epoch subgraph sampling) need it too. The call happens before
    the epoch's loader iterator starts, so worker processes receive the updated dataset.
    """

    priority = 'NORMAL'

    def before_train_epoch(self, runner) -> None:
        dataset = runner.train_loop.dataloader.dataset
        set_epoch = getattr(dataset, 'set_epoch', None)
        if callable(set_epoch):
            set_epoch(runner.epoch)
