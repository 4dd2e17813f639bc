"""``tools/test.py --show-dir`` writes a picture per prediction for every family's demo config.

Detection (test_det_test_tool.py) and MNIST classification (test_train_test.py) are drawn by
their own tool tests; here the families whose predictions are plain dicts (VQ-VAE, CNP, TransE),
graph node classification (confusion matrix), masked-LM text (filled-in sentences) and
classification on an image folder. Untrained weights suffice: the pictures, not their quality, are
checked.
"""

import cv2
import pytest
import torch
from mmengine.config import Config

from mmblog.registry import MODELS
from mmblog.testing.demo_data import DEMO_GENERATORS
from mmblog.utils import register_all_modules
from tests.conftest import REPO_ROOT, run_tool


@pytest.fixture(scope='module')
def vq_root(tmp_path_factory):
    out = tmp_path_factory.mktemp('vq')
    DEMO_GENERATORS['vq_images'](str(out), seed=0, num_train=6, num_val=6)
    return out / 'vq_images'


def _image_test_block(root) -> str:
    return f"test_dataloader = dict(batch_size=3, dataset=dict(data_root='{root}', indices=4))\n"


# (demo config, extra config lines given the image root, expected pictures, their height >=)
FAMILIES = {
    'cnp': (
        'configs/cnp/cnp_gp_1d_demo.py',
        lambda root: 'test_dataloader = dict(dataset=dict(num_batches=2))\n',
        2,
        200,
    ),
    'vqvae': ('configs/vqvae/vqvae_demo.py', _image_test_block, 4, 128),
    'vqvae2': ('configs/vqvae2/vqvae2_demo.py', _image_test_block, 4, 128),
}


@pytest.mark.parametrize('family', sorted(FAMILIES))
def test_show_dir_writes_a_picture_per_prediction(family, vq_root, tmp_path):
    config, extra, expected, min_height = FAMILIES[family]
    cfg_file = tmp_path / 'cfg.py'
    cfg_file.write_text(f"_base_ = ['{REPO_ROOT / config}']\n" + extra(vq_root))
    register_all_modules()
    model = MODELS.build(Config.fromfile(cfg_file).model)
    ckpt = tmp_path / 'untrained.pth'
    torch.save({'state_dict': model.state_dict(), 'meta': {}}, ckpt)
    show_dir = tmp_path / 'vis'
    run_tool('tools/test.py', cfg_file, ckpt, '--work-dir', tmp_path / 'w', '--show-dir', show_dir)
    pictures = sorted(show_dir.glob('*.png'))
    assert len(pictures) == expected
    drawn = cv2.imread(str(pictures[0]))
    assert drawn.shape[0] >= min_height and drawn.std() > 5  # a picture, not a blank canvas


def test_show_without_a_display_is_one_line(mnist_demo_config, tmp_path, monkeypatch):
    monkeypatch.delenv('DISPLAY', raising=False)
    ckpt = tmp_path / 'any.pth'
    torch.save({'state_dict': {}}, ckpt)
    proc = run_tool('tools/test.py', mnist_demo_config, ckpt, '--show', check=False)
    assert proc.returncode == 2
    # (libraries may print deprecation warnings before it; the error itself is one line)
    assert 'Traceback' not in proc.stderr
    assert proc.stderr.strip().splitlines()[-1:] == [
        'test.py: error: --show needs a display (DISPLAY is not set); use --show-dir DIR to '
        'write the pictures'
    ]


def test_image_demo_without_out_file_and_display_is_one_line(tmp_path, monkeypatch):
    monkeypatch.delenv('DISPLAY', raising=False)
    img = tmp_path / 'a.jpg'
    cv2.imwrite(str(img), (torch.rand(8, 8, 3) * 255).byte().numpy())
    proc = run_tool('demo/image_demo.py', img, 'cfg.py', 'ckpt.pth', check=False)
    assert proc.returncode == 2 and 'Traceback' not in proc.stderr
    assert 'pass --out-file FILE' in proc.stderr.strip().splitlines()[-1]


@pytest.fixture(scope='module')
def demo_cwd(tmp_path_factory):
    """A working folder with ``data/demo/{planetoid,text_corpus,kg_triples,imagenet_folder}``, so
    the demo configs' relative paths resolve there unchanged."""
    cwd = tmp_path_factory.mktemp('demo_cwd')
    out = str(cwd / 'data' / 'demo')
    DEMO_GENERATORS['planetoid'](out, seed=0, num_nodes=700, num_test=100)
    DEMO_GENERATORS['text_corpus'](out, seed=0, train_docs=40)
    DEMO_GENERATORS['kg_triples'](out, seed=0, size=4)
    DEMO_GENERATORS['imagenet_folder'](out, seed=0, per_class=(2, 1))
    return cwd


# (demo config, extra config lines, expected pictures, a check of one picture)
NON_IMAGE_FAMILIES = {
    # classification on the ImageNet-style folder: the image with its predicted label, one per
    # held-out image (5 classes x 1)
    'cls_image_folder': ('configs/zfnet/zfnet_demo.py', '', 5),
    # one confusion matrix for the test graph; 4 classes -> a 4x4 grid of counts
    'graph_node_cls': ('configs/gcn/gcn_planetoid_sbm_demo.py', '', 1),
    # one filled-in sentence per test example
    'text_mlm': (
        'configs/bert/bert_tiny_mlm_demo.py',
        'test_dataloader = dict(batch_size=2, dataset=dict(indices=3))\n',
        3,
    ),
    # one ranking per test triple of the 4x4 grid (20 entities)
    'kg_transe': (
        'configs/transe/transe_l1_kg_triples_demo.py',
        'model = dict(num_entities=20)\n',
        None,
    ),
}


