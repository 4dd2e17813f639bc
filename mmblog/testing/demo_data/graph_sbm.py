"""Planted-partition (stochastic block model) graphs written in the real graph formats.

Nodes of class c link to each other with a higher probability than to other classes, and their
bag-of-words features draw a few words from a class "topic": a model that reads the graph beats
one that reads the features alone, as on the citation graphs.
"""

import os
import os.path as osp

import numpy as np
import scipy.sparse as sp

from mmblog.datasets.graph.graphsage_dataset import write_graphsage
from mmblog.datasets.graph.planetoid_dataset import write_planetoid


def sbm_graph(
    num_nodes: int,
    num_classes: int,
    avg_degree: float = 6.0,
    homophily: float = 0.85,
    num_words: int = 300,
    words_per_node: int = 10,
    topic_words: int = 20,
    topic_prob: float = 0.2,
    seed: int = 0,
    labels: np.ndarray | None = None,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Binary features (N, num_words), labels (N,), undirected edge_index (2, E) without
    duplicates or self-loops. ``homophily`` is the expected fraction of same-class edges;
    ``topic_prob`` the chance that a word is drawn from the node's class topic (else uniform)."""
    rng = np.random.default_rng(seed)
    y = rng.integers(num_classes, size=num_nodes) if labels is None else np.asarray(labels)
    num_edges = int(num_nodes * avg_degree / 2)
    src = rng.integers(num_nodes, size=num_edges)
    same = rng.random(num_edges) < homophily
    by_class = [np.flatnonzero(y == c) for c in range(num_classes)]
    dst = rng.integers(num_nodes, size=num_edges)
    for c in range(num_classes):
        pick = same & (y[src] == c)
        dst[pick] = rng.choice(by_class[c], size=int(pick.sum()))
    keep = src != dst
    a = sp.coo_matrix((np.ones(keep.sum()), (src[keep], dst[keep])), shape=(num_nodes,) * 2)
    a = ((a + a.T) > 0).tocoo()
    edge_index = np.stack([a.row, a.col]).astype(np.int64)
    topic_words = min(topic_words, num_words)
    topics = np.stack(
        [rng.choice(num_words, topic_words, replace=False) for _ in range(num_classes)]
    )
    words = rng.integers(num_words, size=(num_nodes, words_per_node))
    from_topic = rng.random((num_nodes, words_per_node)) < topic_prob
    topic_pick = topics[y[:, None], rng.integers(topic_words, size=(num_nodes, words_per_node))]
    words = np.where(from_topic, topic_pick, words)
    x = np.zeros((num_nodes, num_words), dtype=np.float32)
    np.put_along_axis(x, words, 1.0, axis=1)
    return x, y.astype(np.int64), edge_index


def make_planetoid_demo(
    out_dir: str,
    seed: int = 0,
    name: str = 'sbm',
    num_nodes: int = 1500,
    num_classes: int = 4,
    num_test: int = 500,
) -> str:
    """``{out_dir}/planetoid/ind.{name}.*``: 20 train nodes per class first, the 500 validation
    nodes next (the format fixes both), the last ``num_test`` nodes as test."""
    num_train = 20 * num_classes
    if num_nodes < num_train + 500 + num_test:
        raise ValueError(
            f'Planetoid needs N >= 20*C + 500 + |test| = {num_train + 500 + num_test}, '
            f'got {num_nodes}'
        )
    rng = np.random.default_rng(seed)
    labels = np.concatenate(
        [
            np.repeat(np.arange(num_classes), 20),
            rng.integers(num_classes, size=num_nodes - num_train),
        ]
    )
    x, y, edge_index = sbm_graph(num_nodes, num_classes, seed=seed, labels=labels)
    root = osp.join(out_dir, 'planetoid')
    os.makedirs(root, exist_ok=True)
    test_index = np.arange(num_nodes - num_test, num_nodes)
    write_planetoid(root, name, x, y, edge_index, num_train, test_index)
    return f'{num_nodes} nodes, {edge_index.shape[1]} directed edges, {num_classes} classes'


GRAPH_DEMO_GENERATORS = {'planetoid': make_planetoid_demo}


def make_graphsage_demo(
    out_dir: str, seed: int = 0, prefix: str = 'sbm', num_nodes: int = 3000, num_classes: int = 8
) -> str:
    """``{out_dir}/graphsage/{prefix}-*``: a planted-partition graph in the GraphSAGE layout,
    multi-label like PPI: each node's labels are its block's two "functions", each kept with
    probability 0.9 (10% of the labels flipped off), so neighbours share labels. 70% train,
    15% val, 15% test nodes."""
    rng = np.random.default_rng(seed)
    x, block, edge_index = sbm_graph(
        num_nodes,
        num_classes,
        avg_degree=10,
        homophily=0.9,
        num_words=100,
        words_per_node=8,
        topic_prob=0.15,
        seed=seed,
    )
    functions = np.stack([np.arange(num_classes), (np.arange(num_classes) + 1) % num_classes], 1)
    y = np.zeros((num_nodes, num_classes), dtype=np.int64)
    y[np.arange(num_nodes)[:, None], functions[block]] = 1
    y &= (rng.random(y.shape) < 0.9).astype(np.int64)
    split = rng.random(num_nodes)
    root = osp.join(out_dir, 'graphsage')
    os.makedirs(root, exist_ok=True)
    write_graphsage(root, prefix, x, y, edge_index, (split >= 0.7) & (split < 0.85), split >= 0.85)
    return f'{num_nodes} nodes, {edge_index.shape[1]} directed edges, {num_classes} labels'


GRAPH_DEMO_GENERATORS['graphsage'] = make_graphsage_demo
