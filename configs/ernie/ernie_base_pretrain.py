# ERNIE (THU) base pre-training as the paper: N = 6 BERT-base layers, M = 6 aggregators, 100-d
# frozen TransE kg_embed, MLM + NSP + dEA, lr 5e-5, batch 512, Wikipedia pairs in fairseq's
# indexed dataset (data/ernie_pretrain/{train,val}.{bin,idx}; rows token/segment/entity/label).
_base_ = ['./ernie_pretrain_demo.py']

num_entities = 5040986  # set to the number of lines of your kg_embed/entity2id.txt
marks = ['[ENT]', '[HD]', '[TL]']
vocab = 'data/bert_base_uncased/vocab.txt'
tokenizer = dict(type='WordPieceTokenizer', vocab_file=vocab, extra_special_tokens=marks)
mask = dict(type='MaskTokens', tokenizer=tokenizer, mask_prob=0.15)
dea = dict(type='DenoiseEntities', num_entities=num_entities)
train_pipeline = [dict(mask, unit='token'), dea, {{_base_.pack}}]
val_pipeline = [mask, dict(dea, replace_prob=0.0, mask_prob=1.0), {{_base_.pack}}]
special = (0, 100, 101, 102, 103, 30522, 30523, 30524)  # [PAD] [UNK] [CLS] [SEP] [MASK] marks
dataset = dict(
    data_root='data/ernie_pretrain', num_entities=num_entities, special_token_ids=special
)
bert = dict(vocab_size=30525, hidden_size=768, num_hidden_layers=6, num_attention_heads=12)
bert_ffn = dict(intermediate_size=3072, max_position_embeddings=512)
model = dict(
    encoder=dict(
        bert=dict(bert, **bert_ffn, hf_checkpoint='data/bert_base_uncased'),
        num_aggregators=6,
        kg_embed_dir='data/kg_embed',
    )
)
train = dict(dataset, prefix='train', pipeline=train_pipeline)
train_dataloader = dict(batch_size=512, dataset=train)
val_dataloader = dict(dataset=dict(dataset, prefix='val', pipeline=val_pipeline))
test_dataloader = val_dataloader
optim_wrapper = dict(optimizer=dict(lr=5e-5))
