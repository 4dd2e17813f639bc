"""Speed of mmblog's BertEncoder against ``transformers.BertModel``, and SDPA attention against a
hand-written one, measured in one run with the steps interleaved.

    python tools/analysis_tools/text_benchmark.py [--size base|small|tiny] [--batch-size 8]
        [--seq-len 128] [--iters 10] [--attn-seq-lens 128 512] [--device cpu|cuda]
        [--dtype fp32|bf16] [--threads N] [--out result.json]

Both encoders get the same config and the same weights (ours loads the HF state dict
strictly), the same batch (a quarter of the rows padded to half length) and do forward +
backward of ``last_hidden_state.sum()`` in train mode. Timings alternate mmblog / reference step
by step, so load on a shared machine hits both alike; the median step time gives tokens/s and
the ratio mmblog / transformers. On CUDA with ``--dtype bf16`` (autocast) it also reports model
FLOPs utilisation: (6 N + 12 layers L d) FLOPs per token (N non-embedding parameters) over the
GPU's dense bf16 peak (``--peak-tflops``, known for H100/H200/A100). ``transformers`` is a test
requirement, needed only here and in the parity tests. No network is used.
"""

import argparse
import json
import math
import os
import statistics
import time

import torch
import torch.nn.functional as F

from mmblog.models.layers.transformer import MultiheadAttention
from mmblog.models.text import BertEncoder
from mmblog.utils import run_cli

SIZES = {
    'base': dict(hidden_size=768, num_hidden_layers=12, num_attention_heads=12, intermediate_size=3072),
    'small': dict(hidden_size=512, num_hidden_layers=4, num_attention_heads=8, intermediate_size=2048),
    'tiny': dict(hidden_size=128, num_hidden_layers=2, num_attention_heads=2, intermediate_size=512),
}  # fmt: skip
PEAK_BF16_TFLOPS = {'H200': 989.5, 'H100': 989.5, 'A100': 312.0, 'L40S': 362.0}


class HandWrittenAttention(MultiheadAttention):
    """The same projections with softmax(QK^T / sqrt(d)) V written out (the baseline)."""

    def forward(self, query, key_value=None, attention_mask=None, **kwargs):
        kv = query if key_value is None else key_value
        q, k, v = (
            self._heads(self.query(query)),
            self._heads(self.key(kv)),
            self._heads(self.value(kv)),
        )
        scores = q @ k.transpose(-2, -1) / math.sqrt(self.head_dims)
        if attention_mask is not None:
            scores = scores.masked_fill(~attention_mask.bool()[:, None, None, :], float('-inf'))
        out = F.dropout(scores.softmax(-1), self.attn_drop, self.training) @ v
        b, _, n, _ = out.shape
        return out.transpose(1, 2).reshape(b, n, self.attn_dims)


def sync(device: str) -> None:
    if device == 'cuda':
        torch.cuda.synchronize()


def interleaved(steps: dict, iters: int, warmup: int, device: str) -> dict[str, float]:
    """Median seconds per call of each step function, calls alternating between them."""
    times = {name: [] for name in steps}
    for i in range(warmup + iters):
        for name, step in steps.items():
            sync(device)
            t0 = time.perf_counter()
            step()
            sync(device)
            if i >= warmup:
                times[name].append(time.perf_counter() - t0)
    return {name: statistics.median(t) for name, t in times.items()}


