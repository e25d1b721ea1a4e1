#!/usr/bin/env bash
# bench/device-checks.sh: every GPU check the open issues ask for, in one device call that fits a lent GPU's
# budget (15 device-minutes a session with the machine's start, 10 minutes a command):
#   1. doctor --device cuda --smoke                      (#2; stops the script when CUDA does not work)
#   2. GAN training throughput vs PyTorch                (#4; bench/gan-benchmark.sh)
#   3. classifier training throughput vs PyTorch         (#5; bench/classifier-benchmark.sh, ResNet-50 + DenseNet-121)
#   4. bf16 classifier and detector training on CUDA     (one epoch each on a small phantom made there)
#   5. PGGAN on the NIH subset (128 px cache) for the time left   (#4; configs/pggan-nih-128-quick.yaml)
#
# Here:   bash bench/device-pack.sh          (app + .NET runtime + NIH 128 px dataset in .device/, under 64 MiB)
# Device: run  carry [".device"]  timeout_s 600  command: bash bench/device-checks.sh
# CPU=1 bash bench/device-checks.sh runs the same stages tiny on this machine (a dry run of the script).
#
# Everything lands in $OUT (the device tool brings back at most 8 files): checks.md (results and tables),
# checks.log (all output), benchmarks.jsonl, gan-log.csv, gan-reals.png, gan-fakes-first.png, gan-fakes-last.png.
# BUDGET seconds bound the whole script [480; CPU: 900]: stages run in the order above, each stopped when the budget
# is spent (its partial results kept); the GAN training gets what is left minus RESERVE seconds [30].
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
CPU=${CPU:-0}
start=$(date +%s)
OUT=${OUT:-$(mktemp -d)}
mkdir -p "$OUT"
md=$OUT/checks.md; log=$OUT/checks.log; jsonl=$OUT/benchmarks.jsonl
: > "$md"; : > "$log"; : > "$jsonl"
work=$(mktemp -d)

if [ "$CPU" = 1 ]; then
  BUDGET=${BUDGET:-900}; DEVICE=cpu
  if [ -z "${XRAYSYNTH:-}" ]; then
    dotnet build src/XraySynth.Cli -c Release --nologo -v q >>"$log" 2>&1 || { echo "device-checks: build failed; see $log" >&2; exit 1; }
    XRAYSYNTH="dotnet src/XraySynth.Cli/bin/Release/net10.0/xraysynth.dll"
  fi
else
  BUDGET=${BUDGET:-480}; DEVICE=cuda
  [ -f .device/run.sh ] || { echo "device-checks: no .device/run.sh: run bash bench/device-pack.sh here first and carry .device" >&2; exit 1; }
  XRAYSYNTH="bash .device/run.sh"
  # run.sh asks python for torch/lib on every call (an `import torch`, seconds): ask once.
  TORCH_LIB=${TORCH_LIB:-$(python3 -c 'import torch,os;print(os.path.join(os.path.dirname(torch.__file__),"lib"))')}
  export TORCH_LIB
fi
export XRAYSYNTH
RESERVE=${RESERVE:-30}

left() { echo $(( BUDGET - ($(date +%s) - start) )); }
say() { echo "$*" | tee -a "$log" >&2; }
section() { printf '\n## %s\n\n' "$1" >> "$md"; say "== $1 ($(left) s left)"; }
# x ARGS...: xraysynth with its output in the log; stopped when the budget is spent
x() { local t; t=$(left); [ "$t" -gt 5 ] || { say "(budget spent: skipped xraysynth $*)"; return 124; }
      # shellcheck disable=SC2086  # XRAYSYNTH is a word list on purpose
      timeout "$t" $XRAYSYNTH "$@" >>"$log" 2>&1; }

{
  echo "# XraySynth device checks"
  echo
  echo "$(date -u +%Y-%m-%dT%H:%M:%SZ), commit $(git rev-parse --short HEAD 2>/dev/null || echo unknown), budget ${BUDGET} s"
  command -v nvidia-smi >/dev/null && nvidia-smi --query-gpu=name,memory.total,driver_version --format=csv,noheader | sed 's/^/GPU: /'
  python3 -c 'import torch; print("PyTorch", torch.__version__, "CUDA", torch.version.cuda, "cuDNN", torch.backends.cudnn.version())' 2>/dev/null
} >> "$md"

# 1. doctor + smoke (#2)
section "1. doctor --device $DEVICE --smoke"
doctor=$work/doctor.txt
if ! timeout 120 $XRAYSYNTH doctor --device "$DEVICE" --smoke > "$doctor" 2>&1; then
  cat "$doctor" >> "$log"; { echo '```'; grep -v 'NNPACK' "$doctor"; echo '```'; echo; echo "doctor failed: the other stages were skipped."; } >> "$md"
  say "device-checks: doctor failed; see $md"; exit 1
fi
cat "$doctor" >> "$log"; { echo '```'; grep -v 'NNPACK' "$doctor"; echo '```'; } >> "$md"

