"""Every CLI in tools/ and demo/ ends a user error in one line, exit code 2 (issue 11).

The CLIs run in-process through ``run_cli`` (their ``__main__`` entry point) so the whole matrix
stays fast; two subprocess runs check the real entry point and ``MMBLOG_DEBUG=1``.
"""

import importlib.util
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
import torch

from mmblog.utils import run_cli
from tests.conftest import REPO_ROOT, tool_env

MNIST = 'configs/mnist/softmax_regression_mnist_demo.py'
FASTER = 'configs/faster_rcnn/faster_rcnn_r50_fpn_1x_coco_demo.py'
VQVAE = 'configs/vqvae/vqvae_demo.py'
CNP = 'configs/cnp/cnp_gp_1d_demo.py'


def _module(path: str):
    spec = importlib.util.spec_from_file_location('_cli_' + Path(path).stem, REPO_ROOT / path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope='module')
def bad(tmp_path_factory, demo_root):  # noqa: F811
    """The broken inputs: configs, data, checkpoints, images, logs."""
    d = tmp_path_factory.mktemp('bad')
    f = {}
    f['missing_cfg'] = d / 'no_such_config.py'
    f['syntax_cfg'] = d / 'syntax.py'
    f['syntax_cfg'].write_text('model = dict(type="ImageClassifier",\n')

    def derived(name, base, body):
        path = d / name
        path.write_text(f"_base_ = ['{REPO_ROOT / base}']\n{body}")
        return path

    f['legacy_cfg'] = derived(
        'legacy.py', MNIST, "evaluation = dict(interval=1, metric='accuracy')\n"
    )
    nosuch = "dict(dataset=dict(type='NoSuchDataset'))"
    f['type_cfg'] = derived(
        'unknown_type.py', MNIST,
        f"model = dict(type='NoSuchModel')\ntrain_dataloader = {nosuch}\n"
        f'val_dataloader = {nosuch}\ntest_dataloader = {nosuch}\n',
    )  # fmt: skip
    broken = d / 'broken_mnist'
    broken.mkdir()
    for name in ('train', 't10k'):
        (broken / f'{name}-images-idx3-ubyte').write_bytes(b'\x08\x08\x08\x08' + bytes(64))
        (broken / f'{name}-labels-idx1-ubyte').write_bytes(b'\x00\x00\x08\x01' + bytes(4))
    data = f"dict(dataset=dict(data_root='{broken}'))"
    f['data_cfg'] = derived(
        'bad_data.py', MNIST,
        f'train_dataloader = {data}\nval_dataloader = {data}\ntest_dataloader = {data}\n',
    )  # fmt: skip
    good = f"dict(dataset=dict(data_root='{demo_root}/mnist'))"
    f['mnist_cfg'] = derived(
        'mnist.py', MNIST,
        f'train_dataloader = {good}\nval_dataloader = {good}\ntest_dataloader = {good}\n',
    )  # fmt: skip
    coco = d / 'coco.json'
    coco.write_text(
        '{"images": [{"id": 0, "file_name": "a.jpg", "height": 40, "width": 40}], '
        '"annotations": [{"id": 0, "image_id": 0, "category_id": 0, "bbox": [1, 1, 5, 5]}], '
        '"categories": [{"id": 0, "name": "potted plant"}]}'
    )
    f['classes_cfg'] = derived(
        'classes.py', 'configs/_base_/datasets/coco_detection.py',
        f"train_dataloader = dict(dataset=dict(data_root='', ann_file='{coco}', "
        "data_prefix=dict(img=''), metainfo=dict(classes=('pottedplant',))))\n",
    )  # fmt: skip
    # A loadable checkpoint of the MNIST model: tools/test.py checks the checkpoint before the data.
    from mmengine.config import Config

    from mmblog.registry import MODELS
    from mmblog.utils import register_all_modules

    register_all_modules(init_default_scope=False)
    f['model_ckpt'] = d / 'model.pth'
    model = MODELS.build(Config.fromfile(str(REPO_ROOT / MNIST)).model)
    torch.save(dict(state_dict=model.state_dict(), meta=dict()), f['model_ckpt'])
    f['garbage_ckpt'] = d / 'garbage.pth'
    f['garbage_ckpt'].write_bytes(b'this is not a checkpoint\n' * 4)
    f['empty_ckpt'] = d / 'empty.pth'
    f['empty_ckpt'].write_bytes(b'')
    full = d / 'full.pth'
    torch.save({'state_dict': {'w': torch.zeros(100, 100)}}, full)
    f['truncated_ckpt'] = d / 'truncated.pth'
    f['truncated_ckpt'].write_bytes(full.read_bytes()[:2000])
    f['image'] = d / 'img.jpg'
    import cv2

    cv2.imwrite(str(f['image']), np.zeros((32, 32, 3), np.uint8))
    f['truncated_image'] = d / 'truncated.jpg'
    f['truncated_image'].write_bytes(f['image'].read_bytes()[:150])
    f['bad_log'] = d / 'bad.log.json'
    f['bad_log'].write_text('{"mode": "train", "iter": 1}\nnot json\n')
    f['file_not_dir'] = d / 'a_file'
    f['file_not_dir'].write_text('x')
    f['dir'] = d
    return f


