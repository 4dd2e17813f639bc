"""Every generative config loads and builds; priors agree with their VQ model on K."""

import glob
import os.path as osp

import pytest
import torch
from mmengine.config import Config

from mmblog.registry import MODELS
from mmblog.utils import register_all_modules

register_all_modules()
ROOT = osp.dirname(osp.dirname(osp.dirname(osp.abspath(__file__))))
FAMILIES = ('vqvae', 'vqvae2', 'pixelcnn', 'cnp')
CONFIGS = sorted(p for f in FAMILIES for p in glob.glob(osp.join(ROOT, 'configs', f, '*.py')))
# The VQ model whose codes each prior models.
PRIOR_TO_VQ = {
    'pixelcnn_vqvae_demo.py': 'configs/vqvae/vqvae_demo.py',
    'pixelcnn_vqvae_cifar10.py': 'configs/vqvae/vqvae_cifar10.py',
    'pixelsnail_top_vqvae2_demo.py': 'configs/vqvae2/vqvae2_demo.py',
    'pixelcnn_bottom_vqvae2_demo.py': 'configs/vqvae2/vqvae2_demo.py',
    'pixelsnail_top_vqvae2_ffhq256.py': 'configs/vqvae2/vqvae2_ffhq256.py',
    'pixelcnn_bottom_vqvae2_ffhq256.py': 'configs/vqvae2/vqvae2_ffhq256.py',
}


def build(cfg):
    # The 256px priors have ~10^8 parameters: build them on the meta device (every module and
    # shape is constructed, no memory is filled).
    with torch.device('meta'):
        return MODELS.build(cfg)


def test_every_family_has_paper_and_demo_configs():
    for family in FAMILIES:
        paths = glob.glob(osp.join(ROOT, 'configs', family, '*.py'))
        assert any(p.endswith('_demo.py') for p in paths), family
        assert any(not p.endswith('_demo.py') for p in paths), family


@pytest.mark.parametrize('path', CONFIGS, ids=osp.basename)
def test_config_loads_and_builds(path):
    cfg = Config.fromfile(path)
    assert cfg.train_cfg.type == 'IterBasedTrainLoop'
    assert len(open(path).read().splitlines()) <= 40
    data = cfg.train_dataloader.dataset
    if path.endswith('_demo.py') and cfg.model.type != 'CNP':  # CNP data are drawn on the fly
        assert 'data/demo/' in data.get('data_root', data.get('codes_file', ''))
    model = build(cfg.model)
    assert sum(p.numel() for p in model.parameters()) > 0
    if cfg.model.type != 'PixelCNNPrior':
        return
    vq = build(Config.fromfile(osp.join(ROOT, PRIOR_TO_VQ[osp.basename(path)])).model)
    assert model.num_codes == vq.levels[data.code_key]
    if data.get('cond_key'):
        assert model.net.cond_num_codes == vq.levels[data.cond_key]
    else:
        assert not model.net.cond_num_codes
