"""CIFAR python batches, ImageNet-style folders, class groups, demo generators, transforms."""

import os
import pickle

import cv2
import numpy as np
import pytest

from mmblog.datasets import CIFAR10Dataset, CIFAR100Dataset, ClassGroupDataset, CustomDataset
from mmblog.registry import TRANSFORMS
from mmblog.testing.demo_data import DEMO_GENERATORS
from mmblog.testing.demo_data.cifar10 import make_cifar10_demo
from mmblog.testing.demo_data.imagenet_folder import make_imagenet_folder_demo
from mmblog.utils import MissingDataError, register_all_modules

register_all_modules()


def test_generators_are_registered():
    assert {'cifar10', 'imagenet_folder', 'mnist'} <= set(DEMO_GENERATORS)


def test_cifar10_demo_has_the_real_layout(tmp_path):
    summary = make_cifar10_demo(str(tmp_path), per_batch=20, num_test=30)
    assert summary == {'train': 100, 'test': 30}
    folder = tmp_path / 'cifar10' / 'cifar-10-batches-py'
    names = sorted(os.listdir(folder))
    assert names == [
        'batches.meta',
        'data_batch_1',
        'data_batch_2',
        'data_batch_3',
        'data_batch_4',
        'data_batch_5',
        'test_batch',
    ]
    with open(folder / 'data_batch_1', 'rb') as f:
        raw = pickle.load(f, encoding='bytes')
    assert set(raw) == {b'batch_label', b'labels', b'data', b'filenames'}
    assert raw[b'data'].dtype == np.uint8 and raw[b'data'].shape == (20, 3072)
    train = CIFAR10Dataset(str(tmp_path / 'cifar10'), split='train')
    test = CIFAR10Dataset(str(tmp_path / 'cifar10'), split='test')
    assert len(train) == 100 and len(test) == 30
    assert train.metainfo['classes'][0] == 'circle' and len(train.metainfo['classes']) == 10
    img = train[0]['img']
    assert img.shape == (32, 32, 3)
    # Rows are the R, G and B planes in turn.
    np.testing.assert_array_equal(img[..., 0].ravel(), raw[b'data'][0, :1024])
    np.testing.assert_array_equal(img[..., 2].ravel(), raw[b'data'][0, 2048:])
    assert sorted({train[i]['gt_label'] for i in range(100)}) == list(range(10))


def test_cifar100_format(tmp_path):
    root = tmp_path / 'cifar-100-python'
    root.mkdir()
    rng = np.random.default_rng(0)
    for split, n in (('train', 6), ('test', 4)):
        with open(root / split, 'wb') as f:
            pickle.dump(
                {
                    b'data': rng.integers(0, 255, (n, 3072), dtype=np.uint8),
                    b'fine_labels': list(range(n)),
                    b'coarse_labels': [0] * n,
                },
                f,
            )
    with open(root / 'meta', 'wb') as f:
        pickle.dump(
            {
                b'fine_label_names': [f'c{i}'.encode() for i in range(100)],
                b'coarse_label_names': [b'x'] * 20,
            },
            f,
        )
    ds = CIFAR100Dataset(str(tmp_path), split='test')
    assert len(ds) == 4 and ds.metainfo['classes'][3] == 'c3' and ds[3]['gt_label'] == 3


def test_cifar_errors(tmp_path):
    with pytest.raises(MissingDataError, match='make_demo_data.py'):
        CIFAR10Dataset(str(tmp_path / 'nowhere'))
    with pytest.raises(ValueError, match='split'):
        CIFAR10Dataset(str(tmp_path), split='val')
    make_cifar10_demo(str(tmp_path), per_batch=2, num_test=2)
    folder = tmp_path / 'cifar10' / 'cifar-10-batches-py'
    with open(folder / 'test_batch', 'wb') as f:
        pickle.dump({b'data': np.zeros((2, 100), np.uint8), b'labels': [0, 1]}, f)
    with pytest.raises(ValueError, match='3072'):
        CIFAR10Dataset(str(tmp_path / 'cifar10'), split='test')


def test_image_folder_and_annotation_list(tmp_path):
    summary = make_imagenet_folder_demo(str(tmp_path), num_classes=3, per_class=(4, 2), size=40)
    assert summary == {'train': 12, 'val': 6}
    root = str(tmp_path / 'imagenet_folder')
    by_folder = CustomDataset(data_root=root, data_prefix='train')
    by_list = CustomDataset(
        data_root=root, data_prefix='train', ann_file='meta/train.txt', classes='meta/classes.txt'
    )
    assert (
        by_folder.metainfo['classes']
        == by_list.metainfo['classes']
        == ('circle', 'square', 'triangle')
    )
    assert [d['gt_label'] for d in by_folder] == [d['gt_label'] for d in by_list]
    assert len(by_folder) == 12 and by_folder[5]['gt_label'] == 1
    assert cv2.imread(by_folder[0]['img_path']).shape == (40, 40, 3)


def test_image_folder_errors(tmp_path):
    with pytest.raises(MissingDataError):
        CustomDataset(data_root=str(tmp_path), data_prefix='train')
    (tmp_path / 'list.txt').write_text('a.jpg 0\nbroken-line\n')
    with pytest.raises(ValueError, match='list.txt:2'):
        CustomDataset(data_root=str(tmp_path), ann_file='list.txt')


def test_class_group_dataset(tmp_path):
    make_cifar10_demo(str(tmp_path), per_batch=10, num_test=10)
    inner = dict(type='CIFAR10Dataset', data_root=str(tmp_path / 'cifar10'), split='train')
    ds = ClassGroupDataset(dataset=inner, groups=[[0, 1], [7]])
    assert ds.metainfo['classes'] == ('0+1', '7')
    labels = [ds.get_data_info(i)['gt_label'] for i in range(len(ds))]
    origs = [ds.get_data_info(i)['orig_label'] for i in range(len(ds))]
    assert len(ds) == 15 and set(labels) == {0, 1}
    assert all((o in (0, 1)) == (label == 0) for o, label in zip(origs, labels))
    with pytest.raises(ValueError, match='two groups'):
        ClassGroupDataset(dataset=inner, groups=[[1], [1]])


def test_transforms():
    img = np.arange(32 * 32 * 3, dtype=np.uint8).reshape(32, 32, 3)
    crop = TRANSFORMS.build(dict(type='RandomCrop', crop_size=32, padding=4))
    outs = [crop(dict(img=img.copy()))['img'] for _ in range(20)]
    assert all(o.shape == (32, 32, 3) for o in outs)
    assert any((o == 0).all(axis=2).any() for o in outs)  # some padding shows
    rrc = TRANSFORMS.build(dict(type='RandomResizedCrop', size=24))
    assert rrc(dict(img=img))['img'].shape == (24, 24, 3)
    assert rrc(dict(img=img[..., 0]))['img'].shape == (24, 24)
    edge = TRANSFORMS.build(dict(type='ResizeEdge', scale=64))
    assert edge(dict(img=np.zeros((40, 80, 3), np.uint8)))['img'].shape == (64, 128, 3)
    with pytest.raises(ValueError, match='larger'):
        TRANSFORMS.build(dict(type='RandomCrop', crop_size=40))(dict(img=img))
