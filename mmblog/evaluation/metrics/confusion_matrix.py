"""The confusion matrix of single-label predictions, and a picture of it."""

import torch

from mmblog.registry import METRICS

from .single_label import _PredCollector


@METRICS.register_module()
class ConfusionMatrix(_PredCollector):
    """Confusion matrix, drawn to ``out_file`` (PNG) when given; reports the mean per-class
    accuracy (the mean of the row-normalised diagonal).

    Args:
        out_file: Where to write the image (parent folders are created).
        normalize: Draw row-normalised fractions instead of counts.
    """

    default_prefix = 'confusion'

    def __init__(self, out_file: str | None = None, normalize: bool = False, **kwargs):
        super().__init__(**kwargs)
        self.out_file, self.normalize = out_file, normalize

    def compute_metrics(self, results: list) -> dict:
        cm = self._matrix(results)
        self.matrix = cm
        if self.out_file:
            plot_confusion_matrix(
                cm, self._class_names(cm.size(0)), self.out_file, normalize=self.normalize
            )
        rows = cm.sum(1).clamp(min=1).double()
        return {'mean_class_accuracy': (cm.diag() / rows).mean().item()}


def plot_confusion_matrix(
    cm: torch.Tensor, class_names: list[str], out_file: str, normalize: bool = False
) -> None:
    """Draw ``cm`` as a labelled heat map PNG (written via a temp file)."""
    import os

    import matplotlib

    matplotlib.use('Agg')
    import matplotlib.pyplot as plt

    data = cm.double()
    if normalize:
        data = data / data.sum(1, keepdim=True).clamp(min=1)
    n = len(class_names)
    size = max(4, 0.5 * n + 2)
    fig, ax = plt.subplots(figsize=(size, size))
    im = ax.imshow(data.numpy(), cmap='Blues')
    fig.colorbar(im, ax=ax, fraction=0.046)
    ax.set(
        xticks=range(n),
        yticks=range(n),
        xticklabels=class_names,
        yticklabels=class_names,
        xlabel='Predicted label',
        ylabel='True label',
        title='Confusion matrix',
    )
    plt.setp(ax.get_xticklabels(), rotation=45, ha='right')
    if n <= 30:
        thresh = data.max().item() / 2
        for i in range(n):
            for j in range(n):
                text = f'{data[i, j]:.2f}' if normalize else str(int(cm[i, j]))
                ax.text(
                    j,
                    i,
                    text,
                    ha='center',
                    va='center',
                    fontsize=7,
                    color='white' if data[i, j] > thresh else 'black',
                )
    fig.tight_layout()
    os.makedirs(os.path.dirname(os.path.abspath(out_file)), exist_ok=True)
    tmp = f'{out_file}.tmp.png'
    fig.savefig(tmp, dpi=100)
    plt.close(fig)
    os.replace(tmp, out_file)
