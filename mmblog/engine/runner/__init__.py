from .ernie2_continual_loop import Ernie2ContinualLoop, allocate_iterations

__all__ = ['Ernie2ContinualLoop', 'allocate_iterations']
