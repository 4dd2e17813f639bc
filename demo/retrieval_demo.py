"""Text-to-video retrieval with a trained HowTo100M embedding: for a text query, the top clips
of the config's test list with their captions, as a markdown table.

    python demo/retrieval_demo.py CONFIG CKPT --query "stir the sauce" [--topk 5] [--out r.md]
    python demo/retrieval_demo.py CONFIG CKPT --index 3     # query = test caption 3

With ``--index`` the table marks the clip that caption belongs to.
"""

import argparse

import torch
from mmengine.registry import init_default_scope

from mmblog.apis.generation import init_model
from mmblog.datasets.video_text import tokenize_words
from mmblog.registry import DATASETS
from mmblog.utils import ToolUsageError, run_cli


def retrieve(model, dataset, query: str, topk: int = 5) -> list[tuple[int, float]]:
    """(clip index, cosine score) of the ``topk`` clips of ``dataset`` nearest to ``query``."""
    text = torch.from_numpy(dataset.text_vectors(tokenize_words(query)))[None]
    with torch.no_grad():
        q = model.embed_text(text)[0]
        videos = torch.stack(
            [
                torch.from_numpy(dataset.clip_video(i['video_id'], i['start'], i['end']))
                for i in (dataset.get_data_info(k) for k in range(len(dataset)))
            ]
        )
        scores = model.embed_video(videos) @ q
    top = scores.topk(min(topk, len(dataset)))
    return list(zip(top.indices.tolist(), top.values.tolist()))


def markdown_table(dataset, query: str, hits, target: int | None = None) -> str:
    lines = [
        f'query: **{query}**',
        '',
        '| rank | score | video | clip (s) | caption |',
        '|---|---|---|---|---|',
    ]
    for rank, (idx, score) in enumerate(hits, 1):
        info = dataset.get_data_info(idx)
        mark = ' (match)' if idx == target else ''
        lines.append(
            f'| {rank} | {score:.3f} | {info["video_id"]}{mark} | '
            f'{info["start"]:.1f}-{info["end"]:.1f} | {info["text"]} |'
        )
    return '\n'.join(lines)


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument('config')
    parser.add_argument('checkpoint')
    parser.add_argument('--query', help='free text query')
    parser.add_argument('--index', type=int, help='use test caption INDEX as the query')
    parser.add_argument('--topk', type=int, default=5)
    parser.add_argument('--out', help='also write the table to this markdown file')
    args = parser.parse_args(argv)
    if (args.query is None) == (args.index is None):
        raise ToolUsageError('give exactly one of --query and --index')
    model = init_model(args.config, args.checkpoint)
    init_default_scope('mmblog')
    dataset = DATASETS.build(model.cfg.test_dataloader.dataset)
    if args.index is not None and not 0 <= args.index < len(dataset):
        raise ToolUsageError(f'--index {args.index} outside the {len(dataset)} test captions')
    query = args.query if args.index is None else dataset.get_data_info(args.index)['text']
    table = markdown_table(dataset, query, retrieve(model, dataset, query, args.topk), args.index)
    print(table)
    if args.out:
        with open(args.out, 'w', encoding='utf-8') as f:
            f.write(table + '\n')


if __name__ == '__main__':
    run_cli(main)
