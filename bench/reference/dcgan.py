#!/usr/bin/env python3
"""PyTorch reference for XraySynth's conditional DCGAN training step (src/XraySynth/Gan/Dcgan, Gan/Training/GanStep.cs).

The same networks (transposed convs with BatchNorm/ReLU/tanh; D convs with BatchNorm/LeakyReLU 0.2, global mean
pooling, linear head plus label projection) and the same step: D update with the non-saturating loss, G update,
then the generator's moving average. Prints one JSON line.

    python3 bench/reference/dcgan.py --resolution 64 --batch 64 --steps 50 --warmup 10 [--channels-last]
"""
import copy
import math
import sys

import torch
import torch.nn as nn
import torch.nn.functional as F

sys.dont_write_bytecode = True  # no __pycache__ beside the scripts
import common  # noqa: E402


class Architecture:
    """XraySynth's DcganArchitecture defaults."""

    def __init__(self, resolution, latent=100, ngf=32, ndf=32, label_embedding=32):
        if resolution not in (32, 64, 128):
            raise SystemExit(f"--resolution {resolution}: DCGAN supports 32, 64 and 128")
        self.resolution, self.latent, self.ngf, self.ndf, self.label_embedding = resolution, latent, ngf, ndf, label_embedding
        self.levels = int(round(math.log2(resolution))) - 2



def weights_init(m):
    """DCGAN's initialisation: conv weights ~ N(0, 0.02), BatchNorm weights ~ N(1, 0.02), biases 0."""
    if isinstance(m, (nn.Conv2d, nn.ConvTranspose2d)):
        nn.init.normal_(m.weight, 0.0, 0.02)
    elif isinstance(m, nn.BatchNorm2d):
        nn.init.normal_(m.weight, 1.0, 0.02)
        nn.init.zeros_(m.bias)


class Generator(nn.Module):
    def __init__(self, arch, labels):
        super().__init__()
        self.labels = common.LabelProjection(labels, arch.label_embedding)
        c = arch.ngf << (arch.levels - 1)                                       # at 4x4
        layers = [nn.ConvTranspose2d(arch.latent + arch.label_embedding, c, 4, 1, 0, bias=False), nn.BatchNorm2d(c), nn.ReLU(True)]
        for _ in range(1, arch.levels):
            layers += [nn.ConvTranspose2d(c, c // 2, 4, 2, 1, bias=False), nn.BatchNorm2d(c // 2), nn.ReLU(True)]
            c //= 2
        layers += [nn.ConvTranspose2d(c, 1, 4, 2, 1, bias=False), nn.Tanh()]
        self.body = nn.Sequential(*layers)
        self.apply(weights_init)

    def forward(self, z, y):
        h = torch.cat([z, self.labels(y)], 1)
        return self.body(h.reshape(h.shape[0], -1, 1, 1))                      # [N, 1, R, R]


class Discriminator(nn.Module):
    def __init__(self, arch, labels):
        super().__init__()
        c = arch.ndf
        layers = [nn.Conv2d(1, c, 4, 2, 1, bias=False), nn.LeakyReLU(0.2, inplace=True)]
        for _ in range(1, arch.levels):
            layers += [nn.Conv2d(c, c * 2, 4, 2, 1, bias=False), nn.BatchNorm2d(c * 2), nn.LeakyReLU(0.2, inplace=True)]
            c *= 2
        self.body = nn.Sequential(*layers)
        self.output = nn.Linear(c, 1)
        self.labels = common.LabelProjection(labels, c)
        self.apply(weights_init)

    def forward(self, x, y):
        h = self.body(x).mean([2, 3])                                           # [N, C]
        return (self.output(h).squeeze(1) + (self.labels(y) * h).sum(1)).float()


def flops_per_image(arch, labels):
    """Forward FLOPs of G and D, then the step formula in common.py (transposed convs count per input pixel)."""
    conv, dense = common.conv_flops, common.dense_flops
    c = arch.ngf << (arch.levels - 1)
    g = dense(labels, arch.label_embedding) + conv(4, arch.latent + arch.label_embedding, c, 1, 1)
    r = 4
    for _ in range(1, arch.levels):
        g += conv(4, c, c // 2, r, r)
        c, r = c // 2, r * 2
    g += conv(4, c, 1, r, r)
    c, r = arch.ndf, arch.resolution // 2
    d = conv(4, 1, c, r, r)
    for _ in range(1, arch.levels):
        r //= 2
        d += conv(4, c, c * 2, r, r)
        c *= 2
    d += dense(c, 1) + dense(labels, c)
    gm, dm = common.DCGAN_STEP
    return gm * g + dm * d


def main():
    args = common.parse_args("dcgan", 64)
    device = common.setup(args)
    arch = Architecture(args.resolution)
    fmt = torch.channels_last if args.channels_last else torch.contiguous_format
    G = Generator(arch, args.labels).to(device, memory_format=fmt)
    D = Discriminator(arch, args.labels).to(device, memory_format=fmt)
    G_ema = copy.deepcopy(G).requires_grad_(False)
    opt_g = torch.optim.Adam(G.parameters(), lr=0.0002, betas=(0.5, 0.999), foreach=args.foreach)
    opt_d = torch.optim.Adam(D.parameters(), lr=0.0002, betas=(0.5, 0.999), foreach=args.foreach)
    batches = common.real_batches(args, device)
    beta = common.ema_beta(args.batch)
    n = args.batch
    last = {}

    def step(i):
        real, y = batches[i % len(batches)]
        # D: non-saturating logistic loss on real and generated images with the same labels.
        opt_d.zero_grad(set_to_none=True)
        with torch.no_grad(), common.autocast(args, device):
            fake = G(torch.randn(n, arch.latent, device=device), y)
        with common.autocast(args, device):
            loss_d = F.softplus(-D(real, y)).mean() + F.softplus(D(fake, y)).mean()
        loss_d.backward()
        opt_d.step()
        # G: fool the updated discriminator.
        opt_g.zero_grad(set_to_none=True)
        with common.autocast(args, device):
            loss_g = F.softplus(-D(G(torch.randn(n, arch.latent, device=device), y), y)).mean()
        loss_g.backward()
        opt_g.step()
        common.update_average(G, G_ema, beta)
        last["losses"] = (loss_d.detach(), loss_g.detach())

    windows = common.time_steps(step, args, device)
    losses = tuple(float(v) for v in last["losses"])
    common.report("dcgan", args, device, windows, flops_per_image(arch, args.labels), losses, G, D)


if __name__ == "__main__":
    main()
