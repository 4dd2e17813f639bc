# Training-data ablation: the first 25% of the demo's training videos, same schedule.
_base_ = ['./howto100m_embedding_demo.py']

train_dataloader = dict(dataset=dict(data_fraction=0.25))
