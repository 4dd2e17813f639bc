"""Pictures of the dict predictions that generative models return (no data sample to draw on).

``tools/test.py --show-dir`` draws every family: VQ-VAE/VQ-VAE-2 show the input next to its
reconstruction, CNPs the predicted mean with its +-2 sigma band over the target and context
points, KG embeddings the top-scored tails of each query. A prediction with nothing to look at
(a prior's likelihood) gives ``None``.
"""

import numpy as np
import torch


def _to_uint8_hwc(image: torch.Tensor) -> np.ndarray:
    """(C, H, W) floats in [0, 1] -> (H, W, 3) uint8 RGB."""
    array = (image.detach().float().clamp(0, 1) * 255).round().byte().cpu().numpy()
    array = array.transpose(1, 2, 0)
    if array.shape[2] == 1:
        array = np.repeat(array, 3, axis=2)
    return np.ascontiguousarray(array)


def draw_reconstruction(orig: torch.Tensor, recon: torch.Tensor, min_size: int = 128) -> np.ndarray:
    """The input (left) and its reconstruction (right), enlarged by pixel repetition."""
    pair = np.concatenate([_to_uint8_hwc(orig), _to_uint8_hwc(recon)], axis=1)
    scale = max(1, -(-min_size // pair.shape[0]))
    return np.ascontiguousarray(pair.repeat(scale, axis=0).repeat(scale, axis=1))


def draw_regression_band(pred: dict, size: tuple[int, int] = (480, 320)) -> np.ndarray:
    """Mean and +-2 sigma band of a 1-D CNP prediction over its target and context points."""
    import matplotlib

    matplotlib.use('Agg')  # drawing to files must not need a display
    import matplotlib.pyplot as plt

    x = pred['target_x'][:, 0].numpy()
    order = np.argsort(x)
    mu = pred['mu'][:, 0].numpy()[order]
    sigma = pred['sigma'][:, 0].numpy()[order]
    fig, ax = plt.subplots(figsize=(size[0] / 80, size[1] / 80), dpi=80)
    ax.fill_between(x[order], mu - 2 * sigma, mu + 2 * sigma, alpha=0.3, label='mean +- 2 sigma')
    ax.plot(x[order], mu, lw=2, label='predicted mean')
    ax.plot(x[order], pred['target_y'][:, 0].numpy()[order], 'k:', lw=1, label='target')
    ax.scatter(pred['context_x'][:, 0], pred['context_y'][:, 0], c='k', s=20, label='context')
    ax.legend(loc='upper right', fontsize=7)
    if 'nll' in pred:
        ax.set_title(f'NLL {pred["nll"]:.3f}')
    fig.tight_layout()
    fig.canvas.draw()
    drawn = np.asarray(fig.canvas.buffer_rgba())[..., :3].copy()
    plt.close(fig)
    return drawn


def draw_prediction_dict(pred: dict) -> np.ndarray | None:
    """The picture of one dict prediction, or ``None`` when it holds nothing to draw."""
    if 'orig' in pred and 'recon' in pred:
        return draw_reconstruction(pred['orig'], pred['recon'])
    if {'mu', 'sigma', 'target_x', 'context_x'} <= pred.keys() and pred['target_x'].shape[-1] == 1:
        return draw_regression_band(pred)
    if {'triple', 'tail_scores'} <= pred.keys():
        from .sample_drawing import draw_link_ranking

        return draw_link_ranking(pred)
    return None
