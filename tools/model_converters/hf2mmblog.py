"""Convert a local Hugging Face BERT/RoBERTa checkpoint into an mmblog checkpoint.

    python tools/model_converters/hf2mmblog.py HF_DIR DST.pth [--prefix encoder.] [--head-prefix head.]

HF_DIR holds ``config.json`` and ``model.safetensors`` (or ``pytorch_model.bin``, read with
``weights_only``; nothing in it is executed). Encoder weights keep their names under
``--prefix`` (``encoder.`` in ``MaskedLanguageModel``); ``--head-prefix`` also keeps the
masked-LM head. DST loads with ``load_from=DST`` or ``tools/test.py CONFIG DST``. To start a
model from HF weights without converting, set ``hf_checkpoint=HF_DIR`` in the BertEncoder config.
No network is used.
"""

import argparse

from mmblog.models.converters import convert_hf_checkpoint
from mmblog.utils import run_cli


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('src', help='HF checkpoint folder or weight file')
    parser.add_argument('dst', help='output .pth')
    parser.add_argument('--prefix', default='encoder.', help='encoder prefix in the mmblog model')
    parser.add_argument('--head-prefix', default=None, help='keep the MLM head under this prefix')
    args = parser.parse_args(argv)
    counts = convert_hf_checkpoint(args.src, args.dst, args.prefix, args.head_prefix)
    print(f'{args.src} -> {args.dst}: {counts}')


if __name__ == '__main__':
    run_cli(main)
