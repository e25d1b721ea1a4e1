#!/usr/bin/env python3
"""Load an XraySynth GAN bundle (.xsgan) into the PyTorch reference generator and write a sample grid.

Proves the bundle is usable without XraySynth: the weights are plain safetensors under the parameter names of
dcgan.py / pggan.py, the architecture is config.json. Nothing from the bundle is executed (no pickle).

    python3 bench/reference/load_safetensors.py NAME.xsgan --out grid.png [--seed 0] [--columns 6] [--device cpu]
    python3 bench/reference/load_safetensors.py NAME.xsgan --check-only     # hashes + header only; needs no torch
    python3 bench/reference/load_safetensors.py NAME.xsgan --dump DIR       # also raw latents/conditions/output

Steps: check every entry's SHA-256 against manifest.json; read config.json; build dcgan.Generator or
pggan.Generator with the same architecture; load generator.safetensors (safetensors.torch.load_file when the
package is installed, else the small reader below) with strict=True; sample one row per condition (No Finding,
then each label alone) and write an 8-bit PNG. A PGGAN exported mid-growth samples at its recorded phase
(sample_resolution, alpha), as XraySynth does.
"""
import argparse
import hashlib
import json
import struct
import sys
import zipfile
import zlib

sys.dont_write_bytecode = True  # no __pycache__ beside the scripts

DTYPES = {"F64": ("d", 8), "F32": ("f", 4), "F16": ("e", 2), "BF16": (None, 2), "I64": ("q", 8), "I32": ("i", 4),
          "I16": ("h", 2), "I8": ("b", 1), "U8": ("B", 1), "BOOL": ("?", 1)}


def read_bundle(path):
    """Entries of the zip after checking names and every SHA-256 against manifest.json."""
    with zipfile.ZipFile(path) as z:
        names = z.namelist()
        for name in names:
            if name.startswith("/") or ".." in name.split("/") or "\\" in name:
                raise SystemExit(f"{path}: refused entry name {name!r}")
        manifest = json.loads(z.read("manifest.json"))
        listed = {e["path"]: e for e in manifest["entries"]}
        extra = set(names) - set(listed) - {"manifest.json"}
        if extra:
            raise SystemExit(f"{path}: entries not in the manifest: {sorted(extra)}")
        entries = {}
        for name, e in listed.items():
            data = z.read(name)
            if hashlib.sha256(data).hexdigest() != e["sha256"] or len(data) != e["bytes"]:
                raise SystemExit(f"{path}: {name} does not match its SHA-256 in manifest.json")
            entries[name] = data
        return entries


def read_safetensors(data):
    """{name: (dtype, shape, bytes)} and the metadata, from the format's bytes (json + struct only)."""
    n, = struct.unpack("<Q", data[:8])
    header = json.loads(data[8:8 + n])
    metadata = header.pop("__metadata__", {})
    buffer = data[8 + n:]
    tensors = {}
    for name, t in header.items():
        b, e = t["data_offsets"]
        count = 1
        for d in t["shape"]:
            count *= d
        if t["dtype"] not in DTYPES or (e - b) != count * DTYPES[t["dtype"]][1] or e > len(buffer):
            raise SystemExit(f"tensor {name}: bad dtype or offsets")
        tensors[name] = (t["dtype"], t["shape"], buffer[b:e])
    return tensors, metadata


def load_weights(data, torch):
    try:
        from safetensors.torch import load as load_bytes
        return load_bytes(data)
    except ImportError:
        tensors, _ = read_safetensors(data)
        kinds = {"F32": torch.float32, "F64": torch.float64, "F16": torch.float16, "BF16": torch.bfloat16,
                 "I64": torch.int64, "I32": torch.int32, "I16": torch.int16, "I8": torch.int8, "U8": torch.uint8, "BOOL": torch.bool}
        return {name: torch.frombuffer(bytearray(raw), dtype=kinds[dtype]).reshape(shape).clone()
                for name, (dtype, shape, raw) in tensors.items()}