# (cli, kind) -> (argv builder, the text the error line must hold)
MATRIX = {
    ('tools/train.py', 'missing config'): (lambda b: [b['missing_cfg']], 'no_such_config.py'),
    ('tools/train.py', 'config syntax error'): (lambda b: [b['syntax_cfg']], 'syntax.py'),
    ('tools/train.py', 'unknown type'): (lambda b: [b['type_cfg'], '--work-dir', b['dir'] / 'w1'],
                                         'NoSuchModel'),
    ('tools/train.py', 'bad data'): (lambda b: [b['data_cfg'], '--work-dir', b['dir'] / 'w2'],
                                     'bad magic number'),
    ('tools/train.py', 'cfg-options typo'): (lambda b: [b['mnist_cfg'], '--cfg-options',
                                                        'train_cfg.max_epoch=1'], "'max_epochs'"),
    ('tools/test.py', 'missing config'): (lambda b: [b['missing_cfg'], b['garbage_ckpt']],
                                          'no_such_config.py'),
    ('tools/test.py', 'config syntax error'): (lambda b: [b['syntax_cfg'], b['garbage_ckpt']],
                                               'syntax.py'),
    ('tools/test.py', 'unknown type'): (lambda b: [b['type_cfg'], b['garbage_ckpt'],
                                                   '--work-dir', b['dir'] / 'w3'], 'NoSuch'),
    ('tools/test.py', 'bad data'): (lambda b: [b['data_cfg'], b['model_ckpt'], '--work-dir',
                                               b['dir'] / 'w4'], 'bad magic number'),
    ('tools/test.py', 'garbage checkpoint'): (lambda b: [b['mnist_cfg'], b['garbage_ckpt'],
                                                         '--work-dir', b['dir'] / 'w5'],
                                              'garbage.pth cannot be loaded'),
    ('tools/test.py', 'empty checkpoint'): (lambda b: [b['mnist_cfg'], b['empty_ckpt'],
                                                       '--work-dir', b['dir'] / 'w6'],
                                            'empty.pth cannot be loaded'),
    ('tools/test.py', 'truncated checkpoint'): (lambda b: [b['mnist_cfg'], b['truncated_ckpt'],
                                                           '--work-dir', b['dir'] / 'w7'],
                                                'truncated.pth cannot be loaded'),
    ('tools/analysis_tools/browse_dataset.py', 'missing config'): (
        lambda b: [b['missing_cfg'], '--output-dir', b['dir'] / 'v', '--not-show'],
        'no_such_config.py'),
    ('tools/analysis_tools/browse_dataset.py', 'unknown type'): (
        lambda b: [b['type_cfg'], '--output-dir', b['dir'] / 'v', '--not-show'], 'NoSuchDataset'),
    ('tools/analysis_tools/browse_dataset.py', 'bad data'): (
        lambda b: [b['classes_cfg'], '--output-dir', b['dir'] / 'v', '--not-show'],
        "'pottedplant' -> 'potted plant'"),
    ('tools/analysis_tools/benchmark.py', 'missing config'): (lambda b: [b['missing_cfg']],
                                                              'no_such_config.py'),
    ('tools/analysis_tools/benchmark.py', 'unknown type'): (lambda b: [b['type_cfg']], 'NoSuch'),
    ('tools/analysis_tools/benchmark.py', 'bad data'): (
        lambda b: [b['data_cfg'], '--mode', 'inference', '--iters', '1', '--warmup', '0'],
        'bad magic number'),
    ('tools/analysis_tools/analyze_logs.py', 'missing log'): (
        lambda b: ['cal_train_time', b['dir'] / 'none.log.json'], 'none.log.json'),
    ('tools/analysis_tools/analyze_logs.py', 'malformed log'): (
        lambda b: ['plot_curve', b['bad_log'], '--out', b['dir'] / 'p.png'], 'line 2'),
    ('tools/misc/print_config.py', 'missing config'): (lambda b: [b['missing_cfg']],
                                                       'no_such_config.py'),
    ('tools/misc/print_config.py', 'config syntax error'): (lambda b: [b['syntax_cfg']],
                                                            'syntax.py'),
    ('tools/misc/upgrade_config.py', 'missing config'): (
        lambda b: [b['missing_cfg'], b['dir'] / 'new.py'], 'no_such_config.py'),
    ('tools/misc/upgrade_config.py', 'config syntax error'): (
        lambda b: [b['syntax_cfg'], b['dir'] / 'new.py'], 'syntax.py: line 1: syntax error'),
    ('tools/train.py', 'MMDetection 2.x config'): (
        lambda b: [b['legacy_cfg']], "`evaluation=` is MMDetection 2.x"),
    ('tools/misc/make_demo_data.py', 'output is a file'): (
        lambda b: ['--out', b['file_not_dir'], '--only', 'mnist'], 'a_file'),
    ('tools/model_converters/torchvision2mmblog.py', 'garbage checkpoint'): (
        lambda b: [b['garbage_ckpt'], b['dir'] / 'o.pth'], 'garbage.pth cannot be loaded'),
    ('tools/model_converters/torchvision2mmblog.py', 'missing checkpoint'): (
        lambda b: [b['dir'] / 'none.pth', b['dir'] / 'o.pth'], 'none.pth'),
    ('tools/dataset_converters/images2coco.py', 'truncated image'): (
        lambda b: [b['dir'], b['syntax_cfg'], 'o.json'], 'cannot read image'),
    ('tools/dataset_converters/balloon2coco.py', 'missing VIA json'): (
        lambda b: [b['dir']], 'via_region_data.json: file not found'),
    ('tools/dataset_converters/cityscapes.py', 'not a Cityscapes tree'): (
        lambda b: [b['dir']], 'folder not found'),
    ('tools/dataset_converters/diginetica.py', 'wrong clicks header'): (
        lambda b: [b['syntax_cfg'], '-o', b['dir'] / 'dg', '--no-progress'], 'line 1 (header)'),
    ('tools/dataset_converters/yoochoose.py', 'missing clicks file'): (
        lambda b: [b['dir'] / 'none.dat', '--no-progress'], 'none.dat'),
    ('tools/analysis_tools/session_baselines.py', 'not a converted folder'): (
        lambda b: [b['dir']], 'all_train_seq.txt'),
    ('demo/session_rec_demo.py', 'missing config'): (
        lambda b: [b['missing_cfg'], b['garbage_ckpt'], '--session', '1'], 'no_such_config.py'),
    ('tools/misc/extract_vq_codes.py', 'missing config'): (
        lambda b: [b['missing_cfg'], b['garbage_ckpt'], '--out', b['dir'] / 'c.npz'],
        'no_such_config.py'),
    ('tools/misc/extract_vq_codes.py', 'garbage checkpoint'): (
        lambda b: [VQVAE, b['garbage_ckpt'], '--out', b['dir'] / 'c.npz'],
        'garbage.pth cannot be loaded'),
    ('tools/misc/extract_region_features.py', 'missing image folder'): (
        lambda b: [FASTER, b['garbage_ckpt'], b['dir'] / 'none', '--out', b['dir'] / 'f.lmdb'],
        'image folder not found'),
    ('tools/misc/extract_region_features.py', 'gt boxes without annotations'): (
        lambda b: [FASTER, b['garbage_ckpt'], b['dir'], '--gt-boxes', '--out', b['dir'] / 'f'],
        '--gt-boxes needs --ann-file'),
    ('tools/hpo.py', 'missing config'): (lambda b: [b['missing_cfg']], 'no_such_config.py'),
    ('demo/image_demo.py', 'missing image'): (
        lambda b: [b['dir'] / 'none.jpg', FASTER, b['garbage_ckpt']], 'none.jpg'),
    ('demo/image_demo.py', 'missing config'): (
        lambda b: [b['image'], b['missing_cfg'], b['garbage_ckpt'], '--out-file', 'o.png'],
        'no_such_config.py'),
    ('demo/image_demo.py', 'garbage checkpoint'): (
        lambda b: [b['image'], FASTER, b['garbage_ckpt'], '--out-file', b['dir'] / 'o.png'],
        'garbage.pth cannot be loaded'),
    ('demo/image_classification_demo.py', 'config syntax error'): (
        lambda b: [b['image'], b['syntax_cfg'], b['garbage_ckpt']], 'syntax.py'),
    ('demo/image_classification_demo.py', 'unknown type'): (
        lambda b: [b['image'], b['type_cfg'], b['garbage_ckpt']], 'NoSuchModel'),
    ('demo/image_classification_demo.py', 'garbage checkpoint'): (
        lambda b: [b['image'], b['mnist_cfg'], b['garbage_ckpt']], 'garbage.pth cannot be loaded'),
    ('demo/image_classification_demo.py', 'empty checkpoint'): (
        lambda b: [b['image'], b['mnist_cfg'], b['empty_ckpt']], 'empty.pth cannot be loaded'),
    ('demo/video_demo.py', 'missing video'): (
        lambda b: [b['dir'] / 'none.mp4', FASTER, b['garbage_ckpt'], '--out', 'o.mp4'],
        'none.mp4'),
    ('demo/webcam_demo.py', 'no camera'): (
        lambda b: [FASTER, b['garbage_ckpt'], '--camera-id', '97'], 'no camera at id 97'),
    ('demo/vqvae_reconstruct.py', 'missing config'): (
        lambda b: [b['missing_cfg'], b['garbage_ckpt'], '--out-file', 'o.png'],
        'no_such_config.py'),
    ('demo/vqvae_reconstruct.py', 'truncated checkpoint'): (
        lambda b: [VQVAE, b['truncated_ckpt'], '--out-file', b['dir'] / 'o.png'],
        'truncated.pth cannot be loaded'),
    ('demo/vqvae_sample.py', 'garbage checkpoint'): (
        lambda b: [VQVAE, b['garbage_ckpt'], '--prior', VQVAE, b['garbage_ckpt'], '--out-file',
                   b['dir'] / 'o.png'], 'garbage.pth cannot be loaded'),
    ('demo/cnp_demo.py', 'unknown type'): (
        lambda b: [b['type_cfg'], b['garbage_ckpt'], '--out-file', 'o.png'], 'NoSuchModel'),
    ('demo/cnp_demo.py', 'garbage checkpoint'): (
        lambda b: [CNP, b['garbage_ckpt'], '--out-file', b['dir'] / 'o.png'],
        'garbage.pth cannot be loaded'),
}  # fmt: skip


