"""MNIST-format idx files made from scikit-learn's bundled 8x8 digits (no download needed)."""

import os

import numpy as np

from mmblog.datasets.mnist import write_idx


def upsample_digit(digit8x8: np.ndarray) -> np.ndarray:
    """Place an 8x8 digit (values 0..16) in a 20x20 box centred in 28x28, like MNIST."""
    import cv2

    box = cv2.resize(
        (digit8x8 * (255.0 / 16.0)).astype(np.float32), (20, 20), interpolation=cv2.INTER_LINEAR
    )
    canvas = np.zeros((28, 28), dtype=np.float32)
    canvas[4:24, 4:24] = box
    return np.clip(canvas, 0, 255).astype(np.uint8)


def make_mnist_demo(out_dir: str, seed: int = 0, test_fraction: float = 0.2) -> dict:
    """Write ``train-*`` and ``t10k-*`` idx files of the 1797 sklearn digits to ``out_dir/mnist``.

    Returns:
        Number of images per split.
    """
    from sklearn.datasets import load_digits

    digits = load_digits()
    rng = np.random.default_rng(seed)
    order = rng.permutation(len(digits.target))
    n_test = int(round(len(order) * test_fraction))
    splits = {'t10k': order[:n_test], 'train': order[n_test:]}
    folder = os.path.join(out_dir, 'mnist')
    os.makedirs(folder, exist_ok=True)
    counts = {}
    for prefix, idx in splits.items():
        images = np.stack([upsample_digit(digits.images[i]) for i in idx])
        write_idx(os.path.join(folder, f'{prefix}-images-idx3-ubyte'), images)
        write_idx(os.path.join(folder, f'{prefix}-labels-idx1-ubyte'), digits.target[idx])
        counts[prefix] = len(idx)
    return counts
