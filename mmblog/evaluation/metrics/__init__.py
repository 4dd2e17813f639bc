from .accuracy import Accuracy, topk_accuracy
from .cnp_nll import CNPMetric
from .coco_metric import CocoMetric
from .confusion_matrix import ConfusionMatrix, plot_confusion_matrix
from .masked_token_accuracy import MaskedTokenAccuracy
from .prior_nll import PriorNLL
from .reconstruction import ReconstructionMetric
from .single_label import SingleLabelMetric, confusion_matrix, precision_recall_f1
from .zero_one_error import ZeroOneError

__all__ = [
    'Accuracy',
    'CNPMetric',
    'CocoMetric',
    'ConfusionMatrix',
    'MaskedTokenAccuracy',
    'PriorNLL',
    'ReconstructionMetric',
    'SingleLabelMetric',
    'ZeroOneError',
    'confusion_matrix',
    'plot_confusion_matrix',
    'precision_recall_f1',
    'topk_accuracy',
]

# Graph metrics.
from .cross_entropy import CrossEntropy  # noqa: E402
from .f1_score import F1Score, f1_scores  # noqa: E402

__all__ += ['CrossEntropy', 'F1Score', 'f1_scores']
from .rmse import RMSE  # noqa: E402

__all__ += ['RMSE']
