"""Train-step speed and memory of mmblog's VQ-VAE-2 and PixelSNAIL against the reference
implementation (rosinality/vq-vae-2-pytorch), same shapes, same weights, same inputs.

    git clone https://github.com/rosinality/vq-vae-2-pytorch /tmp/ref   # outside this repo
    python tools/analysis_tools/benchmark_vq_reference.py --ref-dir /tmp/ref \
        [--model vqvae2 pixelsnail] [--rounds 20] [--device cpu] [--threads 1]

The reference's modules are imported from ``--ref-dir`` (nothing of it lives in mmblog). Both
models are built with the reference's settings, mmblog's weights are copied from the reference
(so both do exactly the same arithmetic) and one train step (zero grad, forward, loss,
backward, Adam step) of each runs per round, alternating which goes first, so load changes on a
shared machine hit both alike. Reports parameters, median step time, steps/s, the ratio
mmblog / reference, the first-step loss difference and memory: peak CUDA memory on a GPU; on
CPU the bytes of tensors saved for backward in one step (the activation memory).
"""

import argparse
import os.path as osp
import statistics
import sys
import time

import torch
import torch.nn.functional as F

from mmblog.registry import MODELS
from mmblog.utils import register_all_modules, run_cli


def parse_args(argv=None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description='mmblog vs reference VQ-VAE-2 / PixelSNAIL')
    parser.add_argument('--ref-dir', required=True, help='checkout of rosinality/vq-vae-2-pytorch')
    parser.add_argument('--model', nargs='+', default=['vqvae2', 'pixelsnail'])
    parser.add_argument('--rounds', type=int, default=20, help='timed steps per model')
    parser.add_argument('--warmup', type=int, default=3)
    parser.add_argument('--device', default='cpu')
    parser.add_argument('--threads', type=int, default=1, help='torch threads on CPU')
    parser.add_argument('--vq-batch', type=int, default=16)
    parser.add_argument('--vq-size', type=int, default=64, help='image side for VQ-VAE-2')
    parser.add_argument('--snail-batch', type=int, default=8)
    parser.add_argument('--snail-size', type=int, default=32, help='top code map side')
    parser.add_argument(
        '--snail-channels', type=int, default=256, help='C and residual channels (256 = reference)'
    )
    return parser.parse_args(argv)


def num_params(model) -> int:
    return sum(p.numel() for p in model.parameters())


def copy_parameters(src: torch.nn.Module, dst: torch.nn.Module) -> None:
    """Copy in registration order; both must list the same shapes in the same order."""
    src_p, dst_p = list(src.parameters()), list(dst.parameters())
    if [p.shape for p in src_p] != [p.shape for p in dst_p]:
        raise SystemExit('the two models do not list the same parameter shapes: not comparable')
    with torch.no_grad():
        for a, b in zip(src_p, dst_p):
            b.copy_(a)


def saved_bytes(step) -> int:
    """Bytes of the distinct storages autograd saves for backward during ``step()``."""
    storages = {}

    def pack(t):
        storage = t.untyped_storage()
        storages[storage.data_ptr()] = storage.nbytes()
        return t

    with torch.autograd.graph.saved_tensors_hooks(pack, lambda t: t):
        step()
    return sum(storages.values())


def vqvae2_pair(args, device):
    from vqvae import VQVAE

    torch.manual_seed(0)
    ref = VQVAE().to(device)  # channel 128, residual 32, K=512, D=64
    ours = MODELS.build(
        dict(
            type='VQVAE2',
            res_channels=32,
            top_half_first_stage=True,
            quantizer=dict(type='VectorQuantizerEMA', init_from_data=False),
        )
    ).to(device)
    copy_parameters(ref, ours)
    with torch.no_grad():
        for level in 'tb':
            r, o = getattr(ref, f'quantize_{level}'), getattr(ours, f'quantize_{level}')
            r.cluster_size.fill_(1.0)  # a state where every code has been seen
            r.embed_avg.copy_(r.embed)
            o.embed.copy_(r.embed.t())
            o.embed_avg.copy_(r.embed_avg.t())
            o.cluster_size.copy_(r.cluster_size)
    x = torch.randn(args.vq_batch, 3, args.vq_size, args.vq_size, device=device)

    def ref_loss():
        dec, diff = ref(x)
        return F.mse_loss(dec, x) + 0.25 * diff.sum()

    def our_loss():
        losses = ours(x, mode='loss')
        return losses['loss_recon'] + losses['loss_vq_top'] + losses['loss_vq_bottom']

    return ref, ref_loss, ours, our_loss


