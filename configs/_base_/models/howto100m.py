# HowTo100M joint embedding (reference defaults): 2048 + 2048-d clip vectors, d = 2048, word2vec
# through Linear + ReLU + max, bidirectional max-margin ranking loss with delta 0.1 and half of
# the negatives' weight on clips of the same video.
model = dict(
    type='HowTo100MEmbedding',
    video_dim=4096,
    embed_dim=2048,
    text_encoder=dict(type='SentenceMaxPool', we_dim=300, kernel_size=1),
    loss=dict(type='MaxMarginRankingLoss', margin=0.1, hard_negative_rate=0.5),
)
