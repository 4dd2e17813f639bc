# SR-GNN: hidden 100, 1 GGNN step, hybrid session vector, top-20 lists for P@20 / MRR@20.
# num_items is the converted dataset's item count (stats.json "items").
model = dict(type='SRGNN', num_items=43097, hidden_channels=100, step=1, hybrid=True, topk=20)
