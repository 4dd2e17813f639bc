# The paper's training: Adam lr 0.01 (the L2 term is in the model's loss, so no weight decay),
# up to 10000 full-graph steps, early stopping with patience 100 on the stopping set's accuracy
# and loss (CrossEntropy adds the model's L2 term, as the reference), restoring the best
# (ranked) weights.
_base_ = ['./full_graph_adam.py']
train_cfg = dict(max_epochs=10000)
optim_wrapper = dict(optimizer=dict(weight_decay=0.0))
