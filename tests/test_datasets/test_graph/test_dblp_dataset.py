"""DBLP four-area raw files: a small fixture in the real format, features, split, bad input."""

import os.path as osp

import pytest
import torch

from mmblog.datasets.graph import DBLPDataset, read_dblp_four_area
from mmblog.utils import DataFormatError


def write_dblp(root, paper_author=None):
    files = {
        'author.txt': '10\tAnn\n11\tBob\n12\tCy\n',
        'paper.txt': '1\tA title\n2\tAnother\n3\tThird\n',
        'term.txt': '7\tgraph\n8\tdata\n',
        'conf.txt': '5\tKDD\n6\tSIGIR\n',
        'paper_author.txt': paper_author or '1\t10\n2\t10\n2\t11\n3\t12\n',
        'paper_term.txt': '1\t7\n2\t7\n2\t8\n3\t8\n',
        'paper_conf.txt': '1\t5\n2\t5\n3\t6\n',
        'author_label.txt': '10\t1\tAnn\n11\t1\tBob\n12\t3\tCy\n',
    }
    for name, text in files.items():
        with open(osp.join(root, name), 'w') as f:
            f.write(text)
    return str(root)


def test_reads_types_links_features_and_labels(tmp_path):
    data = read_dblp_four_area(write_dblp(tmp_path), num_features=2)
    assert {nt: data[nt].num_nodes for nt in data.node_types} == dict(
        author=3, paper=3, term=2, conf=2
    )
    ei = data['author', 'writes', 'paper'].edge_index
    assert ei.tolist() == [[0, 0, 1, 2], [0, 1, 1, 2]]
    # Term 7 is on 2 papers, term 8 on 2: both in the vocabulary (ties keep file order).
    assert data['paper'].x.tolist() == [[1, 0], [1, 1], [0, 1]]
    # Featureless authors: the mean of their papers' bags (Ann: papers 1, 2).
    assert torch.allclose(data['author'].x[0], torch.tensor([1.0, 0.5]))
    assert data['author'].y.tolist() == [1, 1, 3]


def test_split_is_random_disjoint_and_drop_types(tmp_path):
    root = write_dblp(tmp_path)
    ds = DBLPDataset(root, split='train', split_ratios=(0.34, 0.33), num_features=2)
    a = ds.graph['author']
    masks = torch.stack([a.train_mask, a.val_mask, a.test_mask])
    assert masks.sum(0).tolist() == [1, 1, 1] and masks.sum(1).tolist() == [1, 1, 1]
    item = ds[0]['inputs']
    assert item['author'].target_mask.tolist() == a.train_mask.tolist()
    assert ds.graph['author'].get('target_mask') is None  # the cached graph is not modified
    dropped = DBLPDataset(root, split='test', num_features=2, drop_node_types=('term',))
    assert 'term' not in dropped.graph.node_types
    assert torch.equal(dropped.graph['author'].x, ds.graph['author'].x)
    homo = DBLPDataset(
        root, split='test', split_ratios=(0.34, 0.33), num_features=2, homogeneous=True
    )[0]['inputs']
    assert homo.num_nodes == 10 and homo.target_mask.sum() == a.test_mask.sum()


def test_edge_to_an_unknown_node_is_one_line(tmp_path):
    root = write_dblp(tmp_path, paper_author='1\t10\n2\t99\n')
    with pytest.raises(DataFormatError) as err:
        read_dblp_four_area(root)
    msg = str(err.value)
    assert 'paper_author.txt:2' in msg and 'author_id' in msg and '99' in msg
    assert '\n' not in msg


def test_malformed_line_is_one_line(tmp_path):
    root = write_dblp(tmp_path, paper_author='1\t10\n2 10\n')
    with pytest.raises(DataFormatError, match=r'paper_author.txt:2: .*field 2'):
        read_dblp_four_area(root)
