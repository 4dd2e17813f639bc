# TransE with OpenKE's FB15k-237 settings: dim 200, L1, margin 5, normalised h/r/t.
model = dict(
    type='TransE',
    num_entities=14541,
    num_relations=237,
    embed_dim=200,
    p_norm=1,
    margin=5.0,
    normalize=True,
)
