"""Classify one image: ``python demo/image_classification_demo.py IMAGE CONFIG CKPT``.

Prints the top-k classes with their scores and, with ``--out-file``, writes the image (enlarged
if small) annotated with them.
"""

import argparse

import numpy as np

from mmblog.apis import inference_classifier, init_classifier
from mmblog.utils import run_cli


def draw_topk(image: np.ndarray, topk: list, out_file: str, min_size: int = 224) -> None:
    """Write ``image`` with one ``class: score`` line per top-k entry."""
    import cv2
    import mmcv
    from mmengine.visualization import Visualizer

    if image.ndim == 2 or image.shape[2] == 1:
        image = np.repeat(image.reshape(*image.shape[:2], 1), 3, axis=2)
    scale = max(1, int(np.ceil(min_size / max(image.shape[:2]))))
    if scale > 1:
        image = cv2.resize(image, None, fx=scale, fy=scale, interpolation=cv2.INTER_NEAREST)
    vis = Visualizer(name='cls_demo')
    vis.set_image(image)
    lines = '\n'.join(f'{name}: {score:.3f}' for _, score, name in topk)
    vis.draw_texts(
        lines,
        np.array([4, 4]),
        colors='yellow',
        font_sizes=max(10, image.shape[0] // 20),
        bboxes=dict(facecolor='black', alpha=0.6, pad=0.5, edgecolor='none'),
    )
    mmcv.imwrite(vis.get_image()[..., ::-1], out_file)


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('image', help='image file')
    parser.add_argument('config', help='model config')
    parser.add_argument('checkpoint', help='checkpoint file')
    parser.add_argument('--topk', type=int, default=5, help='how many classes to print')
    parser.add_argument('--out-file', help='write the annotated image here')
    parser.add_argument('--device', default='cpu')
    args = parser.parse_args(argv)
    model = init_classifier(args.config, args.checkpoint, device=args.device)
    result = inference_classifier(model, args.image, topk=args.topk)
    for rank, (label, score, name) in enumerate(result['topk'], 1):
        print(f'{rank}. {name} (label {label}): {score:.4f}')
    if args.out_file:
        import mmcv

        # Draw on the picture as the user sees it (colour file), not the model's input.
        image = mmcv.imread(args.image, channel_order='rgb')
        draw_topk(image, result['topk'], args.out_file)
        print(f'wrote {args.out_file}')


if __name__ == '__main__':
    run_cli(main)
