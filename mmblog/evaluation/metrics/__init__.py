from .accuracy import Accuracy, topk_accuracy

__all__ = ['Accuracy', 'topk_accuracy']

from .single_label import (  # noqa: E402
    ConfusionMatrix,
    SingleLabelMetric,
    confusion_matrix,
    plot_confusion_matrix,
    precision_recall_f1,
)

__all__ += ['ConfusionMatrix', 'SingleLabelMetric', 'confusion_matrix', 'plot_confusion_matrix',
            'precision_recall_f1']
from .zero_one import ZeroOneError  # noqa: E402

__all__ += ['ZeroOneError']