# 2. GAN throughput (#4), 3. classifier throughput (#5)
bench() {  # bench NAME SCRIPT ENV...: run a benchmark script with the time left, its table into checks.md
  local name=$1 script=$2; shift 2
  local t; t=$(left); [ "$t" -gt 20 ] || { echo "(skipped: budget spent)" >> "$md"; return; }
  local dir=$work/$name; mkdir -p "$dir"
  env OUT="$dir" CPU="$CPU" "$@" timeout "$t" bash "$script" >>"$log" 2>&1
  local rc=$?
  [ -s "$dir/$name.md" ] && cat "$dir/$name.md" >> "$md" || echo "(no table: exit $rc; see checks.log)" >> "$md"
  [ $rc -eq 0 ] || echo "(stopped early: exit $rc; the rows above are the runs that finished)" >> "$md"
  cat "$dir/$name.jsonl" >> "$jsonl" 2>/dev/null
  cat "$dir/$name.log" >> "$log" 2>/dev/null
}
section "2. GAN training throughput (bench/gan-benchmark.sh)"
if [ "$CPU" = 1 ]; then bench gan-benchmark bench/gan-benchmark.sh TIMEOUT=120
else bench gan-benchmark bench/gan-benchmark.sh STEPS=30 WARMUP=10 REPEATS=3 TIMEOUT=90; fi
section "3. classifier training throughput (bench/classifier-benchmark.sh)"
if [ "$CPU" = 1 ]; then bench classifier-benchmark bench/classifier-benchmark.sh TIMEOUT=120
else bench classifier-benchmark bench/classifier-benchmark.sh BATCHES=64 STEPS=20 WARMUP=8 REPEATS=3 TIMEOUT=90; fi

# 4. bf16 trainers on the device (bf16 is CUDA-only: on the CPU the configs run in fp32)
section "4. classifier and detector training with bf16: true"
phantom=$work/phantom
if x data phantom --count 240 --size 64 --seed 1 --out "$phantom" -q; then
  cat > "$work/bf16.yaml" <<'YAML'
classifier:
  bf16: true
  channels_last: true
  batch_size: 32
detector:
  bf16: true
  channels_last: true
  batch_size: 16
YAML
  for stage in "classify train --size 64" "detect train --size 64"; do
    t0=$(date +%s); mark=$(wc -l < "$log")
    # shellcheck disable=SC2086  # the stage is a word list on purpose
    if x $stage --config "$work/bf16.yaml" --data "$phantom" --out "$work/runs" --epochs 1 --device "$DEVICE"; then r=ok; else r="FAILED (exit $?)"; fi
    echo "- \`$stage --epochs 1\` (bf16, channels-last): $r in $(( $(date +%s) - t0 )) s; $(tail -n +"$((mark + 1))" "$log" | grep -E '^run: ' | tail -1)" >> "$md"
  done
else
  echo "(phantom generation failed; see checks.log)" >> "$md"
fi

# 5. PGGAN on the NIH subset (#4) with the time left
section "5. PGGAN on the NIH ChestX-ray14 subset (configs/pggan-nih-128-quick.yaml)"
data=""
if [ -f .device/nih128.tar.xz ]; then tar xJf .device/nih128.tar.xz -C "$work" && data=$work/nih
elif [ -d ../shared/data/nih-cxr14-subset ]; then
  x data import nih --source ../shared/data/nih-cxr14-subset --out "$work/nih" -q && data=$work/nih
fi
if [ -z "$data" ]; then
  echo "(no NIH dataset: pack with bench/device-pack.sh)" >> "$md"
else
  config=configs/pggan-nih-128-quick.yaml
  if [ "$CPU" = 1 ]; then
    # the CPU dry run: a tiny network on the 128 px cache for a minute
    sed -e 's/fmap_base: .*/fmap_base: 64/' -e 's/fmap_max: .*/fmap_max: 16/' -e 's/latent_size: .*/latent_size: 16/' \
        -e 's/fade_kimg: .*/fade_kimg: 0.1/' -e 's/stable_kimg: .*/stable_kimg: 0.1/' -e 's/sample_kimg: .*/sample_kimg: 0.2/' \
        -e 's/snapshot_kimg: .*/snapshot_kimg: 0.5/' "$config" > "$work/gan.yaml"
    config=$work/gan.yaml; minutes=1
  else
    minutes=$(( ($(left) - RESERVE) / 60 ))
  fi
  if [ "$minutes" -lt 1 ]; then
    echo "(skipped: $(left) s left)" >> "$md"
  else
    t0=$(date +%s)
    x gan train --config "$config" --data "$data" --out "$work/gan" --device "$DEVICE" --max-minutes "$minutes"
    rc=$?
    run=$(ls -d "$work"/gan/*/ 2>/dev/null | head -1)
    if [ -n "$run" ] && [ -f "$run/log.csv" ]; then
      cp "$run/log.csv" "$OUT/gan-log.csv"
      [ -f "$run/samples/reals.png" ] && cp "$run/samples/reals.png" "$OUT/gan-reals.png"
      fakes=$(ls "$run"/samples/fakes*.png 2>/dev/null)
      [ -n "$fakes" ] && cp "$(echo "$fakes" | head -1)" "$OUT/gan-fakes-first.png" && cp "$(echo "$fakes" | tail -1)" "$OUT/gan-fakes-last.png"
      last=$(tail -1 "$run/log.csv")
      echo "gan train exit $rc (75 = stopped by --max-minutes $minutes) after $(( $(date +%s) - t0 )) s; last log row:" >> "$md"
      { echo '```'; head -1 "$run/log.csv"; echo "$last"; echo '```'; } >> "$md"
      echo "grids: gan-reals.png, gan-fakes-first.png ($(basename "$(echo "$fakes" | head -1)")), gan-fakes-last.png ($(basename "$(echo "$fakes" | tail -1)"))" >> "$md"
    else
      echo "(gan train wrote no log: exit $rc; see checks.log)" >> "$md"
    fi
  fi
fi

printf '\nTotal %s s of a %s s budget.\n' "$(( $(date +%s) - start ))" "$BUDGET" >> "$md"
rm -rf "$work"
cat "$md"
