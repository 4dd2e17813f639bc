# ERNIE (THU) base for entity typing: N = 6 BERT layers (T-Encoder, from a local BERT-base
# checkpoint) + M = 6 aggregators (K-Encoder) over frozen 100-d TransE entities, 4 entity heads.
model = dict(
    type='ErnieEntityTyping',
    num_classes=9,
    dea_weight=0.0,
    encoder=dict(
        type='ErnieEncoder',
        bert=dict(
            vocab_size=30525,
            hidden_size=768,
            num_hidden_layers=6,
            num_attention_heads=12,
            intermediate_size=3072,
            hf_checkpoint=None,
        ),
        num_aggregators=6,
        kg_embed_dir='data/kg_embed',
        num_entity_heads=4,
        output_act='gelu',
        use_entities=True,
    ),
)
