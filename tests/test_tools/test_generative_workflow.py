"""End to end through tools/ and demo/: train a VQ model, extract codes, train priors, sample."""

import importlib.util
import os.path as osp

import cv2
import numpy as np
import pytest

from mmblog.testing.demo_data import DEMO_GENERATORS
from mmblog.utils import MissingDataError

ROOT = osp.dirname(osp.dirname(osp.dirname(osp.abspath(__file__))))


def load_tool(rel_path: str):
    spec = importlib.util.spec_from_file_location(
        rel_path.replace('/', '_')[:-3], osp.join(ROOT, rel_path)
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope='module')
def images(tmp_path_factory):
    out = tmp_path_factory.mktemp('demo')
    DEMO_GENERATORS['vq_images'](str(out), seed=0, num_train=48, num_val=24)
    return str(out / 'vq_images')


def train(config, work_dir, iters, extra=()):
    opts = [
        f'train_cfg.max_iters={iters}',
        f'train_cfg.val_interval={iters}',
        'default_hooks.logger.interval=5',
        f'default_hooks.checkpoint.interval={iters}',
        *extra,
    ]
    load_tool('tools/train.py').main(
        [osp.join(ROOT, config), '--work-dir', str(work_dir), '--cfg-options', *opts]
    )
    ckpt = osp.join(work_dir, f'iter_{iters}.pth')
    assert osp.isfile(ckpt)
    return ckpt


def data_opts(root):
    return [
        f'train_dataloader.dataset.data_root={root}',
        f'val_dataloader.dataset.data_root={root}',
        f'test_dataloader.dataset.data_root={root}',
    ]


def codes_opts(codes_file):
    return [
        f'train_dataloader.dataset.codes_file={codes_file}',
        f'val_dataloader.dataset.codes_file={codes_file}',
        f'test_dataloader.dataset.codes_file={codes_file}',
    ]


@pytest.mark.slow
def test_vqvae_two_stage_workflow(images, tmp_path):
    cfg = 'configs/vqvae/vqvae_demo.py'
    ckpt = train(cfg, tmp_path / 'vq', 10, data_opts(images))
    codes_file = str(tmp_path / 'codes.npz')
    load_tool('tools/misc/extract_vq_codes.py').main(
        [osp.join(ROOT, cfg), ckpt, '--out', codes_file, '--cfg-options', *data_opts(images)]
    )
    with np.load(codes_file) as archive:
        assert archive['train_codes'].shape == (48, 8, 8)
        assert archive['val_codes'].shape == (24, 8, 8)
        assert sorted(set(archive['train_labels'].tolist())) == [0, 1, 2]
        assert int(archive['num_codes_codes']) == 64
        assert archive['train_codes'].max() < 64
    prior_cfg = osp.join(ROOT, 'configs/pixelcnn/pixelcnn_vqvae_demo.py')
    prior_ckpt = train(prior_cfg, tmp_path / 'prior', 5, codes_opts(codes_file))

    # The sample script reads the code shape from the prior's codes file: point it at ours.
    patched = tmp_path / 'prior_cfg.py'
    patched.write_text(
        f"_base_ = ['{prior_cfg}']\ntrain_dataloader = dict(dataset=dict("
        f"codes_file='{codes_file}'))\n"
    )
    out = str(tmp_path / 'samples.png')
    load_tool('demo/vqvae_sample.py').main(
        [
            osp.join(ROOT, cfg),
            ckpt,
            '--prior',
            str(patched),
            prior_ckpt,
            '--num',
            '6',
            '--nrow',
            '3',
            '--scale',
            '1',
            '--out-file',
            out,
        ]
    )
    grid = cv2.imread(out)
    assert grid.shape == (2 * 34 + 2, 3 * 34 + 2, 3)  # 2 rows x 3 samples of 32px, 2px pads
    # --codes names the codes file directly (the unpatched prior config points elsewhere), and
    # --cfg-options reaches the VQ config
    sample_args = [osp.join(ROOT, cfg), ckpt, '--prior', prior_cfg, prior_ckpt, '--num', '3']
    sample_args += ['--nrow', '3', '--scale', '1', '--out-file', out]
    with pytest.raises(MissingDataError, match='--codes FILE'):
        load_tool('demo/vqvae_sample.py').main(sample_args)
    load_tool('demo/vqvae_sample.py').main(
        [*sample_args, '--codes', codes_file, '--cfg-options', 'test_dataloader.batch_size=3']
    )
    assert cv2.imread(out).shape == (34 + 2, 3 * 34 + 2, 3)
    with pytest.raises(ValueError, match='nonexistent_key'):
        load_tool('demo/vqvae_sample.py').main(
            [*sample_args, '--codes', codes_file, '--cfg-options', 'model.nonexistent_key=1']
        )

    recon = str(tmp_path / 'recon.png')
    load_tool('demo/vqvae_reconstruct.py').main(
        [
            osp.join(ROOT, cfg),
            ckpt,
            '--num',
            '4',
            '--scale',
            '1',
            '--out-file',
            recon,
            '--cfg-options',
            *data_opts(images),
        ]
    )
    assert cv2.imread(recon).shape[1] == 8 * 34 + 2


