"""Draw the ground truth of a config's training data, after its train pipeline, to PNGs.

Usage: python tools/analysis_tools/browse_dataset.py CONFIG --output-dir DIR [--not-show]
       [--max-images N] [--show-interval S] [--cfg-options k=v ...]
"""

import argparse
import os
import os.path as osp

from mmengine.config import Config, DictAction

from mmblog.utils import merge_cfg_options, register_all_modules, run_cli


def parse_args(argv=None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description='Browse a dataset (ground truth after the pipeline)'
    )
    parser.add_argument('config', help='config file path')
    parser.add_argument('--output-dir', default=None, help='write the drawings (PNG) here')
    parser.add_argument('--not-show', default=False, action='store_true', help='no window')
    parser.add_argument('--show-interval', type=float, default=2, help='seconds per image shown')
    parser.add_argument('--max-images', type=int, default=None, help='stop after N images')
    parser.add_argument(
        '--cfg-options', nargs='+', action=DictAction, help='override config keys (must exist)'
    )
    return parser.parse_args(argv)


def main(argv=None) -> list[str]:
    args = parse_args(argv)
    if args.not_show and args.output_dir is None:
        raise ValueError('--not-show without --output-dir draws nothing; give --output-dir')
    cfg = Config.fromfile(args.config)
    merge_cfg_options(cfg, args.cfg_options)
    register_all_modules()

    from mmengine.utils import ProgressBar

    from mmblog.registry import DATASETS, VISUALIZERS

    dataset = DATASETS.build(cfg.train_dataloader.dataset)
    vis_cfg = dict(cfg.get('visualizer', {}) or {})
    vis_cfg.update(type='DetLocalVisualizer', name=f'browse_dataset_{os.getpid()}')
    vis_cfg.pop('save_dir', None)
    visualizer = VISUALIZERS.build(vis_cfg)
    visualizer.dataset_meta = dataset.metainfo

    total = len(dataset) if args.max_images is None else min(args.max_images, len(dataset))
    written = []
    progress = ProgressBar(total)
    for i in range(total):
        item = dataset[i]
        sample = item['data_samples']
        img = item['inputs'].permute(1, 2, 0).numpy()[..., [2, 1, 0]]  # BGR -> RGB
        name = osp.splitext(osp.basename(sample.metainfo.get('img_path', f'{i:05d}')))[0]
        out_file = osp.join(args.output_dir, f'{i:05d}_{name}.png') if args.output_dir else None
        visualizer.add_datasample(
            name,
            img,
            data_sample=sample,
            draw_pred=False,
            show=not args.not_show,
            wait_time=args.show_interval,
            out_file=out_file,
        )
        if out_file:
            written.append(out_file)
        progress.update()
    if args.output_dir:
        print(f'\nwrote {len(written)} images to {args.output_dir}')
    return written


if __name__ == '__main__':
    run_cli(main)
