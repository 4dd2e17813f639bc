import pickle

import numpy as np
import pytest
import torch

from mmblog.datasets import (
    CIFAR10Dataset,
    GPCurvesDataset,
    ImageFolderDataset,
    VQCodesDataset,
    gp_batch_collate,
)
from mmblog.testing.demo_data import DEMO_GENERATORS
from mmblog.utils import MissingDataError, register_all_modules

register_all_modules()


def test_gp_training_batch_follows_the_notebook():
    ds = GPCurvesDataset(batch_size=8, max_num_context=10, num_batches=50, seed=0)
    seen_context, seen_target = set(), set()
    for i in range(50):
        item = ds[i]
        cx, cy = item['inputs']['context_x'], item['inputs']['context_y']
        tx, ty = item['inputs']['target_x'], item['data_samples']['target_y']
        nc, nt = cx.shape[1], tx.shape[1]
        seen_context.add(nc)
        seen_target.add(nt - nc)
        assert cx.shape == cy.shape == (8, nc, 1) and ty.shape == tx.shape
        # Targets are the contexts followed by new points.
        assert torch.equal(tx[:, :nc], cx) and torch.equal(ty[:, :nc], cy)
        assert tx.min() >= -2 and tx.max() < 2
        assert tx.dtype == torch.float32
    assert seen_context <= set(range(3, 10)) and len(seen_context) > 3
    assert seen_target <= set(range(2, 10))
    # Reproducible per index, different across indices.
    assert torch.equal(ds[3]['inputs']['target_x'], ds[3]['inputs']['target_x'])
    assert not torch.equal(ds[3]['inputs']['context_y'][:, :3], ds[4]['inputs']['context_y'][:, :3])


def test_gp_test_batch_grid():
    ds = GPCurvesDataset(batch_size=2, testing=True, num_batches=1, seed=0)
    item = ds[0]
    tx, ty = item['inputs']['target_x'], item['data_samples']['target_y']
    assert tx.shape == ty.shape == (2, 400, 1)
    assert np.allclose(tx[0, :, 0].numpy(), np.arange(-2, 2, 0.01), atol=1e-4)
    # 3..9 contexts drawn among the targets.
    cx, cy = item['inputs']['context_x'][0, :, 0], item['inputs']['context_y'][0, :, 0]
    assert 3 <= len(cx) < 10
    for x, y in zip(cx, cy):
        k = torch.isclose(tx[0, :, 0], x).nonzero()[0, 0]
        assert ty[0, k, 0] == y


def test_gp_kernel_and_sample_covariance():
    ds = GPCurvesDataset(batch_size=4000, num_batches=1, seed=0)
    x = np.array([[[0.0], [0.1], [1.0]]], dtype=np.float32)
    kernel = ds.gaussian_kernel(x, np.full((1, 1, 1), 0.4), np.ones((1, 1)))[0, 0]
    assert kernel[0, 1] == pytest.approx(np.exp(-0.5 * (0.1 / 0.4) ** 2))
    assert kernel[0, 0] == pytest.approx(1 + 2e-2**2)
    # Sampled curves have that covariance: E[y_i y_j - k(x_i, x_j)] = 0 over random x.
    item = ds[0]
    tx, ty = item['inputs']['target_x'][:, :2, 0].double(), item['data_samples']['target_y']
    y = ty[:, :2, 0].double()
    k01 = torch.exp(-0.5 * ((tx[:, 0] - tx[:, 1]) / 0.4) ** 2)
    assert (y[:, 0] * y[:, 1] - k01).mean().item() == pytest.approx(0.0, abs=0.06)
    assert (y[:, 0] ** 2).mean().item() == pytest.approx(1.0, abs=0.08)


def test_gp_collate_needs_batch_size_one():
    ds = GPCurvesDataset(batch_size=2, num_batches=2)
    assert gp_batch_collate([ds[0]]) is not None
    with pytest.raises(ValueError, match='batch_size=1'):
        gp_batch_collate([ds[0], ds[1]])


def test_image_folder_classes_and_missing_folder(tmp_path):
    summary = DEMO_GENERATORS['vq_images'](str(tmp_path), seed=0, num_train=12, num_val=6)
    assert summary == {'train': 12, 'val': 6}
    pipeline = [dict(type='mmcv.LoadImageFromFile'), dict(type='PackClsInputs')]
    ds = ImageFolderDataset(str(tmp_path / 'vq_images'), data_prefix='train', pipeline=pipeline)
    assert len(ds) == 12 and ds.metainfo['classes'] == ('gradients', 'shapes', 'textures')
    item = ds[0]
    assert item['inputs'].shape == (3, 32, 32) and item['inputs'].dtype == torch.uint8
    assert int(item['data_samples'].gt_label) == 0
    assert ds[11]['data_samples'].gt_label.item() == 2
    unlabelled = ImageFolderDataset(str(tmp_path / 'vq_images'), with_label=False)
    assert len(unlabelled) == 18 and 'gt_label' not in unlabelled.get_data_info(0)
    with pytest.raises(MissingDataError, match='make_demo_data'):
        ImageFolderDataset(str(tmp_path / 'nowhere'), data_prefix='train')


def test_cifar_batches_in_bgr_for_the_vq_models(tmp_path):
    """The VQ configs read CIFAR through CIFAR10Dataset(channel_order='bgr')."""
    rng = np.random.default_rng(0)
    data = rng.integers(0, 256, (5, 3072), dtype=np.uint8)
    with open(tmp_path / 'batches.meta', 'wb') as f:
        pickle.dump({b'label_names': [f'c{i}'.encode() for i in range(10)]}, f)
    for k in range(1, 6):
        with open(tmp_path / f'data_batch_{k}', 'wb') as f:
            pickle.dump({b'data': data, b'labels': [0, 1, 2, 3, 4]}, f)
    rgb = CIFAR10Dataset(str(tmp_path), split='train', pipeline=[dict(type='PackClsInputs')])
    bgr = CIFAR10Dataset(
        str(tmp_path), split='train', channel_order='bgr', pipeline=[dict(type='PackClsInputs')]
    )
    assert len(bgr) == 25
    red = torch.from_numpy(data[0, :1024])  # the first 1024 bytes of a row are the red plane
    assert torch.equal(rgb[0]['inputs'][0].flatten(), red)
    assert torch.equal(bgr[0]['inputs'][2].flatten(), red)
    with pytest.raises(ValueError, match="channel_order must be 'rgb' or 'bgr'"):
        CIFAR10Dataset(str(tmp_path), channel_order='hsv')


def test_vq_codes_dataset(tmp_path):
    path = str(tmp_path / 'codes.npz')
    np.savez(
        path,
        train_top=np.zeros((3, 2, 2), np.int32),
        train_bottom=np.ones((3, 4, 4), np.int32),
        train_labels=np.array([0, 1, 1]),
        num_codes_top=np.int64(8),
        num_codes_bottom=np.int64(16),
    )
    ds = VQCodesDataset(path, code_key='bottom', cond_key='top')
    item = ds[1]
    assert item['inputs']['codes'].shape == (4, 4) and item['inputs']['cond'].shape == (2, 2)
    assert item['inputs']['codes'].dtype == torch.long
    assert int(item['data_samples'].gt_label) == 1
    assert ds.metainfo['num_codes'] == 16
    with pytest.raises(KeyError, match='val_bottom'):
        VQCodesDataset(path, split='val', code_key='bottom')
    with pytest.raises(MissingDataError, match='extract_vq_codes.py'):
        VQCodesDataset(str(tmp_path / 'none.npz'))
