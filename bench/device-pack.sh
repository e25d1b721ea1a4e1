#!/usr/bin/env bash
# Stages xraysynth for the GPU machine within the device tool's 64 MiB carry limit (working tree included):
#   1. the workplace's device/pack: app + .NET runtime + launcher into .device/ (82 MiB as it comes);
#   2. drops ONNX Runtime's native library (29 MiB, CPU only; GPU runs do not use it: there `gan sample --onnx`
#      and ONNX feature extractors cannot load it);
#   3. packs the app into .device/app.tar.xz (28 -> 8 MiB); run.sh unpacks it on first use;
#   4. unless NIH=0: the NIH ChestX-ray14 subset of ../shared/data as an imported dataset with its 128 px prepared
#      cache (no images: training reads the cache), .device/nih128.tar.xz (25 MiB, built once, kept in /tmp).
# usage: bash bench/device-pack.sh          (from the root of a normal checkout, not a git worktree)
# then:  device run, carry [".device"], command: bash bench/device-checks.sh   (or bash .device/run.sh ARGS)
set -euo pipefail
root=$(git rev-parse --show-toplevel)
pack=${PACK:-$root/../shared/device/pack}
nih_source=${NIH_SOURCE:-$root/../shared/data/nih-cxr14-subset}
NIH=${NIH:-1}
cd "$root"
"$pack" src/XraySynth.Cli/XraySynth.Cli.csproj
rm -f .device/app/runtimes/linux-x64/native/libonnxruntime*.so

app=$(basename "$(ls .device/app/*.runtimeconfig.json | head -1)" .runtimeconfig.json)
echo "device-pack: compressing the app" >&2
tar cJf .device/app.tar.xz -C .device app
rm -rf .device/app
# run.sh: unpack the app beside itself before the first start (the carried folder is writable there).
line='[ -f "$here/app/'"$app"'.dll" ] || { rm -rf "$here/app.part" && mkdir "$here/app.part" && tar xJf "$here/app.tar.xz" -C "$here/app.part" && mv "$here/app.part/app" "$here/app" && rmdir "$here/app.part"; }'
awk -v line="$line" '{ print } /^here=/ { print line }' .device/run.sh > .device/run.sh.new
grep -qF 'app.tar.xz' .device/run.sh.new || { echo "device-pack: run.sh has no 'here=' line to add the unpacking after" >&2; exit 1; }
mv .device/run.sh.new .device/run.sh && chmod +x .device/run.sh

rm -f .device/nih128.tar.xz
if [ "$NIH" = 1 ]; then
  if [ ! -f "$nih_source/Data_Entry_2017.csv" ]; then
    echo "device-pack: no NIH subset at $nih_source (NIH=0 to pack without it)" >&2; exit 1
  fi
  manifest_key=$(cat "$nih_source/Data_Entry_2017.csv" "$nih_source"/*.txt 2>/dev/null | sha256sum | cut -c1-16)
  cached=/tmp/xraysynth-device-nih128-$manifest_key.tar.xz
  if [ ! -s "$cached" ]; then
    echo "device-pack: importing the NIH subset and preparing its 128 px cache (once, ~1 min)" >&2
    work=$(mktemp -d)
    dotnet build src/XraySynth.Cli -c Release --nologo -v q >&2
    x=(dotnet src/XraySynth.Cli/bin/Release/net10.0/xraysynth.dll)
    "${x[@]}" data import nih --source "$nih_source" --out "$work/nih" -q >&2
    "${x[@]}" data prepare "$work/nih" --size 128 -q >&2
    tar cJf "$cached.part" -C "$work" nih && mv "$cached.part" "$cached"
    rm -rf "$work"
  fi
  cp "$cached" .device/nih128.tar.xz
fi

# .git does not travel: device-checks.sh reports the commit from here (+dirty when the working tree had changes)
{ git rev-parse --short HEAD; git diff --quiet HEAD -- src bench configs || echo "+dirty"; } | paste -sd '' > .device/commit.txt

size=$(du -sm .device | cut -f1)
tree=$(git ls-files -z | xargs -0 du -cm 2>/dev/null | tail -1 | cut -f1)
echo "device-pack: .device is ${size} MiB, tracked files ${tree} MiB (limit 64 together)" >&2
[ $((size + tree)) -le 63 ] || { echo "device-pack: over the carry limit" >&2; exit 1; }
