# Ablation: dEA on. The pipeline corrupts alignments (5% replace / 15% unalign / 80% keep) and
# the model also predicts each aligned entity among the batch's entities.
_base_ = ['./ernie_typing_demo.py']

model = dict(dea_weight=1.0)
train_dataloader = dict(dataset=dict(pipeline={{_base_.dea_pipeline}}))
