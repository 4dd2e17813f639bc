from .accuracy import Accuracy, topk_accuracy
from .cnp_nll import CNPMetric
from .coco_metric import CocoMetric
from .link_prediction_metric import LinkPredictionMetric, filtered_ranks
from .masked_token_accuracy import MaskedTokenAccuracy
from .multi_label_f1 import MultiLabelF1
from .prior_nll import PriorNLL
from .reconstruction import ReconstructionMetric
from .single_label import (
    ConfusionMatrix,
    SingleLabelMetric,
    confusion_matrix,
    plot_confusion_matrix,
    precision_recall_f1,
)
from .zero_one import ZeroOneError

__all__ = [
    'Accuracy',
    'CNPMetric',
    'CocoMetric',
    'LinkPredictionMetric',
    'MaskedTokenAccuracy',
    'ConfusionMatrix',
    'MultiLabelF1',
    'PriorNLL',
    'ReconstructionMetric',
    'SingleLabelMetric',
    'ZeroOneError',
    'confusion_matrix',
    'filtered_ranks',
    'plot_confusion_matrix',
    'precision_recall_f1',
    'topk_accuracy',
]

# Graph metrics.
from .cross_entropy import CrossEntropy  # noqa: E402
from .f1_score import F1Score, f1_scores  # noqa: E402

__all__ += ['CrossEntropy', 'F1Score', 'f1_scores']
