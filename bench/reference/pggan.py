#!/usr/bin/env python3
"""PyTorch reference for XraySynth's conditional PGGAN training step (src/XraySynth/Gan/Pggan, Gan/Training/GanStep.cs).

The same networks (equalized learning rate, pixel norm, minibatch stddev, label projection) and the same step:
D update with WGAN-GP (create_graph) and epsilon drift, then G update, then the generator's moving average,
trained at the final resolution (stable phase, alpha 1). Prints one JSON line.

    python3 bench/reference/pggan.py --resolution 256 --batch 16 --steps 50 --warmup 10 [--bf16] [--channels-last]
"""
import copy
import math
import sys

import torch
import torch.nn as nn
import torch.nn.functional as F

sys.dont_write_bytecode = True  # no __pycache__ beside the scripts
import common  # noqa: E402

SQRT2 = math.sqrt(2)


class EqualizedConv2d(nn.Module):
    """Weights ~ N(0, 1), scaled at run time by gain / sqrt(fan_in); 'same' padding."""

    def __init__(self, cin, cout, k, gain=SQRT2):
        super().__init__()
        self.weight = nn.Parameter(torch.randn(cout, cin, k, k))
        self.bias = nn.Parameter(torch.zeros(cout))
        self.scale = gain / math.sqrt(cin * k * k)
        self.padding = k // 2

    def forward(self, x):
        # as XraySynth's EqualizedConv2d: the scaled fp32 weight cast to the input's dtype (manual bf16, no autocast)
        return F.conv2d(x, (self.weight * self.scale).to(x.dtype), self.bias.to(x.dtype), padding=self.padding)


class EqualizedLinear(nn.Module):
    def __init__(self, n_in, n_out, gain=SQRT2):
        super().__init__()
        self.weight = nn.Parameter(torch.randn(n_out, n_in))
        self.bias = nn.Parameter(torch.zeros(n_out))
        self.scale = gain / math.sqrt(n_in)

    def forward(self, x):
        return F.linear(x, (self.weight * self.scale).to(x.dtype), self.bias.to(x.dtype))



def pixel_norm(x):
    return x * torch.rsqrt(x.square().mean(1, keepdim=True) + 1e-8)


