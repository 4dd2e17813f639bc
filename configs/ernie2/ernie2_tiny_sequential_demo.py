# The same budget as ernie2_tiny_continual_demo.py, each stage trains only its own tasks
# (sequential continual learning: earlier tasks are no longer trained).
_base_ = ['./ernie2_tiny_continual_demo.py']
train_cfg = dict(schedule='sequential')
