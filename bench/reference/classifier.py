#!/usr/bin/env python3
"""PyTorch reference for XraySynth's classifier training step (src/XraySynth/Classify, ClassifierTrainer.cs).

The same backbones with torchvision's layer shapes, written out here because torchvision may not be installed:
ResNet-18 (BasicBlocks 2-2-2-2), ResNet-50 (Bottlenecks 3-4-6-3, stride on the 3x3 conv) and DenseNet-121
(growth 32, bottleneck 4x32, blocks 6-12-24-16), each with one input channel and L logits, torchvision's
initialisation. The same step: zero gradients, forward, BCE on logits against multi-hot labels, backward, AdamW
(lr 1e-3, weight decay 1e-4: XraySynth's defaults). Prints one JSON line with the fields of `xraysynth bench classify`.

FLOPs are counted here independently of XraySynth's analytic count (Experiments/Benchmarks/ClassifierFlops.cs):
forward hooks on every Conv2d and Linear of one forward pass of one image, 2 per multiply-add, times 3 for a
training step (backward ~ 2x forward).

    python3 bench/reference/classifier.py --arch resnet50 --size 224 --batch 64 [--bf16] [--channels-last] [--foreach]
"""
import argparse
import json
import statistics
import sys

import torch
import torch.nn as nn
import torch.nn.functional as F

sys.dont_write_bytecode = True  # no __pycache__ beside the scripts
import common  # noqa: E402

TRAINING_MULTIPLIER = 3  # forward 1 + backward 2


class BasicBlock(nn.Module):
    expansion = 1

    def __init__(self, cin, planes, stride=1):
        super().__init__()
        self.conv1 = nn.Conv2d(cin, planes, 3, stride, 1, bias=False)
        self.bn1 = nn.BatchNorm2d(planes)
        self.conv2 = nn.Conv2d(planes, planes, 3, 1, 1, bias=False)
        self.bn2 = nn.BatchNorm2d(planes)
        self.downsample = None
        if stride != 1 or cin != planes:
            self.downsample = nn.Sequential(nn.Conv2d(cin, planes, 1, stride, bias=False), nn.BatchNorm2d(planes))

    def forward(self, x):
        h = F.relu(self.bn1(self.conv1(x)))                                   # [N, planes, r/s, r/s]
        h = self.bn2(self.conv2(h))
        identity = x if self.downsample is None else self.downsample(x)
        return F.relu(h + identity)


class Bottleneck(nn.Module):
    expansion = 4

    def __init__(self, cin, planes, stride=1):
        super().__init__()
        cout = planes * self.expansion
        self.conv1 = nn.Conv2d(cin, planes, 1, bias=False)
        self.bn1 = nn.BatchNorm2d(planes)
        self.conv2 = nn.Conv2d(planes, planes, 3, stride, 1, bias=False)
        self.bn2 = nn.BatchNorm2d(planes)
        self.conv3 = nn.Conv2d(planes, cout, 1, bias=False)
        self.bn3 = nn.BatchNorm2d(cout)
        self.downsample = None
        if stride != 1 or cin != cout:
            self.downsample = nn.Sequential(nn.Conv2d(cin, cout, 1, stride, bias=False), nn.BatchNorm2d(cout))

    def forward(self, x):
        h = F.relu(self.bn1(self.conv1(x)))                                   # [N, planes, r, r]
        h = F.relu(self.bn2(self.conv2(h)))                                   # [N, planes, r/s, r/s]
        h = self.bn3(self.conv3(h))                                           # [N, 4 planes, r/s, r/s]
        identity = x if self.downsample is None else self.downsample(x)
        return F.relu(h + identity)


class ResNet(nn.Module):
    def __init__(self, block, blocks, labels):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 64, 7, 2, 3, bias=False)
        self.bn1 = nn.BatchNorm2d(64)
        stages, c = [], 64
        for i, (planes, n) in enumerate(zip((64, 128, 256, 512), blocks)):
            layers = []
            for j in range(n):
                layers.append(block(c, planes, 2 if i > 0 and j == 0 else 1))
                c = planes * block.expansion
            stages.append(nn.Sequential(*layers))
        self.layer1, self.layer2, self.layer3, self.layer4 = stages
        self.fc = nn.Linear(c, labels)

    def forward(self, x):
        h = F.max_pool2d(F.relu(self.bn1(self.conv1(x))), 3, 2, 1)            # [N, 64, H/4, W/4]
        h = self.layer4(self.layer3(self.layer2(self.layer1(h))))             # [N, 512 e, H/32, W/32]
        return self.fc(h.mean((2, 3)))                                        # [N, L]


