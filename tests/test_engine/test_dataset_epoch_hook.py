from types import SimpleNamespace

from mmblog.engine.hooks import DatasetEpochHook


class _EpochDataset:
    def __init__(self):
        self.epochs = []

    def set_epoch(self, epoch):
        self.epochs.append(epoch)


def _runner(dataset, epoch):
    loop = SimpleNamespace(dataloader=SimpleNamespace(dataset=dataset))
    return SimpleNamespace(train_loop=loop, epoch=epoch)


def test_calls_set_epoch_with_the_runner_epoch_and_skips_datasets_without_it():
    hook, ds = DatasetEpochHook(), _EpochDataset()
    for epoch in (0, 1, 7):
        hook.before_train_epoch(_runner(ds, epoch))
    assert ds.epochs == [0, 1, 7]
    hook.before_train_epoch(_runner([1, 2, 3], 4))  # a plain dataset: nothing to call, no error
