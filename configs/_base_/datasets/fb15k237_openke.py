# FB15k-237 in OpenKE's layout (thunlp/OpenKE benchmarks/FB15K237): 14541 entities, 237
# relations, 272115 / 17535 / 20466 triples. OpenKE's example trains 100 batches per epoch with
# 25 Bernoulli-corrupted entities per positive and filters true triples out of the negatives.
data_root = 'data/FB15K237'
dataset_type = 'OpenKEDataset'
train_dataloader = dict(
    batch_size=2722,
    num_workers=0,
    sampler=dict(type='DefaultSampler', shuffle=True),
    collate_fn=dict(type='mmblog.triple_collate'),
    dataset=dict(
        type=dataset_type,
        data_root=data_root,
        split='train',
        neg_ratio=25,
        corruption='bernoulli',
        filter_negatives=True,
    ),
)
val_dataloader = dict(
    batch_size=256,
    num_workers=0,
    sampler=dict(type='DefaultSampler', shuffle=False),
    collate_fn=dict(type='mmblog.triple_collate'),
    dataset=dict(type=dataset_type, data_root=data_root, split='valid'),
)
test_dataloader = dict(
    batch_size=256,
    num_workers=0,
    sampler=dict(type='DefaultSampler', shuffle=False),
    collate_fn=dict(type='mmblog.triple_collate'),
    dataset=dict(type=dataset_type, data_root=data_root, split='test'),
)
val_evaluator = dict(type='LinkPredictionMetric', topk=(1, 3, 10), filtered=True)
test_evaluator = val_evaluator
