"""Pictures of multimodal predictions (``tools/test.py --show-dir``): text-to-video retrieval
rankings, ERNIE-ViL cloze answers on the image with its regions, and HERO answers as text.

Each function returns an RGB ``uint8`` array; the visualization hook writes or logs it.
"""

from collections.abc import Sequence

import cv2
import numpy as np

from .sample_drawing import BLACK, GREEN, GREY, RED

Word = tuple[str, tuple[int, int, int]]
_FONT, _SCALE, _THICK, _LINE_H, _MARGIN = cv2.FONT_HERSHEY_SIMPLEX, 0.5, 1, 22, 10


def draw_word_lines(lines: Sequence[Sequence[Word]], width: int = 900) -> np.ndarray:
    """Coloured words laid out line by line on a white canvas, wrapping at ``width``."""
    placed, y = [], _MARGIN + _LINE_H
    for line in lines:
        x = _MARGIN
        for word, color in line:
            (w, _), _ = cv2.getTextSize(word, _FONT, _SCALE, _THICK)
            if x + w > width - _MARGIN and x > _MARGIN:
                x, y = _MARGIN + 20, y + _LINE_H
            placed.append((word, color, x, y))
            x += w + 8
        y += _LINE_H
    canvas = np.full((y + _MARGIN, width, 3), 255, np.uint8)
    for word, color, x, y0 in placed:
        cv2.putText(canvas, word, (x, y0), _FONT, _SCALE, color, _THICK, cv2.LINE_AA)
    return canvas


def draw_retrieval(
    query: str,
    scores: np.ndarray,
    target: int,
    names: Sequence[str],
    top_k: int = 5,
) -> np.ndarray:
    """One text query and its ``top_k`` highest-scored clips (name and score); the true clip
    in green when retrieved, else its rank in red below the list."""
    scores = np.asarray(scores, dtype=np.float64)
    order = np.argsort(-scores, kind='stable')
    # ties count against the target, as in RetrievalMetric
    rank = int((scores >= scores[target]).sum())
    lines: list[list[Word]] = [[('query:', GREY), *((w, BLACK) for w in query.split())]]
    lines.append([(f'top {min(top_k, len(scores))} of {len(scores)} clips:', GREY)])
    for r, idx in enumerate(order[:top_k], 1):
        hit = int(idx) == target
        mark = '  <- true clip' if hit else ''
        color = GREEN if hit else BLACK
        lines.append([(f'{r}. {names[idx]}  score {scores[idx]:.3f}{mark}', color)])
    if rank > top_k:
        lines.append([(f'true clip {names[target]} ranked {rank}', RED)])
    return draw_word_lines(lines)


def draw_cloze(
    image: np.ndarray | None,
    boxes: np.ndarray,
    words: Sequence[str],
    positions: Sequence[int],
    predicted: Sequence[str],
    kind: str,
    image_size: tuple[int, int] | None = None,
    min_width: int = 480,
) -> np.ndarray:
    """The image (grey canvas when absent) with its region boxes, above the caption with the
    masked element filled in: green when right, red with the truth in brackets when wrong."""
    boxes = np.asarray(boxes, dtype=np.float32).reshape(-1, 4)
    if image is None:
        h, w = image_size or (
            int(boxes[:, 3].max(initial=64)) + 8,
            int(boxes[:, 2].max(initial=64)) + 8,
        )
        image = np.full((h, w, 3), 200, np.uint8)
    scale = max(1.0, min_width / image.shape[1])
    image = cv2.resize(
        np.ascontiguousarray(image),
        (round(image.shape[1] * scale), round(image.shape[0] * scale)),
        interpolation=cv2.INTER_NEAREST,
    )
    for k, (x0, y0, x1, y1) in enumerate(boxes * scale):
        p0, p1 = (int(x0), int(y0)), (int(x1), int(y1))
        cv2.rectangle(image, p0, p1, (255, 200, 0), 2)
        cv2.putText(image, f'r{k}', (p0[0] + 2, p0[1] + 14), _FONT, 0.45, (255, 200, 0), 1)
    masked = dict(zip(positions, predicted))
    caption: list[Word] = []
    for pos, word in enumerate(words):
        if pos not in masked:
            caption.append((word, BLACK))
        elif masked[pos] == word:
            caption.append((word, GREEN))
        else:
            caption.append((f'{masked[pos]}({word})', RED))
    right = all(masked[p] == words[p] for p in positions)
    head = [(f'cloze ({kind}):', GREY), ('right' if right else 'wrong', GREEN if right else RED)]
    text = draw_word_lines([head, caption], width=image.shape[1])
    return np.concatenate([image, text], axis=0)


def draw_moments(
    query: str,
    target: Sequence,
    moments: Sequence[tuple[str, float, float, float]],
    top_k: int = 5,
) -> np.ndarray:
    """A video-corpus moment-retrieval answer as text: the query, its true ``(video, start,
    end)`` and its ``top_k`` moments ``(video, start, end, score)`` across the corpus, in green
    when a moment is in the true video with temporal IoU >= 0.5, else the miss in red."""
    from mmblog.structures.temporal import temporal_iou

    true_vid, start, end = target[0], float(target[1]), float(target[2])
    lines: list[list[Word]] = [
        [('query:', GREY), *((w, BLACK) for w in query.split())],
        [(f'true moment: {true_vid} {start:.1f}-{end:.1f}s', GREY)],
        [(f'top {min(top_k, len(moments))} of {len(moments)} moments:', GREY)],
    ]
    hit = False
    for r, (vid, s, e, score) in enumerate(moments[:top_k], 1):
        iou = float(temporal_iou([(s, e)], [(start, end)])[0, 0]) if vid == true_vid else 0.0
        hit |= iou >= 0.5
        color = GREEN if iou >= 0.5 else BLACK
        lines.append([(f'{r}. {vid} {s:.1f}-{e:.1f}s  score {score:.3f}  tIoU {iou:.2f}', color)])
    if not hit:
        lines.append([(f'no moment in the top {top_k} overlaps the truth (tIoU >= 0.5)', RED)])
    return draw_word_lines(lines)