def _show_untrained(config: str, extra: str, cwd, tmp_path) -> list:
    """Run ``tools/test.py --show-dir`` on an untrained checkpoint of ``config`` (plus the
    ``extra`` config lines) from ``cwd``; return the pictures drawn, sorted by name."""
    cfg_file = tmp_path / 'cfg.py'
    cfg_file.write_text(f"_base_ = ['{REPO_ROOT / config}']\n" + extra)
    register_all_modules()
    model = MODELS.build(Config.fromfile(cfg_file).model)
    ckpt = tmp_path / 'untrained.pth'
    torch.save({'state_dict': model.state_dict(), 'meta': {}}, ckpt)
    show_dir = tmp_path / 'vis'
    run_tool(
        REPO_ROOT / 'tools/test.py',
        cfg_file,
        ckpt,
        '--work-dir',
        tmp_path / 'w',
        '--show-dir',
        show_dir,
        cwd=cwd,
    )
    return sorted(show_dir.glob('*.png'))


@pytest.mark.parametrize('family', sorted(NON_IMAGE_FAMILIES))
def test_show_dir_draws_graph_text_and_kg_predictions(family, demo_cwd, tmp_path):
    config, extra, expected = NON_IMAGE_FAMILIES[family]
    pictures = _show_untrained(config, extra, demo_cwd, tmp_path)
    if expected is None:  # as many as the test split has triples
        with open(demo_cwd / 'data/demo/kg_triples/test2id.txt') as f:
            expected = int(f.readline())
    assert len(pictures) == expected
    drawn = cv2.imread(str(pictures[0]))
    assert drawn.shape[0] >= 60 and drawn.std() > 5
    if family == 'text_mlm':
        # red or green words: the masked positions are marked
        b, g, r = (drawn[..., c].astype(int) for c in range(3))
        assert ((r > 150) & (g < 80) & (b < 80)).any() or ((g > 100) & (r < 60) & (b < 60)).any()


@pytest.fixture(scope='module')
def multimodal_cwd(tmp_path_factory):
    """``data/demo/{howto100m,ernie_vil_scenes,tv}`` at their smallest, with detector-free
    region features for the ERNIE-ViL val split."""
    from mmblog.testing.demo_data.ernie_vil_scenes import write_oracle_region_features

    cwd = tmp_path_factory.mktemp('mm_cwd')
    out = str(cwd / 'data' / 'demo')
    DEMO_GENERATORS['howto100m'](out, seed=0, n_train=4, n_test=2, clips_per_test_video=2)
    DEMO_GENERATORS['ernie_vil_scenes'](out, seed=0, n_train=2, n_val=3)
    write_oracle_region_features(f'{out}/ernie_vil_scenes', 'val')
    DEMO_GENERATORS['tv'](out, seed=0, n_train=4, n_val=2)
    return cwd


# (demo config, extra config lines, expected pictures)
MULTIMODAL_FAMILIES = {
    # one ranking per text query of the 4 test clips
    'howto100m_retrieval': (
        'configs/howto100m/howto100m_embedding_demo.py',
        'test_dataloader = dict(batch_size=3)\n',
        4,
    ),
    # one image + filled-in caption per cloze item (the first 3)
    'ernie_vil_cloze': (
        'configs/ernie_vil/ernie_vil_sgp_scenes_demo.py',
        'test_dataloader = dict(batch_size=2, dataset=dict(indices=3, '
        "feature_file='feats_oracle_val.lmdb'))\n",
        3,
    ),
    # HERO on TVR: one ranking of moments over the 2-video corpus per val query
    'hero_tvr': ('configs/hero/hero_tvr_demo.py', 'test_dataloader = dict(batch_size=8)\n', None),
}


@pytest.mark.parametrize('family', sorted(MULTIMODAL_FAMILIES))
def test_show_dir_draws_multimodal_predictions(family, multimodal_cwd, tmp_path):
    config, extra, expected = MULTIMODAL_FAMILIES[family]
    pictures = _show_untrained(config, extra, multimodal_cwd, tmp_path)
    if expected is None:  # as many as the val split has queries
        with open(multimodal_cwd / 'data/demo/tv/tvr_val.jsonl') as f:
            expected = sum(1 for line in f if line.strip())
    assert len(pictures) == expected
    drawn = cv2.imread(str(pictures[0]))
    assert drawn.shape[0] >= 100 and drawn.std() > 5
    b, g, r = (drawn[..., c].astype(int) for c in range(3))
    green = ((g > 100) & (r < 60) & (b < 60)).any()
    red = ((r > 150) & (g < 80) & (b < 80)).any()
    if family == 'howto100m_retrieval':
        # every query's true clip is in its top 5 of 4: marked green, never a red 'ranked' line
        assert all(
            ((cv2.imread(str(p))[..., 1] > 100) & (cv2.imread(str(p))[..., 2] < 60)).any()
            for p in pictures
        )
        assert not red
    elif family == 'hero_tvr':
        # untrained: a moment in the true video overlaps it (green) or the miss is said (red)
        assert all(
            (
                lambda d: (
                    ((d[..., 1] > 100) & (d[..., 2] < 60)).any()
                    or ((d[..., 2] > 150) & (d[..., 1] < 80)).any()
                )
            )(cv2.imread(str(p)))
            for p in pictures
        )
    else:
        assert green or red  # the filled-in element is marked right or wrong
        assert drawn.shape[1] >= 480  # the image drawn above the caption
