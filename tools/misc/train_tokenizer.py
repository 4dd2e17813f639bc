"""Train a WordPiece (BERT) or byte-level BPE (RoBERTa) vocabulary on local text, offline.

    python tools/misc/train_tokenizer.py CORPUS.txt [MORE.txt ...] --vocab-size 8000 --out vocab.txt
    python tools/misc/train_tokenizer.py CORPUS.txt --model bpe --vocab-size 8000 --out roberta_dir/

WordPiece writes ``vocab.txt`` (BERT format, with [PAD] [UNK] [CLS] [SEP] [MASK] first); BPE
writes ``vocab.json`` and ``merges.txt`` into the ``--out`` folder. ``--special`` adds model
tokens that are never split ([ENT], [HD], [TL], [IMG], ...).
"""

import argparse

from mmblog.datasets.tokenizers import BPETokenizer, WordPieceTokenizer
from mmblog.utils import ToolUsageError, run_cli


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('corpus', nargs='+', help='UTF-8 text files')
    parser.add_argument('--vocab-size', type=int, required=True)
    parser.add_argument('--out', required=True, help='vocab.txt (wordpiece) or a folder (bpe)')
    parser.add_argument('--model', choices=['wordpiece', 'bpe'], default='wordpiece')
    parser.add_argument('--min-frequency', type=int, default=2)
    parser.add_argument('--cased', action='store_true', help='keep case (WordPiece)')
    parser.add_argument('--special', nargs='*', default=[], help='extra never-split tokens')
    args = parser.parse_args(argv)
    if args.vocab_size < 10:
        raise ToolUsageError(f'--vocab-size {args.vocab_size} is too small')
    if args.model == 'wordpiece':
        n = WordPieceTokenizer.train(
            args.corpus,
            args.vocab_size,
            args.out,
            lowercase=not args.cased,
            min_frequency=args.min_frequency,
            extra_special_tokens=args.special,
        )
    else:
        n = BPETokenizer.train(
            args.corpus, args.vocab_size, args.out, args.min_frequency, args.special
        )
    print(f'{args.model} vocabulary of {n} tokens -> {args.out}')


if __name__ == '__main__':
    run_cli(main)
