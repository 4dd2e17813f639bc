from .accuracy import Accuracy, topk_accuracy
from .cnp_nll import CNPMetric
from .coco_metric import CocoMetric
from .prior_nll import PriorNLL
from .reconstruction import ReconstructionMetric

__all__ = ['Accuracy', 'CocoMetric', 'topk_accuracy']
__all__ += ['CNPMetric', 'PriorNLL', 'ReconstructionMetric']
