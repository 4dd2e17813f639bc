"""Every generative config loads; the demo and CIFAR-sized models build and agree on K."""

import glob
import os.path as osp

import pytest
from mmengine.config import Config

from mmblog.registry import MODELS
from mmblog.utils import register_all_modules

register_all_modules()
ROOT = osp.dirname(osp.dirname(osp.dirname(osp.abspath(__file__))))
FAMILIES = ('vqvae', 'vqvae2', 'pixelcnn', 'cnp')
CONFIGS = sorted(p for f in FAMILIES for p in glob.glob(osp.join(ROOT, 'configs', f, '*.py')))
# 256px VQ-VAE-2 priors have ~10^8 parameters: load their configs, do not build them here.
LARGE = ('ffhq256',)


def test_every_family_has_paper_and_demo_configs():
    for family in FAMILIES:
        paths = glob.glob(osp.join(ROOT, 'configs', family, '*.py'))
        assert any(p.endswith('_demo.py') for p in paths), family
        assert any(not p.endswith('_demo.py') for p in paths), family


@pytest.mark.parametrize('path', CONFIGS, ids=osp.basename)
def test_config_loads_and_builds(path):
    cfg = Config.fromfile(path)
    assert cfg.train_cfg.type == 'IterBasedTrainLoop'
    data = cfg.train_dataloader.dataset
    if path.endswith('_demo.py') and cfg.model.type != 'CNP':  # CNP data are drawn on the fly
        assert 'data/demo/' in data.get('data_root', data.get('codes_file', ''))
    if any(tag in path for tag in LARGE):
        return
    model = MODELS.build(cfg.model)
    if cfg.model.type == 'PixelCNNPrior':
        # The prior's K must be the K of the VQ level whose codes it models.
        vq_cfg = {
            'pixelcnn_vqvae_demo.py': 'configs/vqvae/vqvae_demo.py',
            'pixelcnn_vqvae_cifar10.py': 'configs/vqvae/vqvae_cifar10.py',
            'pixelsnail_top_vqvae2_demo.py': 'configs/vqvae2/vqvae2_demo.py',
            'pixelcnn_bottom_vqvae2_demo.py': 'configs/vqvae2/vqvae2_demo.py',
        }[osp.basename(path)]
        vq = MODELS.build(Config.fromfile(osp.join(ROOT, vq_cfg)).model)
        level = cfg.train_dataloader.dataset.code_key
        assert model.num_codes == vq.levels[level]
        cond = cfg.train_dataloader.dataset.get('cond_key')
        if cond:
            assert model.net.cond_stack.embed.num_embeddings == vq.levels[cond]
