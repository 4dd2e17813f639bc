"""The whole graph family runs with pyg-lib, torch-sparse and torch-scatter made unimportable."""

import subprocess
import sys
from pathlib import Path

SCRIPT = r"""
import sys
# A None entry makes `import name` raise ImportError and find_spec(name) return None.
for name in ('pyg_lib', 'torch_sparse', 'torch_scatter', 'torch_cluster'):
    sys.modules[name] = None
import torch
import torch_geometric.typing as t
assert not (t.WITH_PYG_LIB or t.WITH_TORCH_SPARSE or t.WITH_TORCH_SCATTER)
from torch_geometric.data import Data
from torch_geometric.loader import ClusterLoader
from mmblog.datasets.graph import MetisClusterData
from mmblog.models.graph import APPNP, PPNP, ClusterGCN, GCN, GraphFourierTransform
from mmblog.testing.demo_data.graph_sbm import sbm_graph
x, y, ei = sbm_graph(200, 3, num_words=10)
g = Data(x=torch.from_numpy(x), y=torch.from_numpy(y), edge_index=torch.from_numpy(ei))
for m in (APPNP(10, 3), PPNP(10, 3), ClusterGCN(10, [8], 3), GCN(10, [8], 3)):
    m(g).sum().backward()
GraphFourierTransform(g.edge_index, 200)
assert sum(b.num_nodes for b in ClusterLoader(MetisClusterData(g, 4, log=False), batch_size=2)) == 200
print('ok')
"""


def test_family_runs_without_compiled_extensions():
    root = Path(__file__).resolve().parents[3]
    proc = subprocess.run(
        [sys.executable, '-c', SCRIPT],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=600,
        env={'PYTHONPATH': str(root), 'OMP_NUM_THREADS': '1', 'PATH': '/usr/bin:/bin'},
    )
    assert proc.returncode == 0 and proc.stdout.strip().endswith('ok'), proc.stderr[-2000:]
