"""Where a visualizer's drawn image goes: a window, a file, or the vis backends."""

import mmcv
import numpy as np
from mmengine.visualization import Visualizer


def emit_drawn(
    vis: Visualizer,
    name: str,
    drawn: np.ndarray,
    show: bool,
    wait_time: float,
    out_file: str | None,
    step: int,
) -> np.ndarray:
    """Show ``drawn`` (RGB) when ``show``; write it to ``out_file`` if given, else hand it to
    the visualizer's backends at ``step``. Returns ``drawn``."""
    if show:
        vis.show(drawn, win_name=name, wait_time=wait_time)
    if out_file is not None:
        mmcv.imwrite(drawn[..., ::-1], out_file)
    else:
        vis.add_image(name, drawn, step)
    return drawn
