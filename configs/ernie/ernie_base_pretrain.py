# ERNIE (THU) base pre-training as the paper: T-Encoder N = 6 from BERT-base, K-Encoder M = 6,
# 100-d TransE entities (kg_embed, frozen), MLM + NSP + dEA, lr 5e-5, batch 512, over Wikipedia
# pairs in fairseq's indexed dataset (data/ernie_pretrain/{train,val}.{bin,idx}).
_base_ = ['./ernie_pretrain_demo.py']

data_root = 'data/ernie_pretrain'
num_entities = 5040986  # set to the number of lines of your kg_embed/entity2id.txt
tokenizer = dict(
    type='WordPieceTokenizer',
    vocab_file='data/bert_base_uncased/vocab.txt',
    extra_special_tokens=['[ENT]', '[HD]', '[TL]'],
)
pack = {{_base_.pack}}
special = (0, 100, 101, 102, 103, 30522, 30523, 30524)  # [PAD] [UNK] [CLS] [SEP] [MASK] marks
train_pipeline = [
    dict(type='MaskTokens', tokenizer=tokenizer, mask_prob=0.15, unit='token'),
    dict(type='DenoiseEntities', num_entities=num_entities),
    pack,
]
val_pipeline = [
    dict(type='MaskTokens', tokenizer=tokenizer, mask_prob=0.15, deterministic=True),
    dict(type='DenoiseEntities', num_entities=num_entities, replace_prob=0.0, mask_prob=1.0),
    pack,
]
model = dict(
    encoder=dict(
        bert=dict(
            vocab_size=30525,
            hidden_size=768,
            num_hidden_layers=6,
            num_attention_heads=12,
            intermediate_size=3072,
            max_position_embeddings=512,
            hf_checkpoint='data/bert_base_uncased',
        ),
        num_aggregators=6,
        kg_embed_dir='data/kg_embed',
    )
)
dataset = dict(num_entities=num_entities, special_token_ids=special)
train_dataloader = dict(
    batch_size=512, dataset=dict(dataset, prefix=data_root + '/train', pipeline=train_pipeline)
)
val_dataloader = dict(dataset=dict(dataset, prefix=data_root + '/val', pipeline=val_pipeline))
test_dataloader = val_dataloader
optim_wrapper = dict(optimizer=dict(lr=5e-5))
