"""Export a trained TransE as ERNIE's ``kg_embed`` folder.

    python tools/model_converters/transe2kg_embed.py CONFIG CHECKPOINT OUT_DIR

Writes ``entity2id.txt`` + ``entity2vec.vec`` (and ``relation2id.txt`` + ``relation2vec.vec``):
the vectors the model's distance uses (L2-normalised when the model normalises), with the names
of the config's training dataset.
"""

import argparse

from mmengine.config import Config

from mmblog.datasets.kg.kg_embed_io import write_kg_embed
from mmblog.registry import DATASETS, MODELS
from mmblog.utils import load_local_checkpoint, register_all_modules, run_cli


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('config')
    parser.add_argument('checkpoint')
    parser.add_argument('out_dir')
    args = parser.parse_args(argv)
    register_all_modules()
    cfg = Config.fromfile(args.config)
    dataset = DATASETS.build(dict(cfg.train_dataloader.dataset, neg_ratio=0))
    model = MODELS.build(cfg.model)
    ckpt = load_local_checkpoint(args.checkpoint, map_location='cpu')
    model.load_state_dict(ckpt.get('state_dict', ckpt))
    model.eval()
    ents = model.entity_vectors().detach().numpy()
    rels = model.relation_vectors().detach().numpy()
    for path in write_kg_embed(
        args.out_dir, dataset.entity_names, ents, dataset.relation_names, rels
    ):
        print(path)


if __name__ == '__main__':
    run_cli(main)