def make_batch(batch: int, seq: int, vocab: int, device: str):
    g = torch.Generator().manual_seed(0)
    ids = torch.randint(1000, vocab, (batch, seq), generator=g)
    mask = torch.ones(batch, seq, dtype=torch.long)
    mask[: max(1, batch // 4), seq // 2 :] = 0
    ids[mask == 0] = 0
    return ids.to(device), mask.to(device)


def encoder_benchmark(args) -> dict:
    import transformers

    size = SIZES[args.size]
    cfg = transformers.BertConfig(vocab_size=30522, **size)
    cfg._attn_implementation = 'sdpa'
    ref = transformers.BertModel(cfg).to(args.device).train()
    ours = BertEncoder(**BertEncoder.hf_config_to_kwargs(cfg.to_dict())).to(args.device).train()
    ours.load_state_dict(ref.state_dict(), strict=True)
    ids, mask = make_batch(args.batch_size, args.seq_len, cfg.vocab_size, args.device)
    dtype = torch.bfloat16 if args.dtype == 'bf16' else None

    def step(model, hf: bool):
        def run():
            with torch.autocast(args.device, dtype=dtype, enabled=dtype is not None):
                out = model(input_ids=ids, attention_mask=mask)
                hidden = out.last_hidden_state if hf else out['last_hidden_state']
            hidden.float().sum().backward()
            model.zero_grad(set_to_none=True)

        return run

    sec = interleaved(
        {'mmblog': step(ours, False), 'transformers': step(ref, True)},
        args.iters,
        args.warmup,
        args.device,
    )
    tokens = args.batch_size * args.seq_len
    result = {
        'size': args.size,
        'batch_size': args.batch_size,
        'seq_len': args.seq_len,
        'dtype': args.dtype,
        'mmblog_tokens_per_s': tokens / sec['mmblog'],
        'transformers_tokens_per_s': tokens / sec['transformers'],
        'ratio': sec['transformers'] / sec['mmblog'],
    }
    if args.device == 'cuda':
        non_embedding = sum(
            p.numel() for n, p in ours.named_parameters() if not n.startswith('embeddings.')
        )
        flops_per_token = (
            6 * non_embedding + 12 * size['num_hidden_layers'] * args.seq_len * size['hidden_size']
        )
        name = torch.cuda.get_device_name()
        peak = args.peak_tflops or next((v for k, v in PEAK_BF16_TFLOPS.items() if k in name), None)
        result['gpu'] = name
        if peak and args.dtype == 'bf16':
            result['mfu'] = flops_per_token * result['mmblog_tokens_per_s'] / (peak * 1e12)
            result['mfu_transformers'] = (
                flops_per_token * result['transformers_tokens_per_s'] / (peak * 1e12)
            )
    return result


def attention_benchmark(args, seq_len: int) -> dict:
    size = SIZES[args.size]
    d, heads = size['hidden_size'], size['num_attention_heads']
    torch.manual_seed(0)
    sdpa = MultiheadAttention(d, heads).to(args.device).train()
    manual = HandWrittenAttention(d, heads).to(args.device).train()
    manual.load_state_dict(sdpa.state_dict())
    x = torch.randn(args.batch_size, seq_len, d, device=args.device, requires_grad=True)
    _, mask = make_batch(args.batch_size, seq_len, 2000, args.device)
    with torch.no_grad():
        torch.testing.assert_close(
            sdpa(x, attention_mask=mask), manual(x, attention_mask=mask), atol=1e-4, rtol=1e-4
        )

    def step(module):
        def run():
            module(x, attention_mask=mask).sum().backward()
            x.grad = None
            module.zero_grad(set_to_none=True)

        return run

    sec = interleaved(
        {'sdpa': step(sdpa), 'manual': step(manual)}, args.iters, args.warmup, args.device
    )
    return {'seq_len': seq_len, 'sdpa_ms': sec['sdpa'] * 1e3, 'manual_ms': sec['manual'] * 1e3,
            'speedup': sec['manual'] / sec['sdpa']}  # fmt: skip


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--size', choices=sorted(SIZES), default='base')
    parser.add_argument('--batch-size', type=int, default=8)
    parser.add_argument('--seq-len', type=int, default=128)
    parser.add_argument('--iters', type=int, default=10)
    parser.add_argument('--warmup', type=int, default=2)
    parser.add_argument('--attn-seq-lens', type=int, nargs='*', default=[128, 512])
    parser.add_argument('--device', default='cpu', choices=['cpu', 'cuda'])
    parser.add_argument('--dtype', default='fp32', choices=['fp32', 'bf16'])
    parser.add_argument('--threads', type=int, default=None, help='torch CPU threads')
    parser.add_argument('--peak-tflops', type=float, default=None, help='GPU dense bf16 peak')
    parser.add_argument('--out', help='also write the results as JSON')
    args = parser.parse_args(argv)
    os.environ.setdefault('HF_HUB_OFFLINE', '1')
    if args.threads:
        torch.set_num_threads(args.threads)
    if args.device == 'cuda' and not torch.cuda.is_available():
        raise FileNotFoundError('--device cuda: no CUDA device is available here')
    results = {
        'device': args.device,
        'threads': torch.get_num_threads(),
        'encoder': encoder_benchmark(args),
        'attention': [attention_benchmark(args, n) for n in args.attn_seq_lens],
    }
    enc = results['encoder']
    print(f"BertEncoder vs transformers.BertModel ({args.size}, batch {args.batch_size} x "
          f"{args.seq_len}, {args.dtype}, {args.device}, {results['threads']} threads, fwd+bwd): "
          f"{enc['mmblog_tokens_per_s']:.0f} vs {enc['transformers_tokens_per_s']:.0f} tokens/s, "
          f"ratio {enc['ratio']:.3f}")  # fmt: skip
    if 'mfu' in enc:
        print(
            f'  MFU {enc["mfu"]:.3f} (transformers {enc["mfu_transformers"]:.3f}) on {enc["gpu"]}'
        )
    for a in results['attention']:
        print(f"attention seq {a['seq_len']}: SDPA {a['sdpa_ms']:.1f} ms vs hand-written "
              f"{a['manual_ms']:.1f} ms fwd+bwd, speedup {a['speedup']:.2f}x")  # fmt: skip
    if args.out:
        with open(args.out, 'w') as f:
            json.dump(results, f, indent=2)


if __name__ == '__main__':
    run_cli(main)
