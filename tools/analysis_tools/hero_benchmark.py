"""HERO pre-training speed and memory, and the encoder with SDPA vs padded manual attention.

    python tools/analysis_tools/hero_benchmark.py CONFIG [--batch-size 8] [--frames 60]
        [--subs 10] [--tokens 20] [--iters 10] [--warmup 2] [--device cpu]
        [--cfg-options model.encoder.embed_dims=256 ...]

Batches are synthetic, in ``hero_collate``'s layout: each video has ``--frames`` frames split
evenly among ``--subs`` subtitles of ``--tokens`` tokens (the last ones padded shorter, so the
masks matter). Reports pre-training steps (forward, backward, Adam) in videos/s with peak memory
(process max RSS on CPU, max allocated on CUDA), then the encoder's forward + backward in
videos/s with the foundation's SDPA attention and with an explicit padded
softmax(QK^T / sqrt(d)) V, their steps interleaved in one run so machine load hits both alike.
"""

import argparse
import resource
import time
import types

import torch
from mmengine.config import Config, DictAction
from mmengine.registry import init_default_scope

from mmblog.models.layers.transformer import MultiheadAttention
from mmblog.registry import MODELS
from mmblog.utils import register_all_modules, run_cli


def synthetic_batch(
    b: int, t: int, s: int, length: int, feat_dim: int, vocab: int, device: str, seed: int = 0
) -> dict:
    g = torch.Generator().manual_seed(seed)
    per = t // s
    seg_frames, seg_tokens, seg_mask, seg_video = [], [], [], []
    for i in range(b):
        for j in range(s):
            frames = list(range(j * per, t if j == s - 1 else (j + 1) * per))
            seg_frames.append(
                [i * t + f for f in frames] + [-1] * (t - per * (s - 1) - len(frames))
            )
            n = length - (j % 3)  # ragged subtitles
            seg_tokens.append(torch.randint(5, vocab, (length,), generator=g))
            seg_mask.append(torch.arange(length) < n)
            seg_video.append(i)
    inputs = dict(
        frames=torch.randn(b, t, feat_dim, generator=g),
        frame_mask=torch.ones(b, t, dtype=torch.bool),
        seg_frames=torch.tensor(seg_frames),
        seg_tokens=torch.stack(seg_tokens) * torch.stack(seg_mask),
        seg_token_mask=torch.stack(seg_mask),
        seg_video=torch.tensor(seg_video),
    )
    return {k: v.to(device) for k, v in inputs.items()}


def peak_memory_mb(device: str) -> float:
    if device.startswith('cuda'):
        return torch.cuda.max_memory_allocated() / 2**20
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _sync(device):
    if device.startswith('cuda'):
        torch.cuda.synchronize()


def use_manual_attention(model: torch.nn.Module, manual: bool) -> None:
    """Switch every attention module to the explicit padded softmax path (or back to SDPA)."""
    for m in model.modules():
        if isinstance(m, MultiheadAttention):
            if manual:

                def fwd(
                    self, query, key_value=None, attention_mask=None, attn_mask=None, causal=None
                ):
                    return MultiheadAttention.forward(
                        self,
                        query,
                        key_value,
                        attention_mask,
                        attn_mask,
                        causal,
                        return_weights=True,
                    )[0]

                m.forward = types.MethodType(fwd, m)
            elif 'forward' in m.__dict__:
                del m.forward


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument('config')
    parser.add_argument('--batch-size', type=int, default=8)
    parser.add_argument('--frames', type=int, default=60)
    parser.add_argument('--subs', type=int, default=10)
    parser.add_argument('--tokens', type=int, default=20)
    parser.add_argument('--iters', type=int, default=10)
    parser.add_argument('--warmup', type=int, default=2)
    parser.add_argument('--device', default='cpu')
    parser.add_argument('--cfg-options', nargs='+', action=DictAction)
    args = parser.parse_args(argv)
    register_all_modules()
    init_default_scope('mmblog')
    cfg = Config.fromfile(args.config)
    if args.cfg_options:
        cfg.merge_from_dict(args.cfg_options)
    model = MODELS.build(cfg.model).to(args.device).train()
    enc = model.encoder
    feat_dim = enc.frame_embeddings.fc.in_features
    vocab = enc.text_embeddings.word_embeddings.num_embeddings
    batch = synthetic_batch(
        args.batch_size, args.frames, args.subs, args.tokens, feat_dim, vocab, args.device
    )
    optim = torch.optim.Adam(model.parameters(), lr=1e-4)
    b = args.batch_size

    def pretrain_step():
        optim.zero_grad()
        losses = model(batch, None, mode='loss')
        sum(losses.values()).backward()
        optim.step()

    for _ in range(args.warmup):
        pretrain_step()
    _sync(args.device)
    start = time.perf_counter()
    for _ in range(args.iters):
        pretrain_step()
    _sync(args.device)
    step = (time.perf_counter() - start) / args.iters
    n_params = sum(p.numel() for p in model.parameters())
    print(
        f'model: {n_params / 1e6:.2f}M parameters, tasks {model.tasks} '
        f'({model.task_sampling}); batch {b} videos x {args.frames} frames, '
        f'{args.subs} subtitles x <= {args.tokens} tokens'
    )
    print(
        f'pre-training: {b / step:.2f} videos/s ({step * 1000:.0f} ms/step), '
        f'peak memory {peak_memory_mb(args.device):.0f} MB ({args.device})'
    )

    def encoder_step():
        out = enc(batch)
        out['v_temp'].float().pow(2).mean().backward()

    times = {'sdpa': 0.0, 'manual': 0.0}
    for i in range(args.warmup + args.iters):
        for name in ('sdpa', 'manual'):
            use_manual_attention(model, name == 'manual')
            _sync(args.device)
            t0 = time.perf_counter()
            encoder_step()
            _sync(args.device)
            if i >= args.warmup:
                times[name] += time.perf_counter() - t0
    use_manual_attention(model, False)
    rate = {k: b * args.iters / v for k, v in times.items()}
    print(
        f'encoder fwd+bwd: SDPA {rate["sdpa"]:.2f} videos/s, padded manual attention '
        f'{rate["manual"]:.2f} videos/s, SDPA / manual = {rate["sdpa"] / rate["manual"]:.2f}x '
        '(interleaved in one run)'
    )


if __name__ == '__main__':
    run_cli(main)
