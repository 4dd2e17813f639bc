# ogbn-mag from its raw csv layout (the `mag` folder of the OGB download): paper venue
# classification (349 venues) with the time split (train < 2018, valid 2018, test 2019).
dataset_type = 'OGBNMagDataset'
data_root = 'data/ogbn_mag/mag'
graph = dict(type=dataset_type, data_root=data_root)
loader = dict(
    batch_size=1,
    num_workers=0,
    sampler=dict(type='DefaultSampler', shuffle=False),
    collate_fn=dict(type='mmblog.graph_collate'),
)
train_dataloader = dict(**loader, dataset=dict(**graph, split='train'))
val_dataloader = dict(**loader, dataset=dict(**graph, split='val'))
test_dataloader = dict(**loader, dataset=dict(**graph, split='test'))
val_evaluator = [dict(type='Accuracy'), dict(type='CrossEntropy')]
test_evaluator = [dict(type='Accuracy'), dict(type='F1Score')]
