"""Multimodal prediction pictures mark the true answer green and a miss red."""

import numpy as np

from mmblog.visualization.multimodal_drawing import draw_cloze, draw_moments, draw_retrieval


def _has(drawn: np.ndarray, rgb: tuple[int, int, int]) -> bool:
    return bool((np.abs(drawn.astype(int) - rgb).sum(-1) < 60).any())


GREEN, RED = (0, 140, 0), (200, 0, 0)
NAMES = [f'clip{i}' for i in range(8)]


def test_retrieval_marks_the_true_clip_or_its_rank():
    scores = np.arange(8, dtype=float)  # clip 7 best
    hit = draw_retrieval('a query', scores, target=6, names=NAMES, top_k=3)
    assert _has(hit, GREEN) and not _has(hit, RED)
    miss = draw_retrieval('a query', scores, target=0, names=NAMES, top_k=3)
    assert _has(miss, RED) and not _has(miss, GREEN)
    # ties count against the target (as the metric ranks): all equal -> rank 8, a miss
    tied = draw_retrieval('a query', np.zeros(8), target=0, names=NAMES, top_k=3)
    assert _has(tied, RED)


def test_cloze_colours_the_filled_in_element():
    image = np.full((40, 60, 3), 128, np.uint8)
    boxes = np.array([[5, 5, 20, 20]])
    words = ['a', 'red', 'circle']
    right = draw_cloze(image, boxes, words, [2], ['circle'], 'object')
    assert right.shape[1] == 480 and _has(right, GREEN) and not _has(right, RED)
    wrong = draw_cloze(None, boxes, words, [2], ['square'], 'object')
    assert _has(wrong, RED) and not _has(wrong, GREEN)


def test_moments_need_the_true_video_and_half_overlap():
    target = ('v1', 2.0, 6.0)
    hit = draw_moments('q', target, [('v1', 2.0, 5.0, 0.9)])  # tIoU 0.75
    assert _has(hit, GREEN) and not _has(hit, RED)
    other_video = draw_moments('q', target, [('v2', 2.0, 6.0, 0.9)])
    assert _has(other_video, RED) and not _has(other_video, GREEN)
    small = draw_moments('q', target, [('v1', 5.0, 9.0, 0.9)])  # tIoU 1/7
    assert _has(small, RED)
