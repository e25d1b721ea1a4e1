#!/usr/bin/env bash
# Stages xraysynth for the GPU machine within the device tool's 64 MiB carry limit: runs the workplace's
# device/pack (app + .NET runtime + launcher into .device/), then drops ONNX Runtime's native library (29 MiB, CPU
# only; GPU runs do not use it: there `gan sample --onnx` and ONNX feature extractors cannot load it).
# usage: bash bench/device-pack.sh          (from the root of a normal checkout, not a git worktree)
set -euo pipefail
root=$(git rev-parse --show-toplevel)
pack=${PACK:-$root/../shared/device/pack}
cd "$root"
"$pack" src/XraySynth.Cli/XraySynth.Cli.csproj
rm -f .device/app/runtimes/linux-x64/native/libonnxruntime*.so
size=$(du -sm .device | cut -f1)
echo "device-pack: .device is ${size} MiB (limit 64)" >&2
[ "$size" -le 64 ] || { echo "device-pack: still over the carry limit" >&2; exit 1; }
