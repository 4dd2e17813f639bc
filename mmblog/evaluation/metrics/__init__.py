from .accuracy import Accuracy, topk_accuracy
from .cnp_nll import CNPMetric
from .coco_metric import CocoMetric
from .confusion_matrix import ConfusionMatrix, plot_confusion_matrix
from .prior_nll import PriorNLL
from .reconstruction import ReconstructionMetric
from .single_label import SingleLabelMetric, confusion_matrix, precision_recall_f1
from .zero_one_error import ZeroOneError

__all__ = [
    'Accuracy',
    'CNPMetric',
    'CocoMetric',
    'ConfusionMatrix',
    'PriorNLL',
    'ReconstructionMetric',
    'SingleLabelMetric',
    'ZeroOneError',
    'confusion_matrix',
    'plot_confusion_matrix',
    'precision_recall_f1',
    'topk_accuracy',
]
