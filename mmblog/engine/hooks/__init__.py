from .visualization_hook import VisualizationHook

__all__ = ['VisualizationHook']

from .multi_metric_early_stopping_hook import MultiMetricEarlyStoppingHook  # noqa: E402

__all__ += ['MultiMetricEarlyStoppingHook']

from .batch_memory_hook import BatchMemoryHook  # noqa: E402

__all__ += ['BatchMemoryHook']

from .predictive_band_hook import PredictiveBandHook  # noqa: E402

__all__ += ['PredictiveBandHook']

from .dataset_epoch_hook import DatasetEpochHook  # noqa: E402

__all__ += ['DatasetEpochHook']