def _run_in_process(cli: str, argv: list, monkeypatch, capsys):
    module = _module(cli)
    monkeypatch.setattr(sys, 'argv', [str(REPO_ROOT / cli), *map(str, argv)])
    monkeypatch.delenv('MMBLOG_DEBUG', raising=False)
    monkeypatch.chdir(REPO_ROOT)
    with pytest.raises(SystemExit) as info:
        run_cli(lambda: module.main([str(a) for a in argv]))
    return info.value.code, capsys.readouterr().err


@pytest.mark.parametrize('cli,kind', sorted(MATRIX), ids=[f'{c}:{k}' for c, k in sorted(MATRIX)])
def test_user_error_is_one_line_with_exit_code_2(cli, kind, bad, monkeypatch, capsys):
    make_argv, expected = MATRIX[(cli, kind)]
    code, err = _run_in_process(cli, make_argv(bad), monkeypatch, capsys)
    tool = Path(cli).name
    lines = [line for line in err.splitlines() if line.startswith(f'{tool}: error:')]
    assert code == 2, err[-2000:]
    # (A traceback escaping run_cli would fail pytest.raises(SystemExit) above; stderr may hold
    # mmengine "--- Logging error ---" noise from loggers an earlier in-process test created on a
    # capture stream that is closed now, so the real entry point is checked in a subprocess below.)
    assert len(lines) == 1, err[-2000:]
    assert expected in lines[0], (expected, lines[0])