def build_generator(config):
    import dcgan
    import pggan
    labels = len(config["labels"])
    if config["kind"] == "dcgan":
        a = config["dcgan"]
        arch = dcgan.Architecture(a["resolution"], latent=a["latent_size"], ngf=a["generator_features"],
                                  ndf=a["discriminator_features"], label_embedding=a["label_embedding"])
        return dcgan.Generator(arch, labels), a["latent_size"]
    a = config["pggan"]
    arch = pggan.Architecture(a["resolution"], latent=a["latent_size"], fmap_base=a["fmap_base"], fmap_max=a["fmap_max"],
                              label_embedding=a["label_embedding"], group=a["minibatch_group"])
    return pggan.Generator(arch, labels), a["latent_size"]


def generate(generator, config, z, y):
    """The generator at the bundle's phase (PGGAN may stop before its final resolution)."""
    if config["kind"] == "dcgan":
        return generator(z, y)
    import torch
    import torch.nn.functional as F
    import pggan
    level = int(round(__import__("math").log2(config["sample_resolution"]))) - 2
    alpha = config["alpha"]
    g = generator
    h = g.input(torch.cat([pggan.pixel_norm(z), g.labels(y)], 1)).reshape(-1, g.arch.channels(4), 4, 4)
    h = pggan.pixel_norm(F.leaky_relu(h, 0.2))
    h = pggan.pixel_norm(F.leaky_relu(g.conv4(h), 0.2))
    previous = h
    for block in list(g.blocks)[:level]:
        previous = h
        h = block(h)
    image = g.to_gray[level](h)
    if level > 0 and alpha < 1:
        coarse = F.interpolate(g.to_gray[level - 1](previous), scale_factor=2, mode="nearest")
        image = coarse.lerp(image, alpha)
    return image


def write_png(path, pixels, width, height):
    raw = b"".join(b"\x00" + bytes(pixels[r * width:(r + 1) * width]) for r in range(height))
    chunk = lambda kind, data: struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    with open(path, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0))
                + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("bundle")
    p.add_argument("--out", default="bundle-samples.png")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--columns", type=int, default=6)
    p.add_argument("--device", default="cpu")
    p.add_argument("--check-only", action="store_true", help="verify hashes and parse the header; no torch needed")
    p.add_argument("--dump", metavar="DIR", help="also write the latents, conditions and raw generator output as "
                   "little-endian float32 files (z.f32, y.f32, images.f32, shapes in dump.json) for a parity check")
    args = p.parse_args()

    entries = read_bundle(args.bundle)
    config = json.loads(entries["config.json"])
    tensors, metadata = read_safetensors(entries["generator.safetensors"])
    if args.check_only:
        print(json.dumps({"ok": True, "kind": config["kind"], "labels": len(config["labels"]), "tensors": len(tensors),
                          "parameters": sum(len(raw) // DTYPES[d][1] for d, _, raw in tensors.values()), "metadata": metadata}))
        return

    import torch
    generator, latent = build_generator(config)
    generator.load_state_dict(load_weights(entries["generator.safetensors"], torch), strict=True)
    generator.to(args.device).eval()
    labels = config["labels"]
    rows = len(labels) + 1
    y = torch.zeros(rows, len(labels))
    for i in range(len(labels)):
        y[i + 1, i] = 1
    y = y.repeat_interleave(args.columns, 0).to(args.device)
    torch.manual_seed(args.seed)
    z = torch.randn(rows * args.columns, latent).to(args.device)
    with torch.no_grad():
        raw_images = generate(generator, config, z, y).float().cpu()
        images = raw_images.clamp(-1, 1).add(1).mul(127.5).round().to(torch.uint8)
    if args.dump:
        import os
        os.makedirs(args.dump, exist_ok=True)
        for name, t in (("z", z), ("y", y), ("images", raw_images)):
            with open(os.path.join(args.dump, name + ".f32"), "wb") as f:
                f.write(struct.pack("<%df" % t.numel(), *t.float().cpu().reshape(-1).tolist()))
        with open(os.path.join(args.dump, "dump.json"), "w") as f:
            json.dump({"z": list(z.shape), "y": list(y.shape), "images": list(raw_images.shape), "torch": torch.__version__}, f)
    r = images.shape[-1]
    grid = images.reshape(rows, args.columns, r, r).permute(0, 2, 1, 3).reshape(rows * r, args.columns * r)
    write_png(args.out, grid.flatten().tolist(), args.columns * r, rows * r)
    print(json.dumps({"ok": True, "kind": config["kind"], "out": args.out, "resolution": r, "rows": rows,
                      "mean": images.float().mean().item(), "std": images.float().std().item()}))


if __name__ == "__main__":
    main()
