# ERNIE-ViL image-text matching for retrieval (the matching head on pool(CLS) x pool(IMG); one
# in two captions paired with another image) through tools/train.py, on ground-truth-box
# features; add load_from=CKPT to start from a pre-trained model. Val: ITM accuracy on held-out
# captions; R@1 / R@5 by tools/analysis_tools/ernie_vil_retrieval.py.
_base_ = ['./ernie_vil_sgp_scenes_demo.py']

model = dict(tasks=dict(_delete_=True, itm=1))
optim_wrapper = dict(optimizer=dict(lr=1e-3))
val_dataloader = dict(dataset=dict(mode='pretrain'))
test_dataloader = val_dataloader
val_evaluator = dict(type='TaskAccuracy', prefix='itm')
test_evaluator = val_evaluator
train_cfg = dict(max_iters=600, val_interval=600)
default_hooks = dict(checkpoint=dict(interval=600))