# CLIs that landed with the graph, text, video-language, knowledge and deploy families after this
# matrix was written; each family's own tests check its one-line errors. Listed by name so that a
# new CLI still fails the test below until it joins the matrix (or this list, with a reason).
NOT_YET_IN_MATRIX = {
    'demo/appnp_demo.py',
    'demo/cluster_gcn_partition_demo.py',
    'demo/fill_mask_demo.py',
    'demo/retrieval_demo.py',
    'demo/ernie_vil_demo.py',
    'tools/analysis_tools/ablation_table.py',
    'tools/analysis_tools/benchmark_graph.py',
    'tools/analysis_tools/benchmark_hgsampling.py',
    'tools/analysis_tools/benchmark_igmc_extraction.py',
    'tools/analysis_tools/benchmark_igmc_rgcn.py',
    'tools/analysis_tools/benchmark_session_graphs.py',
    'tools/analysis_tools/ensemble_test.py',
    'tools/analysis_tools/benchmark_vq_reference.py',
    'tools/analysis_tools/ernie2_schedule_table.py',
    'tools/analysis_tools/ernie_typing_ablation.py',
    'tools/analysis_tools/hero_ablation.py',
    'tools/analysis_tools/ernie_vil_benchmark.py',
    'tools/analysis_tools/ernie_vil_retrieval.py',
    'tools/analysis_tools/hero_benchmark.py',
    'tools/analysis_tools/link_prediction_speed.py',
    'tools/analysis_tools/reproduce_graph.py',
    'tools/analysis_tools/reproduce_hgt.py',
    'tools/analysis_tools/text_benchmark.py',
    'tools/deploy/k8s_job.py',
    'tools/deploy/kfp_pipeline.py',
    'tools/misc/check_layout.py',
    'tools/misc/train_tokenizer.py',
    'tools/model_converters/hf2mmblog.py',
    'tools/model_converters/transe2kg_embed.py',
}