def pixelsnail_pair(args, device):
    from pixelsnail import PixelSNAIL

    c, s = args.snail_channels, args.snail_size
    torch.manual_seed(0)
    ref = PixelSNAIL([s, s], 512, c, 5, 4, 4, c, dropout=0.0).to(device)
    ours = MODELS.build(
        dict(type='PixelSNAIL', num_codes=512, channels=c, res_channels=c, dropout=0.0)
    ).to(device)
    copy_parameters(ref, ours)
    codes = torch.randint(0, 512, (args.snail_batch, s, s), device=device)

    def ref_loss():
        return F.cross_entropy(ref(codes)[0], codes)

    def our_loss():
        return F.cross_entropy(ours(codes), codes)

    return ref, ref_loss, ours, our_loss


def benchmark(name, pair, args, device) -> None:
    ref, ref_loss, ours, our_loss = pair
    ref.train()
    ours.train()
    opts = {
        'reference': torch.optim.Adam(ref.parameters(), lr=1e-4),
        'mmblog': torch.optim.Adam(ours.parameters(), lr=1e-4),
    }
    losses = {'reference': ref_loss, 'mmblog': our_loss}
    first = {}

    def step(who):
        opts[who].zero_grad(set_to_none=True)
        loss = losses[who]()
        loss.backward()
        opts[who].step()
        return loss.detach()

    def timed(who):
        if device.type == 'cuda':
            torch.cuda.synchronize()
        t = time.perf_counter()
        loss = step(who)
        if device.type == 'cuda':
            torch.cuda.synchronize()
        first.setdefault(who, float(loss))
        return time.perf_counter() - t

    times = {'reference': [], 'mmblog': []}
    for i in range(args.warmup + args.rounds):
        order = ('mmblog', 'reference') if i % 2 else ('reference', 'mmblog')
        for who in order:
            dt = timed(who)
            if i >= args.warmup:
                times[who].append(dt)
    mem = {}
    for who in ('reference', 'mmblog'):
        if device.type == 'cuda':
            torch.cuda.reset_peak_memory_stats(device)
            step(who)
            mem[who] = f'peak CUDA {torch.cuda.max_memory_allocated(device) / 2**20:.0f} MiB'
        else:
            mem[who] = f'saved for backward {saved_bytes(lambda w=who: step(w)) / 2**20:.1f} MiB'
    med = {who: statistics.median(v) for who, v in times.items()}
    print(f'== {name}')
    for who, model in (('reference', ref), ('mmblog', ours)):
        print(
            f'{who:>9}: {num_params(model):,} params, median step {med[who] * 1e3:.1f} ms '
            f'({1 / med[who]:.2f} steps/s), {mem[who]}'
        )
    print(
        f'   mmblog / reference speed: {med["reference"] / med["mmblog"]:.3f}x; first-step '
        f'loss |diff| {abs(first["reference"] - first["mmblog"]):.2e}'
    )


def main(argv=None) -> None:
    args = parse_args(argv)
    if not osp.isfile(osp.join(args.ref_dir, 'vqvae.py')):
        raise SystemExit(
            f'no vqvae.py in --ref-dir {args.ref_dir}: git clone '
            'https://github.com/rosinality/vq-vae-2-pytorch there first (outside this repository)'
        )
    sys.path.insert(0, args.ref_dir)
    register_all_modules()
    device = torch.device(args.device)
    if device.type == 'cpu':
        torch.set_num_threads(args.threads)
    print(
        f'device {device}, threads {torch.get_num_threads()}, {args.rounds} interleaved rounds '
        f'after {args.warmup} warm-up'
    )
    pairs = dict(vqvae2=vqvae2_pair, pixelsnail=pixelsnail_pair)
    for name in args.model:
        if name not in pairs:
            raise SystemExit(f'--model must be among {sorted(pairs)}, got {name!r}')
        benchmark(name, pairs[name](args, device), args, device)


if __name__ == '__main__':
    run_cli(main)
