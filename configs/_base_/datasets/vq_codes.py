# Code maps written by `tools/misc/extract_vq_codes.py VQ_CONFIG VQ_CKPT --out CODES_FILE`.
codes_file = 'data/codes.npz'
code_key = 'codes'
cond_key = None

train_dataloader = dict(
    batch_size=32,
    num_workers=0,
    sampler=dict(type='InfiniteSampler', shuffle=True),
    collate_fn=dict(type='default_collate'),
    dataset=dict(
        type='VQCodesDataset',
        codes_file=codes_file,
        split='train',
        code_key=code_key,
        cond_key=cond_key,
    ),
)
val_dataloader = dict(
    batch_size=64,
    num_workers=0,
    sampler=dict(type='DefaultSampler', shuffle=False),
    collate_fn=dict(type='default_collate'),
    dataset=dict(
        type='VQCodesDataset',
        codes_file=codes_file,
        split='val',
        code_key=code_key,
        cond_key=cond_key,
    ),
)
test_dataloader = val_dataloader
val_evaluator = dict(type='PriorNLL')
test_evaluator = val_evaluator
