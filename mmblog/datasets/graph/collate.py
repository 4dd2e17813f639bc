"""Collate graph samples into one PyG batch."""

from collections.abc import Sequence

from torch_geometric.data import Batch
from torch_geometric.data.data import BaseData

from mmblog.registry import FUNCTIONS


@FUNCTIONS.register_module()
def graph_collate(samples: Sequence[dict]) -> dict:
    """``[{'inputs': Data, 'data_samples': GraphDataSample}, ...]`` -> ``{'inputs': Batch | Data,
    'data_samples': [GraphDataSample, ...]}``.

    A single graph is passed through as it is: full-graph training collates the same graph every
    step, and ``Batch.from_data_list`` would copy all its features each time. Several graphs
    become a ``Batch`` (node attributes concatenated, ``batch`` vector added).
    """
    graphs = [s['inputs'] for s in samples]
    if not all(isinstance(g, BaseData) for g in graphs):
        raise TypeError(f'graph_collate expects PyG Data inputs, got {type(graphs[0]).__name__}')
    inputs = graphs[0] if len(graphs) == 1 else Batch.from_data_list(graphs)
    return dict(inputs=inputs, data_samples=[s.get('data_samples') for s in samples])