class DenseLayer(nn.Module):
    def __init__(self, cin, growth, bn_size):
        super().__init__()
        self.norm1 = nn.BatchNorm2d(cin)
        self.conv1 = nn.Conv2d(cin, bn_size * growth, 1, bias=False)
        self.norm2 = nn.BatchNorm2d(bn_size * growth)
        self.conv2 = nn.Conv2d(bn_size * growth, growth, 3, 1, 1, bias=False)

    def forward(self, x):
        h = self.conv1(F.relu(self.norm1(x)))                                 # [N, bn growth, r, r]
        return self.conv2(F.relu(self.norm2(h)))                              # [N, growth, r, r]


class DenseBlock(nn.Module):
    def __init__(self, n, cin, growth, bn_size):
        super().__init__()
        self.layers = nn.ModuleList(DenseLayer(cin + i * growth, growth, bn_size) for i in range(n))

    def forward(self, x):
        for layer in self.layers:                                             # as XraySynth's DenseBlock: grow by concatenation
            x = torch.cat([x, layer(x)], 1)
        return x


class Transition(nn.Module):
    def __init__(self, cin, cout):
        super().__init__()
        self.norm = nn.BatchNorm2d(cin)
        self.conv = nn.Conv2d(cin, cout, 1, bias=False)

    def forward(self, x):
        return F.avg_pool2d(self.conv(F.relu(self.norm(x))), 2)