def test_every_cli_is_in_the_matrix():
    clis = {
        str(p.relative_to(REPO_ROOT))
        for folder in ('tools', 'demo')
        for p in (REPO_ROOT / folder).rglob('*.py')
        if 'run_cli' in p.read_text()
    }
    assert clis - NOT_YET_IN_MATRIX == {cli for cli, _ in MATRIX}
    assert NOT_YET_IN_MATRIX <= clis


def test_debug_env_shows_the_traceback(bad, monkeypatch):
    module = _module('tools/test.py')
    monkeypatch.setenv('MMBLOG_DEBUG', '1')
    with pytest.raises(ValueError, match='bad magic number'):
        run_cli(lambda: module.main([str(bad['data_cfg']), str(bad['model_ckpt'])]))


def test_real_entry_point_one_line_then_traceback_with_debug(bad):
    """The subprocess view a user has: one stderr line and exit 2; MMBLOG_DEBUG=1 -> traceback."""
    cmd = [sys.executable, 'tools/analysis_tools/browse_dataset.py', str(bad['classes_cfg']),
           '--output-dir', str(bad['dir'] / 'v2'), '--not-show']  # fmt: skip
    proc = subprocess.run(cmd, cwd=REPO_ROOT, env=tool_env(), capture_output=True, text=True)
    assert proc.returncode == 2
    assert proc.stderr.strip().count('\n') == 0, proc.stderr
    assert proc.stderr.startswith('browse_dataset.py: error: ')
    assert 'one class per line' in proc.stderr
    debug = subprocess.run(cmd, cwd=REPO_ROOT, env=dict(tool_env(), MMBLOG_DEBUG='1'),
                           capture_output=True, text=True)  # fmt: skip
    assert debug.returncode != 0 and 'Traceback' in debug.stderr


def test_metainfo_classes_from_a_text_file(bad, tmp_path, monkeypatch, capsys):
    """The fix the error suggests: a classes file keeps the space --cfg-options would drop."""
    (tmp_path / 'classes.txt').write_text('potted plant\n')
    monkeypatch.chdir(REPO_ROOT)
    from mmengine.config import Config

    cfg = Config.fromfile(bad['classes_cfg'])
    ds_cfg = cfg.train_dataloader.dataset
    ds_cfg.metainfo.classes = str(tmp_path / 'classes.txt')
    ds_cfg.pipeline = []
    from mmblog.registry import DATASETS

    dataset = DATASETS.build(ds_cfg)
    assert dataset.metainfo['classes'] == ('potted plant',)
    assert len(dataset) == 1 and dataset[0]['instances'][0]['bbox_label'] == 0
