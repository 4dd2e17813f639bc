# ERNIE 2.0 base (Sun et al., 2020): BERT-base encoder (12 layers, 768 hidden, 12 heads) with a
# task embedding, and the seven English/Chinese pre-training tasks, each a registered head + loss.
# Task ids follow the input format (knowledge masking, capitalization and token-document
# relation share the plain segment input): 5 task types.
model = dict(
    type='Ernie2PretrainModel',
    data_preprocessor=dict(
        type='TextDataPreprocessor',
        pad_token_id=0,
        label_keys=('cap_labels', 'tdr_labels', 'km_span_ids'),
    ),
    encoder=dict(
        type='BertEncoder',
        vocab_size=30522,
        hidden_size=768,
        num_hidden_layers=12,
        num_attention_heads=12,
        intermediate_size=3072,
        max_position_embeddings=512,
        type_vocab_size=2,
        num_task_types=5,
        add_pooling_layer=True,
    ),
    tasks=dict(
        knowledge_masking=dict(type='KnowledgeMaskingTask', mask_token_id=3),
        capitalization=dict(type='CapitalizationTask'),
        token_document_relation=dict(type='TokenDocumentRelationTask'),
        sentence_reordering=dict(type='SentenceReorderingTask', max_segments=3),
        sentence_distance=dict(type='SentenceDistanceTask'),
        discourse_relation=dict(type='DiscourseRelationTask', num_classes=3),
        ir_relevance=dict(type='IRRelevanceTask'),
    ),
)
