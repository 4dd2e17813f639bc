"""Detect objects in every frame of a video.

python demo/video_demo.py VIDEO CONFIG CHECKPOINT [--device cpu] [--score-thr 0.3]
    [--out result.mp4] [--show] [--wait-time 1]
"""

import argparse
import os
import os.path as osp

import cv2
import mmcv
from mmengine.utils import track_iter_progress

from mmblog.apis import inference_detector, init_detector
from mmblog.utils import run_cli


def parse_args(argv=None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description='Detect objects in a video')
    parser.add_argument('video', help='video file')
    parser.add_argument('config', help='config file')
    parser.add_argument('checkpoint', help='checkpoint file')
    parser.add_argument('--device', default='cpu', help='device, e.g. cpu or cuda:0')
    parser.add_argument('--score-thr', type=float, default=0.3, help='bbox score threshold')
    parser.add_argument('--out', help='output video file (mp4v codec)')
    parser.add_argument('--show', action='store_true', help='show frames in a window')
    parser.add_argument('--wait-time', type=float, default=1, help='seconds per shown frame')
    return parser.parse_args(argv)


def main(argv=None) -> None:
    args = parse_args(argv)
    if not (args.out or args.show):
        raise ValueError('nothing to do: give --out FILE and/or --show')
    if not osp.isfile(args.video):
        raise FileNotFoundError(f'video not found: {args.video}')
    model = init_detector(args.config, args.checkpoint, device=args.device)
    video = mmcv.VideoReader(args.video)
    writer = None
    tmp = None
    if args.out:
        os.makedirs(osp.dirname(osp.abspath(args.out)), exist_ok=True)
        tmp = args.out + '.part' + osp.splitext(args.out)[1]
        fourcc = cv2.VideoWriter_fourcc(*'mp4v')
        writer = cv2.VideoWriter(tmp, fourcc, video.fps or 25, (video.width, video.height))
    try:
        for frame in track_iter_progress((video, len(video))):
            result = inference_detector(model, frame)
            drawn = model.show_result(
                frame, result, score_thr=args.score_thr, show=args.show, wait_time=args.wait_time
            )
            if writer is not None:
                writer.write(drawn)
    finally:
        if writer is not None:
            writer.release()
    if tmp is not None:
        os.replace(tmp, args.out)
        print(f'wrote {args.out} ({len(video)} frames)')


if __name__ == '__main__':
    run_cli(main)
