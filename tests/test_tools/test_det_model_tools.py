"""Seed 001's model-side commands on the shapes demo: tools/train.py and tools/test.py with the
demo configs (Faster R-CNN, balloon Mask R-CNN, Cityscapes Cascade Mask R-CNN + user AugFPN),
the inference API, image/video/webcam demos and the benchmark tool."""

import cv2
import numpy as np
import pytest
import torch

from tests.conftest import REPO_ROOT, run_tool
from tests.fixtures.shapes_demo import shapes_demo_root  # noqa: F401

FASTER = 'configs/faster_rcnn/faster_rcnn_r50_fpn_1x_coco_demo.py'
BALLOON = 'configs/balloon/mask_rcnn_r50_caffe_fpn_mstrain-poly_1x_balloon_demo.py'
CITYSCAPES = 'configs/cityscapes/cascade_mask_rcnn_r50_augfpn_autoaug_10e_cityscapes_demo.py'
# the demo configs read data/demo/<name>/; point them at the session's generated copy
ROOTS = {FASTER: 'shapes', BALLOON: 'balloon', CITYSCAPES: 'cityscapes'}
# one short epoch, no worker processes
QUICK = (
    '--cfg-options', 'train_dataloader.num_workers=0', 'train_dataloader.persistent_workers=False',
    'val_dataloader.num_workers=0', 'val_dataloader.persistent_workers=False',
    'test_dataloader.num_workers=0', 'test_dataloader.persistent_workers=False',
    'train_cfg.max_epochs=1', 'train_cfg.val_interval=1', 'default_hooks.logger.interval=1',
)  # fmt: skip


def _config(tmp_path, config: str, root) -> str:
    """The demo config with its data root redirected (the config text is otherwise unchanged)."""
    text = (REPO_ROOT / config).read_text()
    parent = (REPO_ROOT / config).parent
    text = text.replace("_base_ = '", f"_base_ = '{parent}/").replace(
        "    '../", f"    '{parent}/../"
    )
    if f'data/demo/{ROOTS[config]}/' in text:
        text = text.replace(f'data/demo/{ROOTS[config]}/', f'{root}/{ROOTS[config]}/')
    else:  # the data root lives in a _base_/datasets/*_demo.py
        text += (
            f"data_root = '{root}/{ROOTS[config]}/'\n"
            'train_dataloader = dict(dataset=dict(data_root=data_root))\n'
            'val_dataloader = dict(dataset=dict(data_root=data_root))\n'
            'test_dataloader = val_dataloader\n'
            "val_evaluator = dict(ann_file=data_root + 'annotations/instances_val.json')\n"
            'test_evaluator = val_evaluator\n'
        )
    path = tmp_path / (REPO_ROOT / config).name
    path.write_text(text)
    return str(path)


@pytest.fixture(scope='module')
def faster_ckpt(shapes_demo_root, tmp_path_factory):  # noqa: F811
    """A Faster R-CNN demo checkpoint after one short epoch (2 iterations) of tools/train.py."""
    tmp = tmp_path_factory.mktemp('faster')
    cfg = _config(tmp, FASTER, shapes_demo_root)
    proc = run_tool('tools/train.py', cfg, '--work-dir', tmp / 'work', *QUICK)
    assert 'coco/bbox_mAP' in proc.stdout + proc.stderr
    return cfg, tmp / 'work' / 'epoch_1.pth'


def test_train_then_test_faster_rcnn_demo(faster_ckpt, tmp_path):
    cfg, ckpt = faster_ckpt
    out = tmp_path / 'pred.pkl'
    proc = run_tool('tools/test.py', cfg, ckpt, '--work-dir', tmp_path, '--out', out,
                    '--show-dir', tmp_path / 'vis')  # fmt: skip
    assert 'bbox_mAP_copypaste' in proc.stdout + proc.stderr
    assert out.is_file() and len(list((tmp_path / 'vis').glob('*.png'))) == 4


@pytest.mark.parametrize('config', [BALLOON, CITYSCAPES])
def test_train_then_test_balloon_and_cityscapes_demos(config, shapes_demo_root, tmp_path):  # noqa: F811
    cfg = _config(tmp_path, config, shapes_demo_root)
    run_tool('tools/train.py', cfg, '--work-dir', tmp_path / 'work', *QUICK)
    # the seed's command: python tools/test.py CONFIG work_dirs/.../latest.pth --eval bbox segm
    # --show-dir DIR (mmengine writes last_checkpoint, not latest.pth; the tool resolves it)
    assert not (tmp_path / 'work' / 'latest.pth').exists()
    proc = run_tool('tools/test.py', cfg, tmp_path / 'work' / 'latest.pth', '--eval', 'bbox',
                    'segm', '--show-dir', tmp_path / 'results', '--work-dir', tmp_path)  # fmt: skip
    log = proc.stdout + proc.stderr
    assert 'bbox_mAP_copypaste' in log and 'segm_mAP_copypaste' in log
    assert len(list((tmp_path / 'results').glob('*.png'))) > 0
    if config == CITYSCAPES:  # the user's AugFPN came in through custom_imports
        ckpt = torch.load(tmp_path / 'work' / 'epoch_1.pth', weights_only=False)
        assert any(k.startswith('neck.context_convs') for k in ckpt['state_dict'])


