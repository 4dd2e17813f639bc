"""The graph family's demo scripts on tiny generated graphs: they run, draw their picture, and
stop bad input with one line (exit 2)."""

import importlib.util
import json
import re

import pytest
from PIL import Image

from mmblog.testing.demo_data.graph_sbm import make_graphsage_demo, make_planetoid_demo
from tests.conftest import REPO_ROOT, run_tool


def _demo(name: str):
    spec = importlib.util.spec_from_file_location(
        f'_demo_{name}', REPO_ROOT / 'demo' / f'{name}.py'
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_cluster_gcn_partition_demo_draws_metis_cutting_fewer_edges(tmp_path, capsys):
    make_graphsage_demo(str(tmp_path), num_nodes=400, num_classes=4)
    out = tmp_path / 'parts.png'
    root = str(tmp_path / 'graphsage')
    _demo('cluster_gcn_partition_demo').main(
        ['--root', root, '--parts', '6', '--nodes', '300', '--out', str(out)]
    )
    with Image.open(out) as im:
        assert im.size == (1200, 600)
        # Not a blank canvas: the scatter plots colour thousands of pixels.
        assert len(set(im.convert('RGB').getdata())) > 20
    cuts = dict(re.findall(r'^(\w+).*: ([\d.]+)% of edges', capsys.readouterr().out, re.M))
    assert float(cuts['METIS']) < 0.6 * float(cuts['random']), cuts


def test_cluster_gcn_partition_demo_missing_data_is_one_line(tmp_path):
    proc = run_tool('demo/cluster_gcn_partition_demo.py', '--root', tmp_path / 'none', check=False)
    assert proc.returncode == 2, proc.stderr
    assert proc.stderr.strip().count('\n') == 0, proc.stderr
    assert 'cluster_gcn_partition_demo.py: error:' in proc.stderr
    assert 'make_demo_data.py' in proc.stderr


@pytest.mark.slow
def test_appnp_demo_sweeps_k_and_draws_curve_and_tsne(tmp_path, capsys):
    make_planetoid_demo(str(tmp_path), num_nodes=800, num_classes=4, num_test=200)
    out = tmp_path / 'appnp.png'
    _demo('appnp_demo').main(
        [
            str(REPO_ROOT / 'configs/appnp/appnp_planetoid_sbm_demo.py'),
            '--data-root',
            str(tmp_path / 'planetoid'),
            '--values',
            '0',
            '10',
            '--max-epochs',
            '60',
            '--out',
            str(out),
            '--cfg-options',
            'model.backbone.K=10',
        ]  # fmt: skip
    )
    with Image.open(out) as im:
        assert im.size == (1200, 500)  # sweep curve + t-SNE panel
    lines = [json.loads(s) for s in capsys.readouterr().out.splitlines() if s.startswith('{')]
    acc = {line['K']: line['test_acc'][0] for line in lines}
    # Propagation over the planted-partition graph beats the same network without it.
    assert acc[10] > acc[0] + 5, acc


def test_appnp_demo_rejects_a_non_appnp_config_in_one_line():
    proc = run_tool('demo/appnp_demo.py', 'configs/gcn/gcn_planetoid_sbm_demo.py', check=False)
    assert proc.returncode == 2, proc.stderr
    assert proc.stderr.strip().count('\n') == 0, proc.stderr
    assert 'model.backbone.type must be APPNP' in proc.stderr
