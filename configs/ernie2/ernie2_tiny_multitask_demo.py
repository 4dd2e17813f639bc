# The same budget as ernie2_tiny_continual_demo.py, all seven tasks in one stage (multi-task).
_base_ = ['./ernie2_tiny_continual_demo.py']
train_cfg = dict(schedule='multitask')