def test_inference_api_and_show_result(faster_ckpt, shapes_demo_root, tmp_path):  # noqa: F811
    from mmblog.apis import inference_detector, init_detector

    cfg, ckpt = faster_ckpt
    model = init_detector(cfg, str(ckpt), device='cpu')
    assert model.dataset_meta['classes'] == ('circle', 'rectangle', 'triangle')
    img = str(next((shapes_demo_root / 'shapes' / 'val').glob('*.jpg')))
    result = inference_detector(model, img)
    pred = result.pred_instances
    assert pred.bboxes.shape[1] == 4 and len(pred) == len(pred.scores)
    # an array (BGR, as mmcv.imread gives) gives the same result as the path
    again = inference_detector(model, [cv2.imread(img)])[0].pred_instances
    assert torch.allclose(again.bboxes, pred.bboxes) and torch.equal(again.labels, pred.labels)
    out = tmp_path / 'demo_result.jpg'
    drawn = model.show_result(img, result, score_thr=0.0, out_file=str(out))
    assert out.is_file() and drawn.shape == cv2.imread(img).shape
    with pytest.raises(FileNotFoundError, match='image not found'):
        inference_detector(model, str(tmp_path / 'missing.jpg'))


def test_image_video_and_webcam_demos(faster_ckpt, shapes_demo_root, tmp_path):  # noqa: F811
    cfg, ckpt = faster_ckpt
    img = next((shapes_demo_root / 'shapes' / 'val').glob('*.jpg'))
    out = tmp_path / 'img_out.jpg'
    proc = run_tool('demo/image_demo.py', img, cfg, ckpt, '--device', 'cpu', '--score-thr', '0.1',
                    '--out-file', out)  # fmt: skip
    assert out.is_file() and 'detections with score > 0.1' in proc.stdout

    video = tmp_path / 'demo.mp4'
    frame = cv2.imread(str(img))
    writer = cv2.VideoWriter(str(video), cv2.VideoWriter_fourcc(*'mp4v'), 5, frame.shape[1::-1])
    for i in range(3):
        writer.write(np.roll(frame, 8 * i, axis=1))
    writer.release()
    out_video = tmp_path / 'out' / 'result.mp4'
    run_tool('demo/video_demo.py', video, cfg, ckpt, '--out', out_video)
    assert out_video.is_file()
    assert int(cv2.VideoCapture(str(out_video)).get(cv2.CAP_PROP_FRAME_COUNT)) == 3

    proc = run_tool('demo/webcam_demo.py', cfg, ckpt, '--camera-id', '97', check=False)
    assert proc.returncode != 0 and 'no camera at id 97' in proc.stderr


def test_benchmark_reports_speed_memory_and_torchvision_ratio():
    proc = run_tool('tools/analysis_tools/benchmark.py', FASTER, '--shape', '96', '128',
                    '--iters', '2', '--warmup', '0', '--batch-size', '1')  # fmt: skip
    assert 'train:' in proc.stdout and 'iter/s' in proc.stdout and 'img/s' in proc.stdout
    assert 'peak RSS' in proc.stdout
    # the paper config against torchvision's Faster R-CNN, same weights and inputs
    proc = run_tool('tools/analysis_tools/benchmark.py', 'configs/faster_rcnn/faster_rcnn_r50_fpn_1x_coco.py',
                    '--mode', 'inference', '--shape', '128', '160', '--iters', '2', '--warmup', '1',
                    '--batch-size', '1', '--reference', 'torchvision')  # fmt: skip
    assert 'torchvision FasterRCNN' in proc.stdout and 'ratio mmblog/reference' in proc.stdout
    proc = run_tool('tools/analysis_tools/benchmark.py', CITYSCAPES, '--reference', 'torchvision',
                    '--shape', '64', '64', check=False)  # fmt: skip
    assert (
        proc.returncode != 0
        and 'no torchvision reference for model type CascadeRCNN' in proc.stderr
    )


TUTORIAL = """
from mmblog.apis import init_detector, inference_detector
import mmcv

# Specify the path to model config and checkpoint file
config_file = '{config}'
checkpoint_file = '{checkpoint}'

# build the model from a config file and a checkpoint file
model = init_detector(config_file, checkpoint_file, device='cpu')

# test a single image and show the results
img = 'demo/demo.jpg'  # or img = mmcv.imread(img), which will only load it once
result = inference_detector(model, img)
# visualize the results in a new window
model.show_result(img, result)
# or save the visualization results to image files
model.show_result(img, result, out_file='demo/demo_result.jpg')

# test a video and show the results
video = mmcv.VideoReader('demo/demo.mp4')
for frame in video:
    result = inference_detector(model, frame)
    model.show_result(frame, result, wait_time=1)
print('frames', len(video))
"""


def test_seed_tutorial_script_runs_with_mmblog(faster_ckpt, shapes_demo_root, tmp_path):  # noqa: F811
    """The seed's tutorial_1.py, word for word but for mmdet -> mmblog, the paths and the CPU."""
    cfg, ckpt = faster_ckpt
    (tmp_path / 'demo').mkdir()
    img = cv2.imread(str(next((shapes_demo_root / 'shapes' / 'val').glob('*.jpg'))))
    cv2.imwrite(str(tmp_path / 'demo' / 'demo.jpg'), img)
    writer = cv2.VideoWriter(
        str(tmp_path / 'demo' / 'demo.mp4'), cv2.VideoWriter_fourcc(*'mp4v'), 5, img.shape[1::-1]
    )
    for _ in range(2):
        writer.write(img)
    writer.release()
    script = tmp_path / 'tutorial_1.py'
    script.write_text(TUTORIAL.format(config=cfg, checkpoint=ckpt))
    proc = run_tool(script, cwd=tmp_path)
    assert 'frames 2' in proc.stdout
    assert (tmp_path / 'demo' / 'demo_result.jpg').is_file()
