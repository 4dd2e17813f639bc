"""Detect objects in a webcam stream (press q or Esc to quit).

python demo/webcam_demo.py CONFIG CHECKPOINT [--device cpu] [--camera-id 0] [--score-thr 0.5]
"""

import argparse

import cv2

from mmblog.apis import inference_detector, init_detector
from mmblog.utils import ToolUsageError, run_cli


def parse_args(argv=None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description='Detect objects in a webcam stream')
    parser.add_argument('config', help='config file')
    parser.add_argument('checkpoint', help='checkpoint file')
    parser.add_argument('--device', default='cpu', help='device, e.g. cpu or cuda:0')
    parser.add_argument('--camera-id', type=int, default=0, help='camera device id')
    parser.add_argument('--score-thr', type=float, default=0.5, help='bbox score threshold')
    return parser.parse_args(argv)


def main(argv=None) -> None:
    args = parse_args(argv)
    camera = cv2.VideoCapture(args.camera_id)
    ok, frame = camera.read() if camera.isOpened() else (False, None)
    if not ok:
        camera.release()
        raise ToolUsageError(
            f'no camera at id {args.camera_id} (cv2.VideoCapture could not read a frame); '
            'try another --camera-id, or use demo/video_demo.py on a video file'
        )
    model = init_detector(args.config, args.checkpoint, device=args.device)
    print('press q or Esc to quit')
    try:
        while ok:
            result = inference_detector(model, frame)
            drawn = model.show_result(frame, result, score_thr=args.score_thr)
            cv2.imshow('mmblog webcam demo', drawn)
            if cv2.waitKey(1) & 0xFF in (ord('q'), ord('Q'), 27):
                break
            ok, frame = camera.read()
    finally:
        camera.release()
        cv2.destroyAllWindows()


if __name__ == '__main__':
    run_cli(main)