@pytest.mark.slow
def test_vqvae2_both_levels_and_both_priors(images, tmp_path):
    cfg = 'configs/vqvae2/vqvae2_demo.py'
    ckpt = train(cfg, tmp_path / 'vq2', 4, data_opts(images))
    codes_file = str(tmp_path / 'codes2.npz')
    load_tool('tools/misc/extract_vq_codes.py').main(
        [
            osp.join(ROOT, cfg),
            ckpt,
            '--out',
            codes_file,
            '--splits',
            'train',
            'val',
            '--cfg-options',
            *data_opts(images),
        ]
    )
    with np.load(codes_file) as archive:
        assert archive['train_top'].shape == (48, 4, 4)
        assert archive['train_bottom'].shape == (48, 8, 8)
        assert int(archive['num_codes_top']) == 32 and int(archive['num_codes_bottom']) == 64
    priors = []
    for name in ('pixelsnail_top_vqvae2_demo.py', 'pixelcnn_bottom_vqvae2_demo.py'):
        prior_cfg = osp.join(ROOT, 'configs/pixelcnn', name)
        prior_ckpt = train(prior_cfg, tmp_path / name[:-3], 3, codes_opts(codes_file))
        patched = tmp_path / name
        patched.write_text(
            f"_base_ = ['{prior_cfg}']\ntrain_dataloader = dict(dataset=dict("
            f"codes_file='{codes_file}'))\n"
        )
        priors.append((str(patched), prior_ckpt))
    out = str(tmp_path / 'samples2.png')
    sample = load_tool('demo/vqvae_sample.py')
    sample.main(
        [
            osp.join(ROOT, cfg),
            ckpt,
            '--prior',
            *priors[0],
            '--bottom-prior',
            *priors[1],
            '--num',
            '4',
            '--nrow',
            '4',
            '--scale',
            '1',
            '--out-file',
            out,
        ]
    )
    assert cv2.imread(out).shape == (34 + 2, 4 * 34 + 2, 3)
    with pytest.raises(ValueError, match='bottom-prior'):
        sample.main([osp.join(ROOT, cfg), ckpt, '--prior', *priors[0], '--out-file', out])


def test_missing_codes_file_is_a_clear_error(tmp_path):
    with pytest.raises(MissingDataError, match='extract_vq_codes.py'):
        train(
            'configs/pixelcnn/pixelcnn_vqvae_demo.py',
            tmp_path,
            1,
            codes_opts(str(tmp_path / 'missing.npz')),
        )


@pytest.mark.slow
def test_cnp_train_test_and_plot(tmp_path):
    cfg = 'configs/cnp/cnp_gp_1d_demo.py'
    ckpt = train(
        cfg,
        tmp_path / 'cnp',
        20,
        ['val_dataloader.dataset.num_batches=2', 'test_dataloader.dataset.num_batches=2'],
    )
    out = str(tmp_path / 'cnp.png')
    load_tool('demo/cnp_demo.py').main([osp.join(ROOT, cfg), ckpt, '--out-file', out])
    img = cv2.imread(out)
    assert img is not None and img.shape[0] > 100 and img.shape[1] > 100
