# Intra-video negatives ablation, ratio 0: batches of 64 clips from 64 distinct videos and the
# plain mean loss (the demo config is ratio 0.5: 16 videos x 4 clips, half the weight intra).
_base_ = ['./howto100m_embedding_demo.py']

model = dict(loss=dict(hard_negative_rate=None))
train_dataloader = dict(batch_sampler=dict(clips_per_video=1))
