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
# BUDGET seconds bound the whole script [520; CPU: 900]: stages run in the order above, each stopped when the budget
# is spent (its partial results kept). The benchmarks end by deadlines (GAN_CAP [170] and CLASSIFIER_CAP [130]
# seconds; their runs are ordered fast mode first, and runs that cannot finish are skipped, the table still printed);
# the GAN training gets what is left minus RESERVE seconds [30]. If doctor fails, the PyTorch halves of the
# benchmarks still run (baselines) with the loader's diagnostics, and stages 4-5 are skipped.
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
  BUDGET=${BUDGET:-520}; DEVICE=cuda
  [ -f .device/run.sh ] || { echo "device-checks: no .device/run.sh: run bash bench/device-pack.sh here first and carry .device" >&2; exit 1; }
  XRAYSYNTH="bash .device/run.sh"
  # run.sh asks python for torch/lib on every call (an `import torch`, seconds): ask once.
  TORCH_LIB=${TORCH_LIB:-$(python3 -c 'import torch,os;print(os.path.join(os.path.dirname(torch.__file__),"lib"))')}
  export TORCH_LIB
fi
export XRAYSYNTH
RESERVE=${RESERVE:-30}
if [ "$CPU" = 1 ]; then GAN_CAP=${GAN_CAP:-300}; CLASSIFIER_CAP=${CLASSIFIER_CAP:-200}
else GAN_CAP=${GAN_CAP:-170}; CLASSIFIER_CAP=${CLASSIFIER_CAP:-130}; fi

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
  echo "$(date -u +%Y-%m-%dT%H:%M:%SZ), commit $(git rev-parse --short HEAD 2>/dev/null || cat .device/commit.txt 2>/dev/null || echo unknown), budget ${BUDGET} s"
  command -v nvidia-smi >/dev/null && nvidia-smi --query-gpu=name,memory.total,driver_version --format=csv,noheader | sed 's/^/GPU: /'
  python3 -c 'import torch; print("PyTorch", torch.__version__, "CUDA", torch.version.cuda, "cuDNN", torch.backends.cudnn.version())' 2>/dev/null
} >> "$md"

# 1. doctor + smoke (#2)
section "1. doctor --device $DEVICE --smoke"
doctor=$work/doctor.txt
doctor_ok=1
# shellcheck disable=SC2086  # XRAYSYNTH is a word list on purpose
timeout 120 $XRAYSYNTH doctor --device "$DEVICE" --smoke > "$doctor" 2>&1
rc=$?
# a crash while unloading CUDA at exit after a passing smoke step still counts as a working device
if [ $rc -ne 0 ] && ! grep -qE '^training step on .*: ok$' "$doctor"; then doctor_ok=0; fi
cat "$doctor" >> "$log"; { echo '```'; grep -v 'NNPACK' "$doctor"; echo '```'; } >> "$md"
if [ $doctor_ok = 0 ]; then
  {
    echo; echo "doctor failed (exit $rc): stages 4-5 skipped; the benchmarks run their PyTorch halves only. Diagnostics:"
    echo '```'
    echo "TORCH_LIB=${TORCH_LIB:-}"; ls "${TORCH_LIB:-/nonexistent}" 2>&1 | head -40
    [ -n "${TORCH_LIB:-}" ] && ldd "$TORCH_LIB/libtorch_cuda.so" 2>&1 | grep -E 'not found|cudart|cudnn|cublas' | head -20
    python3 -c 'import torch; print("torch.cuda.is_available()", torch.cuda.is_available())' 2>&1 | tail -1
    echo '```'
  } >> "$md"
  say "device-checks: doctor failed (exit $rc); running the PyTorch baselines only"
  XRAYSYNTH=false
elif [ $rc -ne 0 ]; then
  echo "(doctor exited $rc after its smoke step passed)" >> "$md"
fi

# 2. GAN throughput (#4), 3. classifier throughput (#5)
bench() {  # bench NAME SCRIPT CAP ENV...: run a benchmark script until a deadline (CAP seconds, at most the time left), its table into checks.md
  local name=$1 script=$2 cap=$3; shift 3
  local t; t=$(left); [ "$t" -gt 30 ] || { echo "(skipped: budget spent)" >> "$md"; return; }
  [ "$cap" -lt "$t" ] && t=$cap
  local dir=$work/$name; mkdir -p "$dir"
  # the script skips runs that cannot end by DEADLINE and prints its table; the timeout (20 s later) is a backstop
  env OUT="$dir" CPU="$CPU" XRAYSYNTH="$XRAYSYNTH" DEADLINE=$(( $(date +%s) + t - 10 )) "$@" timeout $(( t + 10 )) bash "$script" >>"$log" 2>&1
  local rc=$?
  [ -s "$dir/$name.md" ] && cat "$dir/$name.md" >> "$md" || echo "(no table: exit $rc; see checks.log)" >> "$md"
  [ $rc -eq 0 ] || echo "(stopped early: exit $rc; the rows above are the runs that finished)" >> "$md"
  cat "$dir/$name.jsonl" >> "$jsonl" 2>/dev/null
  cat "$dir/$name.log" >> "$log" 2>/dev/null
}
section "2. GAN training throughput (bench/gan-benchmark.sh)"
if [ "$CPU" = 1 ]; then bench gan-benchmark bench/gan-benchmark.sh "$GAN_CAP" TIMEOUT=120
else bench gan-benchmark bench/gan-benchmark.sh "$GAN_CAP" MODES="fast fp32" STEPS=30 WARMUP=10 REPEATS=3 TIMEOUT=90; fi
section "3. classifier training throughput (bench/classifier-benchmark.sh)"
if [ "$CPU" = 1 ]; then bench classifier-benchmark bench/classifier-benchmark.sh "$CLASSIFIER_CAP" TIMEOUT=120
else bench classifier-benchmark bench/classifier-benchmark.sh "$CLASSIFIER_CAP" MODES="fast fp32" BATCHES=64 STEPS=20 WARMUP=8 REPEATS=3 TIMEOUT=90; fi
if [ $doctor_ok = 0 ]; then
  printf '
Total %s s of a %s s budget (doctor failed).
' "$(( $(date +%s) - start ))" "$BUDGET" >> "$md"
  rm -rf "$work"; cat "$md"; exit 1
fi

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
    # --max-minutes takes a fraction: all the time left but the reserve
    minutes=$(awk -v s="$(( $(left) - RESERVE ))" 'BEGIN { printf "%.2f", s / 60 }')
  fi
  if awk -v m="$minutes" 'BEGIN { exit !(m < 0.75) }'; then
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
