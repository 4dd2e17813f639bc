"""The tutorial's demo/demo.jpg (committed) and demo/demo.mp4 (generated from the shapes)."""

import cv2
import mmcv
import numpy as np

from mmblog.testing.demo_data import DEMO_GENERATORS
from tests.conftest import REPO_ROOT


def test_committed_demo_jpg_is_a_shapes_scene():
    img = cv2.imread(str(REPO_ROOT / 'demo/demo.jpg'))
    assert img is not None and img.shape == (240, 320, 3)
    # bright saturated shapes on a low-saturation background
    sat = cv2.cvtColor(img, cv2.COLOR_BGR2HSV)[..., 1]
    assert 0.03 < (sat > 150).mean() < 0.6


def test_demo_video_frames_move_and_are_readable(tmp_path):
    summary = DEMO_GENERATORS['demo_media'](str(tmp_path), seed=0, n_frames=6)
    video = mmcv.VideoReader(summary['video'])
    assert len(video) == 6 and (video.width, video.height) == (320, 240)
    frames = [f.astype(int) for f in video]
    assert all(f.shape == (240, 320, 3) for f in frames)
    assert np.abs(frames[0] - frames[-1]).mean() > 1.0  # the shapes move
    jpg = cv2.imread(summary['image'])
    assert jpg.shape == (240, 320, 3)
    assert not list(tmp_path.glob('*.part*'))  # nothing half-written left behind
