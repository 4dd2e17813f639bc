# Ablation: ERNIE pre-training without dEA (MLM + NSP only); the same data and noise.
_base_ = ['./ernie_pretrain_demo.py']
model = dict(dea_weight=0.0)
