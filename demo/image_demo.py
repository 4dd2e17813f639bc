"""Detect objects in one image and draw them.

    python demo/image_demo.py IMAGE CONFIG CHECKPOINT [--device cpu] [--score-thr 0.3]
        [--out-file result.jpg]

Without ``--out-file`` the result is shown in a window (needs a display).
"""

import argparse
import os

from mmblog.apis import inference_detector, init_detector
from mmblog.utils import ToolUsageError, run_cli


def parse_args(argv=None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description='Detect objects in an image')
    parser.add_argument('img', help='image file')
    parser.add_argument('config', help='config file')
    parser.add_argument('checkpoint', help='checkpoint file')
    parser.add_argument('--device', default='cpu', help='device, e.g. cpu or cuda:0')
    parser.add_argument('--score-thr', type=float, default=0.3, help='bbox score threshold')
    parser.add_argument('--out-file', help='write the drawn image here instead of showing it')
    return parser.parse_args(argv)


def main(argv=None) -> None:
    args = parse_args(argv)
    if not os.path.isfile(args.img):
        raise FileNotFoundError(f'image not found: {args.img}')
    if args.out_file is None and os.name != 'nt' and not os.environ.get('DISPLAY'):
        raise ToolUsageError('no display to show the result on; pass --out-file FILE')
    model = init_detector(args.config, args.checkpoint, device=args.device)
    result = inference_detector(model, args.img)
    model.show_result(
        args.img,
        result,
        score_thr=args.score_thr,
        show=args.out_file is None,
        out_file=args.out_file,
    )
    kept = int((result.pred_instances.scores > args.score_thr).sum())
    where = f', drawn to {args.out_file}' if args.out_file else ''
    print(f'{kept} detections with score > {args.score_thr}{where}')


if __name__ == '__main__':
    run_cli(main)
