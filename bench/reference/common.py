"""Shared parts of the PyTorch reference benchmarks: flags, real batches, timing, FLOP/peak bookkeeping, JSON.

The FLOP formula is the one XraySynth uses (src/XraySynth/Experiments/Benchmarks/GanFlops.cs): forward FLOPs of
G and D per image from their convolutions and dense layers (2 per multiply-add; bias, activations, norms, pooling
and upsampling are not counted), then a training step per real image costs

    PGGAN: 4 G + 15 D    (D step: G forward 1; D forward+backward on reals 3 and fakes 3; gradient penalty 6 =
                          forward 1 + input gradient 1 + its double backward 4; G step: G 3, D 3)
    DCGAN: 4 G +  9 D    (no gradient penalty)
"""
import argparse
import json
import statistics
import time

import math

import torch
import torch.nn as nn

# Dense peak TFLOP/s by device name (datasheets, no sparsity): bf16 and tf32 tensor cores, fp32 CUDA cores.
# First matching substring wins, so the more specific names come first.
PEAKS = [
    ("H100 PCIe", {"bf16": 756.0, "tf32": 378.0, "fp32": 51.2}),
    ("H100 NVL", {"bf16": 835.0, "tf32": 418.0, "fp32": 60.0}),
    ("H100", {"bf16": 989.4, "tf32": 494.7, "fp32": 66.9}),
    ("H200", {"bf16": 989.4, "tf32": 494.7, "fp32": 66.9}),
    ("A100", {"bf16": 312.0, "tf32": 156.0, "fp32": 19.5}),
]

PGGAN_STEP = (4, 15)  # (G multiplier, D multiplier) of forward FLOPs per training step and real image
DCGAN_STEP = (4, 9)


def parse_args(model, default_resolution):
    p = argparse.ArgumentParser(description=f"PyTorch reference: {model} training-step throughput")
    p.add_argument("--resolution", type=int, default=default_resolution)
    p.add_argument("--batch", type=int, default=32)
    p.add_argument("--steps", type=int, default=50, help="timed steps per repeat")
    p.add_argument("--warmup", type=int, default=10, help="untimed steps first (cuDNN autotuning, allocator)")
    p.add_argument("--repeats", type=int, default=3, help="timed windows; the median is reported")
    p.add_argument("--device", default="cuda" if torch.cuda.is_available() else "cpu")
    p.add_argument("--labels", type=int, default=14)
    p.add_argument("--channels-last", action="store_true", help="channels_last memory format for nets and batches")
    p.add_argument("--bf16", action="store_true", help="bfloat16 activations on fp32 master weights (PGGAN: cast per layer by hand, as XraySynth; DCGAN, classifiers: torch.autocast)")
    p.add_argument("--foreach", dest="foreach", action="store_true", default=True, help="multi-tensor Adam (default)")
    p.add_argument("--no-foreach", dest="foreach", action="store_false", help="per-parameter Adam")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--threads", type=int, default=None, help="CPU threads for torch [default: torch's]")
    return p.parse_args()


def setup(args):
    torch.manual_seed(args.seed)
    if args.threads is not None:
        torch.set_num_threads(args.threads)
    torch.backends.cudnn.benchmark = True
    return torch.device(args.device)


def real_batches(args, device, pool=4):
    """A few random real batches in [-1, 1] with random multi-hot labels, made once on the device."""
    fmt = torch.channels_last if args.channels_last else torch.contiguous_format
    out = []
    for _ in range(pool):
        images = (torch.rand(args.batch, 1, args.resolution, args.resolution, device=device) * 2 - 1)
        labels = (torch.rand(args.batch, args.labels, device=device) < 0.15).float()
        out.append((images.contiguous(memory_format=fmt), labels))
    return out


def ema_beta(batch, half_life_kimg=10.0):
    return 0.5 ** (batch / (half_life_kimg * 1000.0))


@torch.no_grad()
def update_average(model, average, beta):
    """average <- p + beta * (average - p) for every parameter; buffers copied (same as XraySynth's MovingAverage)."""
    for p_avg, p in zip(average.parameters(), model.parameters()):
        p_avg.lerp_(p, 1.0 - beta)                      # one in-place kernel per tensor, as XraySynth's MovingAverage
    for b_avg, b in zip(average.buffers(), model.buffers()):
        b_avg.copy_(b)


def autocast(args, device):
    if not args.bf16:
        return torch.autocast(device_type=device.type, enabled=False)
    return torch.autocast(device_type=device.type, dtype=torch.bfloat16)


def synchronize(device):
    if device.type == "cuda":
        torch.cuda.synchronize(device)


def time_steps(step, args, device):
    """Runs `warmup` steps, then `repeats` timed windows of `steps` steps; returns ms per step of each window."""
    for i in range(args.warmup):
        step(i)
    synchronize(device)
    windows = []
    i = args.warmup
    for _ in range(args.repeats):
        start = time.perf_counter()
        for _ in range(args.steps):
            step(i)
            i += 1
        synchronize(device)
        windows.append((time.perf_counter() - start) * 1000.0 / args.steps)
    return windows


def device_name(device):
    if device.type == "cuda":
        return torch.cuda.get_device_name(device)
    return "cpu"


def precision(args, device):
    if args.bf16:
        return "bf16"
    if device.type == "cuda" and torch.backends.cudnn.allow_tf32:
        return "tf32"  # PyTorch's default: fp32 convolutions run on TF32 tensor cores
    return "fp32"


def peak_tflops(name, kind):
    for key, peaks in PEAKS:
        if key.lower() in name.lower():
            return peaks[kind]
    return None


def report(model, args, device, windows, flops_per_image, losses, G, D):
    ms = statistics.median(windows)
    img_per_s = args.batch * 1000.0 / ms
    name = device_name(device)
    kind = precision(args, device)
    peak = peak_tflops(name, kind)
    achieved = flops_per_image * img_per_s / 1e12
    result = {
        "impl": "pytorch",
        "model": model,
        "resolution": args.resolution,
        "batch": args.batch,
        "steps": args.steps,
        "warmup": args.warmup,
        "repeats": args.repeats,
        "img_per_s": round(img_per_s, 2),
        "img_per_s_windows": [round(args.batch * 1000.0 / w, 2) for w in windows],
        "ms_per_step": round(ms, 3),
        "flops_per_image": flops_per_image,
        "g_params": sum(p.numel() for p in G.parameters()),
        "d_params": sum(p.numel() for p in D.parameters()),
        "tflops": round(achieved, 3),
        "precision": kind,
        "peak_tflops": peak,
        "fraction_of_peak": None if peak is None else round(achieved / peak, 4),
        "device": name,
        "bf16": args.bf16,
        "channels_last": args.channels_last,
        "foreach_adam": args.foreach,
        "d_loss": losses[0],
        "g_loss": losses[1],
        "torch": torch.__version__,
    }
    print(json.dumps(result), flush=True)


def conv_flops(k, cin, cout, h, w):
    """Forward FLOPs of a k x k convolution producing (or, transposed, reading) an h x w map."""
    return 2 * k * k * cin * cout * h * w


def dense_flops(n_in, n_out):
    return 2 * n_in * n_out


class LabelProjection(nn.Module):
    """Multi-hot labels @ E, E ~ N(0, 1/dim) (both references use it)."""

    def __init__(self, labels, dim):
        super().__init__()
        self.embedding = nn.Parameter(torch.randn(labels, dim) / math.sqrt(dim))

    def forward(self, y):
        return y @ self.embedding.to(y.dtype)
