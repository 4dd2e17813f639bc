from .accuracy import Accuracy, topk_accuracy
from .cnp_metric import CNPMetric
from .coco_metric import CocoMetric
from .confusion_matrix import ConfusionMatrix, plot_confusion_matrix
from .ernie2_task_accuracy import Ernie2TaskAccuracy
from .link_prediction_metric import LinkPredictionMetric, filtered_ranks
from .masked_token_accuracy import MaskedTokenAccuracy
from .moment_retrieval import MomentRetrievalMetric, moment_recall
from .multi_label_f1 import MultiLabelF1
from .prior_nll import PriorNLL
from .reconstruction import ReconstructionMetric
from .retrieval import RetrievalMetric, recall_at_k, retrieval_ranks
from .single_label import SingleLabelMetric, confusion_matrix, precision_recall_f1
from .task_accuracy import TaskAccuracy
from .zero_one_error import ZeroOneError

__all__ = [
    'Accuracy',
    'CNPMetric',
    'CocoMetric',
    'ConfusionMatrix',
    'MomentRetrievalMetric',
    'MaskedTokenAccuracy',
    'LinkPredictionMetric',
    'MultiLabelF1',
    'PriorNLL',
    'ReconstructionMetric',
    'RetrievalMetric',
    'SingleLabelMetric',
    'TaskAccuracy',
    'Ernie2TaskAccuracy',
    'ZeroOneError',
    'confusion_matrix',
    'moment_recall',
    'filtered_ranks',
    'plot_confusion_matrix',
    'precision_recall_f1',
    'recall_at_k',
    'retrieval_ranks',
    'topk_accuracy',
]

# Graph metrics.
from .cross_entropy import CrossEntropy  # noqa: E402
from .f1_score import F1Score, f1_scores  # noqa: E402

__all__ += ['CrossEntropy', 'F1Score', 'f1_scores']
from .rmse import RMSE  # noqa: E402

__all__ += ['RMSE']
from .ranking_metric import RankingMetric, hit_and_reciprocal_rank  # noqa: E402
from .session_baselines import evaluate_baselines, markov_rankings, popularity_ranking  # noqa: E402

__all__ += [
    'RankingMetric',
    'evaluate_baselines',
    'hit_and_reciprocal_rank',
    'markov_rankings',
    'popularity_ranking',
]
