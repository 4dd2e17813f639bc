"""Pictures of predictions that are not drawn on an image: graph node classes, masked-token
predictions, and link-prediction rankings (``tools/test.py --show-dir`` for those families).

Each function returns an RGB ``uint8`` array; the visualization hook writes or logs it.
"""

from collections.abc import Callable, Sequence

import cv2
import numpy as np
import torch

IGNORE_INDEX = -100
GREEN, RED, BLACK, GREY = (0, 140, 0), (200, 0, 0), (0, 0, 0), (110, 110, 110)


def _figure_to_array(fig) -> np.ndarray:
    import matplotlib.pyplot as plt

    fig.tight_layout()
    fig.canvas.draw()
    drawn = np.asarray(fig.canvas.buffer_rgba())[..., :3].copy()
    plt.close(fig)
    return drawn


def _pyplot():
    import matplotlib

    matplotlib.use('Agg')  # drawing to files must not need a display
    import matplotlib.pyplot as plt

    return plt


def draw_node_confusion(
    pred_label: torch.Tensor, gt_label: torch.Tensor, classes: Sequence[str] | None = None
) -> np.ndarray:
    """Confusion matrix (true class rows, predicted class columns) of a graph's scored nodes,
    with the counts written in the cells and the node accuracy in the title."""
    pred = pred_label.long().flatten().cpu().numpy()
    true = gt_label.long().flatten().cpu().numpy()
    num = max(len(classes or ()), int(pred.max(initial=-1)) + 1, int(true.max(initial=-1)) + 1, 1)
    matrix = np.zeros((num, num), np.int64)
    np.add.at(matrix, (true, pred), 1)
    names = list(classes) if classes and len(classes) == num else [str(c) for c in range(num)]
    plt = _pyplot()
    side = 2.5 + 0.45 * num
    fig, ax = plt.subplots(figsize=(side, side), dpi=80)
    ax.imshow(matrix, cmap='Blues')
    for (r, c), count in np.ndenumerate(matrix):
        color = 'white' if count > matrix.max() / 2 else 'black'
        ax.text(c, r, str(count), ha='center', va='center', color=color, fontsize=8)
    ax.set_xticks(range(num), names, rotation=45, ha='right', fontsize=7)
    ax.set_yticks(range(num), names, fontsize=7)
    ax.set_xlabel('predicted class')
    ax.set_ylabel('true class')
    accuracy = float((pred == true).mean()) if len(true) else 0.0
    ax.set_title(f'{len(true)} nodes, accuracy {accuracy:.3f}', fontsize=9)
    return _figure_to_array(fig)


def draw_masked_tokens(
    input_ids: torch.Tensor,
    mlm_labels: torch.Tensor,
    pred_tokens: torch.Tensor,
    id_to_token: Callable[[int], str],
    skip_ids: Sequence[int] = (),
    width: int = 900,
) -> np.ndarray:
    """The corrupted input on one line block, the model's filled-in text below it: masked
    positions in green when the prediction is the original token, in red with the original
    in brackets when not. Padding and ``skip_ids`` tokens are left out."""
    font, scale, thick, line_h, margin = cv2.FONT_HERSHEY_SIMPLEX, 0.5, 1, 22, 10
    rows: list[list[tuple[str, tuple]]] = [[('input:', GREY)], [('predicted:', GREY)]]
    for pos, token_id in enumerate(input_ids.tolist()):
        if token_id in skip_ids:
            continue
        label = int(mlm_labels[pos])
        if label == IGNORE_INDEX:
            rows[0].append((id_to_token(token_id), BLACK))
            rows[1].append((id_to_token(token_id), BLACK))
            continue
        guess = int(pred_tokens[pos])
        rows[0].append((id_to_token(token_id), GREY))
        if guess == label:
            rows[1].append((id_to_token(guess), GREEN))
        else:
            rows[1].append((f'{id_to_token(guess)}({id_to_token(label)})', RED))
    # lay the words out, wrapping each block at ``width``
    placed, y = [], margin + line_h
    for row in rows:
        x = margin
        for word, color in row:
            (w, _), _ = cv2.getTextSize(word, font, scale, thick)
            if x + w > width - margin and x > margin:
                x, y = margin + 20, y + line_h
            placed.append((word, color, x, y))
            x += w + 8
        y += line_h + 8
    canvas = np.full((y + margin, width, 3), 255, np.uint8)
    for word, color, x, y0 in placed:
        cv2.putText(canvas, word, (x, y0), font, scale, color, thick, cv2.LINE_AA)
    return canvas


def draw_link_ranking(
    pred: dict, top_k: int = 10, names: Sequence[str] | None = None
) -> np.ndarray:
    """The ``top_k`` highest-scored tail entities of one ``(head, relation, ?)`` query as bars,
    the true tail in red, and its rank (1 = best) in the title."""
    head, relation, tail = (int(v) for v in pred['triple'][:3])
    scores = pred['tail_scores'].float().cpu()
    order = torch.argsort(scores, descending=True)
    rank = int((scores > scores[tail]).sum()) + 1
    shown = order[:top_k].tolist()

    def name(idx: int) -> str:
        return names[idx] if names is not None and idx < len(names) else str(idx)

    plt = _pyplot()
    fig, ax = plt.subplots(figsize=(6, 3.5), dpi=80)
    colors = ['tab:red' if e == tail else 'tab:blue' for e in shown]
    ax.barh(range(len(shown))[::-1], scores[shown].numpy(), color=colors)
    ax.set_yticks(range(len(shown))[::-1], [name(e) for e in shown], fontsize=7)
    ax.set_xlabel('score (higher = more plausible tail)')
    ax.set_title(
        f'({name(head)}, r{relation}, ?): true tail {name(tail)} ranked {rank}', fontsize=9
    )
    return _figure_to_array(fig)
