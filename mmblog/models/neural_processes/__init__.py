from .base import BaseNeuralProcess
from .cnp import CNP

__all__ = ['BaseNeuralProcess', 'CNP']
