# Cluster-GCN network: diagonal-enhanced normalisation, first layer on the precomputed [A X, X].
model = dict(
    type='NodeClassifier',
    backbone=dict(
        type='ClusterGCN',
        in_channels=50,
        hidden_channels=[512, 512],
        out_channels=121,
        norm='diag',
        diag_lambda=1.0,
        dropout=0.2,
        precompute=True,
    ),
    # Loss weighted by |V_t| / N per batch (the post's L = sum_t |V_t|/N L_t).
    head=dict(type='NodeClsHead', multilabel=True, loss_scale_by_nodes=True),
)
