# BERT-base (Devlin et al. 2019): 12 layers, 768 hidden, 12 heads, 3072 feed-forward, GELU,
# post-LN, 512 positions, 2 segments, WordPiece vocabulary of 30522, masked-LM head tied to the
# word embedding.
model = dict(
    type='MaskedLanguageModel',
    data_preprocessor=dict(type='TextDataPreprocessor', pad_token_id=0),
    encoder=dict(
        type='BertEncoder',
        vocab_size=30522,
        hidden_size=768,
        num_hidden_layers=12,
        num_attention_heads=12,
        intermediate_size=3072,
        hidden_act='gelu',
        hidden_dropout_prob=0.1,
        attention_probs_dropout_prob=0.1,
        max_position_embeddings=512,
        type_vocab_size=2,
        add_pooling_layer=False,
    ),
    tie_weights=True,
)