class DenseNet121(nn.Module):
    def __init__(self, labels, growth=32, bn_size=4, init_features=64, blocks=(6, 12, 24, 16)):
        super().__init__()
        self.conv0 = nn.Conv2d(1, init_features, 7, 2, 3, bias=False)
        self.norm0 = nn.BatchNorm2d(init_features)
        parts, c = [], init_features
        for i, n in enumerate(blocks):
            parts.append(DenseBlock(n, c, growth, bn_size))
            c += n * growth
            if i < len(blocks) - 1:
                parts.append(Transition(c, c // 2))
                c //= 2
        self.body = nn.Sequential(*parts)
        self.norm5 = nn.BatchNorm2d(c)
        self.classifier = nn.Linear(c, labels)

    def forward(self, x):
        h = F.max_pool2d(F.relu(self.norm0(self.conv0(x))), 3, 2, 1)          # [N, 64, H/4, W/4]
        h = F.relu(self.norm5(self.body(h)))                                  # [N, 1024, H/32, W/32]
        return self.classifier(h.mean((2, 3)))                                # [N, L]


def build(arch, labels):
    if arch == "resnet18":
        model = ResNet(BasicBlock, (2, 2, 2, 2), labels)
    elif arch == "resnet50":
        model = ResNet(Bottleneck, (3, 4, 6, 3), labels)
    elif arch == "densenet121":
        model = DenseNet121(labels)
    else:
        raise SystemExit(f"--arch {arch}: expected resnet18, resnet50 or densenet121")
    for m in model.modules():  # torchvision's initialisation (XraySynth's ClassifierInit)
        if isinstance(m, nn.Conv2d):
            nn.init.kaiming_normal_(m.weight, mode="fan_out", nonlinearity="relu")
        elif isinstance(m, nn.BatchNorm2d):
            nn.init.ones_(m.weight)
            nn.init.zeros_(m.bias)
        elif isinstance(m, nn.Linear):
            nn.init.zeros_(m.bias)
    return model


@torch.no_grad()
def forward_flops(model, size, device):
    """Forward FLOPs for one image, from hooks on every Conv2d and Linear (2 per multiply-add, no bias)."""
    total = [0]

    def conv_hook(m, inputs, out):
        k = m.kernel_size[0] * m.kernel_size[1] * m.in_channels // m.groups
        total[0] += 2 * k * out.shape[1] * out.shape[2] * out.shape[3]

    def linear_hook(m, inputs, out):
        total[0] += 2 * m.in_features * m.out_features

    hooks = [m.register_forward_hook(conv_hook if isinstance(m, nn.Conv2d) else linear_hook)
             for m in model.modules() if isinstance(m, (nn.Conv2d, nn.Linear))]
    was_training = model.training
    model.eval()  # one image: BatchNorm in training mode would reject a 1x1 map
    model(torch.zeros(1, 1, size, size, device=device))
    model.train(was_training)
    for h in hooks:
        h.remove()
    return total[0]


def parse_args():
    p = argparse.ArgumentParser(description="PyTorch reference: classifier training-step throughput")
    p.add_argument("--arch", default="resnet50", help="resnet18, resnet50 or densenet121")
    p.add_argument("--size", type=int, default=224, help="input height and width in pixels")
    p.add_argument("--batch", type=int, default=32)
    p.add_argument("--steps", type=int, default=30, help="timed steps per repeat")
    p.add_argument("--warmup", type=int, default=10, help="untimed steps first (cuDNN autotuning, allocator)")
    p.add_argument("--repeats", type=int, default=3, help="timed windows; the median is reported")
    p.add_argument("--device", default="cuda" if torch.cuda.is_available() else "cpu")
    p.add_argument("--labels", type=int, default=14)
    p.add_argument("--channels-last", action="store_true", help="channels_last memory format for the net and batches")
    p.add_argument("--bf16", action="store_true", help="torch.autocast to bfloat16 (fp32 master weights)")
    p.add_argument("--foreach", dest="foreach", action="store_true", default=None,
                   help="multi-tensor AdamW [default: on for CUDA, off for the CPU, as PyTorch 2 picks]")
    p.add_argument("--no-foreach", dest="foreach", action="store_false", help="per-parameter AdamW")
    p.add_argument("--lr", type=float, default=1e-3)
    p.add_argument("--weight-decay", type=float, default=1e-4)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--threads", type=int, default=None, help="CPU threads for torch [default: torch's]")
    args = p.parse_args()
    if args.size < 32 or args.batch < 2:
        raise SystemExit("--size must be at least 32 and --batch at least 2")
    return args


def main():
    args = parse_args()
    device = common.setup(args)  # seed, threads, cudnn.benchmark on
    foreach = args.foreach if args.foreach is not None else device.type == "cuda"
    fmt = torch.channels_last if args.channels_last else torch.contiguous_format
    model = build(args.arch, args.labels).to(device, memory_format=fmt)
    flops = forward_flops(model, args.size, device)
    model.train()
    opt = torch.optim.AdamW(model.parameters(), lr=args.lr, betas=(0.9, 0.999), eps=1e-8,
                            weight_decay=args.weight_decay, foreach=foreach)
    batches = []
    for _ in range(4):
        images = torch.rand(args.batch, 1, args.size, args.size, device=device) * 2 - 1
        labels = (torch.rand(args.batch, args.labels, device=device) < 0.15).float()
        batches.append((images.contiguous(memory_format=fmt), labels))
    last = {}

    def step(i):
        x, y = batches[i % len(batches)]
        opt.zero_grad(set_to_none=True)
        with common.autocast(args, device):
            logits = model(x)                                                 # [N, L]
        loss = F.binary_cross_entropy_with_logits(logits.float(), y)
        loss.backward()
        opt.step()
        last["loss"] = loss.detach()

    windows = common.time_steps(step, args, device)
    ms = statistics.median(windows)
    img_per_s = args.batch * 1000.0 / ms
    name = common.device_name(device)
    kind = common.precision(args, device)
    peak = common.peak_tflops(name, kind)
    per_image = TRAINING_MULTIPLIER * flops
    achieved = per_image * img_per_s / 1e12
    print(json.dumps({
        "impl": "pytorch",
        "model": args.arch,
        "size": args.size,
        "batch": args.batch,
        "labels": args.labels,
        "steps": args.steps,
        "warmup": args.warmup,
        "repeats": args.repeats,
        "img_per_s": round(img_per_s, 2),
        "img_per_s_windows": [round(args.batch * 1000.0 / w, 2) for w in windows],
        "ms_per_step": round(ms, 3),
        "forward_flops_per_image": flops,
        "flops_per_image": per_image,
        "params": sum(p.numel() for p in model.parameters()),
        "tflops": round(achieved, 3),
        "precision": kind,
        "peak_tflops": peak,
        "fraction_of_peak": None if peak is None else round(achieved / peak, 4),
        "device": name,
        "bf16": args.bf16,
        "channels_last": args.channels_last,
        "foreach_adam": foreach,
        "loss": float(last["loss"]),
        "torch": torch.__version__,
    }), flush=True)


if __name__ == "__main__":
    main()
