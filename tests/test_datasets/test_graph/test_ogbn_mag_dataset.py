"""ogbn-mag raw csv layout: the generated demo reads back; bad files give one line."""

import gzip
import os.path as osp

import pytest
import torch

from mmblog.datasets.graph import OGBNMagDataset, read_ogbn_mag
from mmblog.testing.demo_data import make_ogbn_mag_demo
from mmblog.utils import DataFormatError


@pytest.fixture(scope='module')
def mag_root(tmp_path_factory):
    out = tmp_path_factory.mktemp('mag')
    make_ogbn_mag_demo(str(out), num_papers=120, num_authors=20, num_fields=5, num_institutions=3)
    return osp.join(out, 'ogbn_mag', 'mag')


def test_reads_the_generated_layout_with_time_split(mag_root):
    data, split = read_ogbn_mag(mag_root)
    assert data['paper'].num_nodes == 120 and data['paper'].x.shape == (120, 16)
    assert ('paper', 'rev_writes', 'author') in data.edge_types
    year = data['paper'].time
    assert (year[split['train']] < 2018).all() and (year[split['valid']] == 2018).all()
    assert (year[split['test']] == 2019).all()
    ds = OGBNMagDataset(mag_root, split='val')
    g = ds[0]['inputs']
    assert g['paper'].target_mask.sum() == split['valid'].numel()
    # Featureless types got features; plain types got times.
    for nt in ('author', 'field_of_study', 'institution'):
        assert g[nt].x.shape[1] == 16 and g[nt].time.dtype == torch.long


def _rewrite(path, text):
    with gzip.open(path, 'wt') as f:
        f.write(text)


def test_edge_out_of_range_and_bad_number_are_one_line(mag_root, tmp_path):
    import shutil

    root = str(tmp_path / 'mag')
    shutil.copytree(mag_root, root)
    edge = osp.join(root, 'raw', 'relations', 'author___writes___paper', 'edge.csv.gz')
    _rewrite(edge, '0,1\n999,2\n')
    with pytest.raises(DataFormatError, match=r'edge.csv.gz:2: field src: author id 999'):
        read_ogbn_mag(root)
    _rewrite(edge, '0,1\n0,x\n')
    with pytest.raises(DataFormatError, match=r"edge.csv.gz:2: field src,dst: 'x' is not a int"):
        read_ogbn_mag(root)
