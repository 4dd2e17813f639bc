"""Parse a caption into a scene graph and show ERNIE-ViL's cloze predictions for one image.

python demo/ernie_vil_demo.py CONFIG CKPT IMAGE_ID "a red circle left of a blue square"
    [--split val] [--out-file ernie_vil_demo.png]

The image's region features come from the config's val (or train) feature LMDB. Each object,
attribute and relation of the parsed caption is masked in turn and the model's top 5 fillers are
printed; the picture shows the image with its regions and the predictions.
"""

import argparse
import os.path as osp

import torch
from mmengine.config import Config

from mmblog.apis import init_model
from mmblog.datasets.image_text import ErnieVilCaptionDataset, ernie_vil_collate
from mmblog.datasets.text.scene_graph_parser import SceneGraphParseError
from mmblog.utils import ToolUsageError, run_cli

KINDS = ('object', 'attribute', 'relation')


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('config')
    parser.add_argument('checkpoint')
    parser.add_argument('image_id')
    parser.add_argument('caption')
    parser.add_argument('--split', choices=['val', 'train'], default='val')
    parser.add_argument('--out-file', default='ernie_vil_demo.png')
    args = parser.parse_args(argv)
    if not osp.isfile(args.config):
        raise ToolUsageError(f'config file not found: {args.config}')
    cfg = Config.fromfile(args.config)
    loader = cfg.val_dataloader if args.split == 'val' else cfg.train_dataloader
    ds_cfg = {k: v for k, v in loader.dataset.items() if k != 'type'}
    ds_cfg['mode'] = 'pretrain'
    ds = ErnieVilCaptionDataset(**ds_cfg, lazy_init=True)
    ds.full_init()
    try:
        graph = ds.parser(args.caption)
    except SceneGraphParseError as e:
        raise ToolUsageError(str(e)) from e
    print('scene graph:')
    print('  objects   ', graph.objects)
    print('  attributes', [(graph.objects[o], a) for o, a in graph.attributes])
    print('  relations ', [(graph.objects[s], r, graph.objects[o]) for s, r, o in graph.relations])
    if args.image_id not in ds.store:
        raise ToolUsageError(f'image id {args.image_id} not in {ds.store.path}')
    model = init_model(args.config, args.checkpoint)
    enc = ds.encode_caption(args.caption)
    regions = ds.regions(args.image_id)
    items = [
        dict(input_ids=enc['input_ids'], cloze_kind=k, cloze_positions=pos, **regions)
        for k, pos in enc['graph_spans']
    ]
    if not items:
        raise ToolUsageError(f'no scene-graph element of {args.caption!r} maps to tokens')
    batch = ernie_vil_collate(items)
    ids = batch['inputs']['input_ids'].clone()
    for i, pos in enumerate(batch['data_samples']['cloze_positions']):
        ids[i, pos] = model.mask_token_id
    with torch.no_grad():
        logits = model.mlm_head(model._encode(batch['inputs'], ids)['text'])
    lines = []
    tok = ds.tokenizer
    for i, (k, pos) in enumerate(enc['graph_spans']):
        truth = ' '.join(tok.convert_ids_to_tokens([enc['input_ids'][p] for p in pos]))
        probs = logits[i, pos].softmax(-1)
        top = [
            ' '.join(tok.convert_ids_to_tokens(probs.topk(5, -1).indices[:, j].tolist()))
            for j in range(5)
        ]
        line = f'{KINDS[k]:<9} {truth!r:<12} -> ' + ', '.join(top)
        print(line)
        lines.append(line)
    _draw(ds, args, regions, lines)


def _draw(ds, args, regions, lines) -> None:
    import json

    import cv2
    import numpy as np

    ann = osp.join(ds.data_root, 'annotations', f'instances_{args.split}.json')
    if not osp.isfile(ann):
        return
    with open(ann, encoding='utf-8') as f:
        names = {str(im['id']): im['file_name'] for im in json.load(f)['images']}
    if args.image_id not in names:
        return
    img = cv2.imread(osp.join(ds.data_root, args.split, names[args.image_id]))
    for b in regions['boxes'].numpy().astype(int):
        cv2.rectangle(img, (b[0], b[1]), (b[2], b[3]), (255, 255, 255), 1)
    pad = np.full((16 * (len(lines) + 1), max(img.shape[1], 560), 3), 255, np.uint8)
    canvas = np.full((img.shape[0] + pad.shape[0], pad.shape[1], 3), 255, np.uint8)
    canvas[: img.shape[0], : img.shape[1]] = img
    for i, text in enumerate([args.caption, *lines]):
        y = img.shape[0] + 14 + 16 * i
        cv2.putText(canvas, text, (4, y), cv2.FONT_HERSHEY_SIMPLEX, 0.4, (0, 0, 0), 1)
    cv2.imwrite(args.out_file, canvas)
    print(f'picture -> {args.out_file}')


if __name__ == '__main__':
    run_cli(main)
