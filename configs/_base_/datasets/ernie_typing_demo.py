# The generated typing corpus (python tools/misc/make_demo_data.py --only ernie_typing) and the
# kg_embed exported from TransE trained on its graph (see configs/ernie/README.md).
_base_ = ['./open_entity.py']

data_root = 'data/demo/ernie_typing'
kg_embed_dir = data_root + '/kg_embed'
classes = ['person', 'organization', 'location', 'north', 'south']
tokenizer = dict(
    type='WordPieceTokenizer',
    vocab_file=data_root + '/vocab.txt',
    extra_special_tokens=['[ENT]', '[HD]', '[TL]'],
)
pipeline = [
    dict(type='MarkEntityMention', threshold=0.3),
    dict(type='TokenizeText', tokenizer=tokenizer, max_length=48),
    dict(type='AlignEntities', entity2id_file=kg_embed_dir + '/entity2id.txt', tokenizer=tokenizer),
    dict(
        type='PackTextInputs',
        input_keys=(
            'input_ids',
            'token_type_ids',
            'attention_mask',
            'input_ents',
            'ent_mask',
            'mark_mask',
            'ent_labels',
        ),
    ),
]
dataset = dict(data_root=data_root, metainfo=dict(classes=classes), pipeline=pipeline)
train_dataloader = dict(batch_size=32, dataset=dataset)
val_dataloader = dict(dataset=dataset)
test_dataloader = dict(dataset=dataset)
# dEA's noise sits between the alignment and the packing.
dea_pipeline = pipeline[:3] + [dict(type='DenoiseEntities', num_entities=245), pipeline[3]]