def minibatch_stddev(x, group):
    n, c, h, w = x.shape
    g = group if n % group == 0 and group <= n else n
    y = x.float().reshape(g, n // g, c, h, w)                                   # in fp32 also under bf16
    y = y - y.mean(0, keepdim=True)
    y = (y.square().mean(0) + 1e-8).sqrt().mean([1, 2, 3])                     # [M]
    y = y.reshape(1, n // g, 1, 1, 1).expand(g, n // g, 1, h, w).reshape(n, 1, h, w).to(x.dtype)
    return torch.cat([x, y], 1)


class Architecture:
    """XraySynth's PgganArchitecture defaults."""

    def __init__(self, resolution, latent=256, fmap_base=4096, fmap_max=256, label_embedding=32, group=4):
        self.resolution, self.latent, self.fmap_base, self.fmap_max = resolution, latent, fmap_base, fmap_max
        self.label_embedding, self.group = label_embedding, group
        self.resolutions = [4 << i for i in range(int(round(math.log2(resolution))) - 1)]

    def channels(self, r):
        return max(1, min(2 * self.fmap_base // r, self.fmap_max))


class GeneratorBlock(nn.Module):
    def __init__(self, cin, cout):
        super().__init__()
        self.conv0 = EqualizedConv2d(cin, cout, 3)
        self.conv1 = EqualizedConv2d(cout, cout, 3)

    def forward(self, x):
        x = F.interpolate(x, scale_factor=2, mode="nearest")
        x = pixel_norm(F.leaky_relu(self.conv0(x), 0.2))
        return pixel_norm(F.leaky_relu(self.conv1(x), 0.2))


class Generator(nn.Module):
    def __init__(self, arch, labels):
        super().__init__()
        self.arch = arch
        c4 = arch.channels(4)
        self.labels = common.LabelProjection(labels, arch.label_embedding)
        self.input = EqualizedLinear(arch.latent + arch.label_embedding, c4 * 16, gain=SQRT2 / 4)
        self.conv4 = EqualizedConv2d(c4, c4, 3)
        self.blocks = nn.ModuleList(GeneratorBlock(arch.channels(r // 2), arch.channels(r)) for r in arch.resolutions[1:])
        self.to_gray = nn.ModuleList(EqualizedConv2d(arch.channels(r), 1, 1, gain=1) for r in arch.resolutions)

    def forward(self, z, y, alpha=1.0):
        level = len(self.blocks)                                                # full resolution
        e = self.labels(y.to(z.dtype))                                          # [N, E]
        h = self.input(torch.cat([pixel_norm(z), e], 1)).reshape(-1, self.arch.channels(4), 4, 4)
        h = pixel_norm(F.leaky_relu(h, 0.2))
        h = pixel_norm(F.leaky_relu(self.conv4(h), 0.2))                        # [N, C4, 4, 4]
        previous = h
        for block in self.blocks:
            previous = h
            h = block(h)
        image = self.to_gray[level](h)                                          # [N, 1, R, R]
        if level > 0 and alpha < 1:
            coarse = F.interpolate(self.to_gray[level - 1](previous), scale_factor=2, mode="nearest")
            image = coarse.lerp(image, alpha)
        return image


class DiscriminatorBlock(nn.Module):
    def __init__(self, cin, cout):
        super().__init__()
        self.conv0 = EqualizedConv2d(cin, cin, 3)
        self.conv1 = EqualizedConv2d(cin, cout, 3)

    def forward(self, x):
        x = F.leaky_relu(self.conv0(x), 0.2)
        x = F.leaky_relu(self.conv1(x), 0.2)
        return F.avg_pool2d(x, 2)


class Discriminator(nn.Module):
    def __init__(self, arch, labels):
        super().__init__()
        self.arch = arch
        c4 = arch.channels(4)
        self.from_gray = nn.ModuleList(EqualizedConv2d(1, arch.channels(r), 1) for r in arch.resolutions)
        self.blocks = nn.ModuleList(DiscriminatorBlock(arch.channels(r), arch.channels(r // 2)) for r in arch.resolutions[1:])
        self.conv4 = EqualizedConv2d(c4 + 1, c4, 3)
        self.dense = EqualizedLinear(c4 * 16, c4)
        self.output = EqualizedLinear(c4, 1, gain=1)
        self.labels = common.LabelProjection(labels, c4)

    def forward(self, x, y, alpha=1.0):
        level = len(self.blocks)
        h = F.leaky_relu(self.from_gray[level](x), 0.2)
        if level > 0:
            h = self.blocks[level - 1](h)
            if alpha < 1:
                coarse = F.leaky_relu(self.from_gray[level - 1](F.avg_pool2d(x, 2)), 0.2)
                h = coarse.lerp(h, alpha)
            for i in range(level - 1, 0, -1):
                h = self.blocks[i - 1](h)                                       # down to [N, C4, 4, 4]
        h = minibatch_stddev(h, self.arch.group)                                # [N, C4+1, 4, 4]
        h = F.leaky_relu(self.conv4(h), 0.2).flatten(1)
        h = F.leaky_relu(self.dense(h), 0.2)                                    # [N, C4]
        score = self.output(h).squeeze(1)
        projection = (self.labels(y.to(h.dtype)) * h).sum(1)
        return (score + projection).float()


def gradient_penalty(D, real, fake, y, t):
    t = t.to(real.dtype).reshape(-1, 1, 1, 1)
    x = (real.detach() * t + fake.detach() * (1 - t)).requires_grad_(True)
    scores = D(x, y)
    grad, = torch.autograd.grad(scores, x, torch.ones_like(scores), create_graph=True)
    norms = (grad.float().flatten(1).square().sum(1) + 1e-12).sqrt()
    return (norms - 1).square().mean()


def flops_per_image(arch, labels):
    """Forward FLOPs of G and D at the final resolution, then the step formula in common.py."""
    ch, R, c4 = arch.channels, arch.resolution, arch.channels(4)
    conv, dense = common.conv_flops, common.dense_flops
    g = dense(labels, arch.label_embedding) + dense(arch.latent + arch.label_embedding, c4 * 16) + conv(3, c4, c4, 4, 4)
    d = conv(1, 1, ch(R), R, R) + conv(3, c4 + 1, c4, 4, 4) + dense(c4 * 16, c4) + dense(c4, 1) + dense(labels, c4)
    for r in arch.resolutions[1:]:
        g += conv(3, ch(r // 2), ch(r), r, r) + conv(3, ch(r), ch(r), r, r)
        d += conv(3, ch(r), ch(r), r, r) + conv(3, ch(r), ch(r // 2), r, r)
    g += conv(1, ch(R), 1, R, R)
    gm, dm = common.PGGAN_STEP
    return gm * g + dm * d


def main():
    args = common.parse_args("pggan", 64)
    device = common.setup(args)
    arch = Architecture(args.resolution)
    fmt = torch.channels_last if args.channels_last else torch.contiguous_format
    G = Generator(arch, args.labels).to(device, memory_format=fmt)
    D = Discriminator(arch, args.labels).to(device, memory_format=fmt)
    G_ema = copy.deepcopy(G).eval().requires_grad_(False)
    opt_g = torch.optim.Adam(G.parameters(), lr=0.001, betas=(0.0, 0.99), foreach=args.foreach)
    opt_d = torch.optim.Adam(D.parameters(), lr=0.001, betas=(0.0, 0.99), foreach=args.foreach)
    dtype = torch.bfloat16 if args.bf16 else torch.float32
    batches = [(x.to(dtype), y) for x, y in common.real_batches(args, device)]   # bf16 batches, as XraySynth
    beta = common.ema_beta(args.batch)
    n, z_dim = args.batch, arch.latent
    last = {}

    def step(i):
        real, y = batches[i % len(batches)]
        # D: WGAN-GP critic loss with epsilon drift.
        opt_d.zero_grad(set_to_none=True)
        # bf16: activations in bfloat16 on fp32 master weights cast per layer, by hand as XraySynth does (no autocast,
        # which would keep pixel_norm's square/rsqrt and everything after it in fp32 on CUDA)
        with torch.no_grad():
            fake = G(torch.randn(n, z_dim, device=device, dtype=dtype), y)
        real_scores = D(real, y)
        fake_scores = D(fake, y)
        penalty = gradient_penalty(D, real, fake, y, torch.rand(n, device=device))
        loss_d = fake_scores.mean() - real_scores.mean() + 10.0 * penalty + 0.001 * real_scores.square().mean()
        loss_d.backward()
        opt_d.step()
        # G: fool the updated critic.
        opt_g.zero_grad(set_to_none=True)
        loss_g = -D(G(torch.randn(n, z_dim, device=device, dtype=dtype), y), y).mean()
        loss_g.backward()
        opt_g.step()
        common.update_average(G, G_ema, beta)
        last["losses"] = (loss_d.detach(), loss_g.detach())

    windows = common.time_steps(step, args, device)
    losses = tuple(float(v) for v in last["losses"])
    common.report("pggan", args, device, windows, flops_per_image(arch, args.labels), losses, G, D)


if __name__ == "__main__":
    main()
