#!/usr/bin/env bash
# bench/classifier-benchmark.sh: classifier training throughput, XraySynth against the PyTorch reference, as one
# Markdown table (issue #5: ResNet-50 and DenseNet-121 at 224 px, ratio >= 1.0 the goal).
#
# For each model, size, batch and mode it runs `xraysynth bench classify ...` and
# `python3 bench/reference/classifier.py ...` with the same settings, collects their JSON lines and prints
# model | size | batch | mode | XraySynth img/s | PyTorch img/s | ratio | GFLOP/img | TFLOP/s | fraction of peak.
# With $OUT set, the table, the JSON lines and the log also go to $OUT/classifier-benchmark.{md,jsonl,log}.
#
# GPU machine (after `bash bench/device-pack.sh` here; device tool, carry [".device"]):
#                            bash bench/classifier-benchmark.sh
# This CPU machine (tiny):   CPU=1 bash bench/classifier-benchmark.sh
#
# Settings (environment):
#   XRAYSYNTH    command that runs xraysynth   [GPU: bash .device/run.sh; CPU: dotnet run (Release build, made first)]
#   PYTHON       python with torch             [python3; CPU: the first python3 that imports torch]
#   DEVICE       cuda | cpu                    [cuda; CPU: cpu]
#   MODELS       resnet18 resnet50 densenet121 [resnet50 densenet121; CPU: resnet18]
#   SIZES        input sizes in pixels         [224; CPU: 64]
#   BATCHES      batch sizes, each model runs every one   [64 32; CPU: 4]
#   STEPS WARMUP REPEATS                       [30 10 3; CPU: 3 1 1]   (median of REPEATS windows of STEPS steps)
#   MODES        fp32 = defaults (XraySynth: TorchSharp's per-parameter AdamW; PyTorch: AdamW with its default,
#                multi-tensor on CUDA); fast = bf16 + channels-last + multi-tensor AdamW (XraySynth: bf16 batches
#                on fp32 master weights, as the trainer's bf16: true; PyTorch: autocast); cl = fp32 with
#                channels-last + multi-tensor AdamW   [fp32 fast]
#   THREADS      CPU threads for both          [unset; CPU: 1 (2 threads on a shared 2-core VM thrash)]
#   DEADLINE     epoch seconds by which every run must have ended (later runs are skipped, the table still printed)
#   XRAYSYNTH_FLAGS  extra flags for xraysynth only, e.g. --deterministic      TIMEOUT  seconds per run [300]
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

CPU=${CPU:-0}
if [ "$CPU" = 1 ]; then
  DEVICE=${DEVICE:-cpu}; MODELS=${MODELS:-resnet18}; SIZES=${SIZES:-64}; BATCHES=${BATCHES:-4}
  STEPS=${STEPS:-3}; WARMUP=${WARMUP:-1}; REPEATS=${REPEATS:-1}; THREADS=${THREADS:-1}
  if [ -z "${XRAYSYNTH:-}" ]; then
    echo "classifier-benchmark: building xraysynth (Release)" >&2
    dotnet build src/XraySynth.Cli -c Release --nologo -v q >&2 || exit 1
    XRAYSYNTH="dotnet run --project src/XraySynth.Cli -c Release --no-build --"
  fi
  if [ -z "${PYTHON:-}" ]; then
    for p in python3 /usr/bin/python3; do
      if "$p" -c 'import torch' 2>/dev/null; then PYTHON=$p; break; fi
    done
  fi
else
  DEVICE=${DEVICE:-cuda}; MODELS=${MODELS:-resnet50 densenet121}; SIZES=${SIZES:-224}; BATCHES=${BATCHES:-64 32}
  STEPS=${STEPS:-30}; WARMUP=${WARMUP:-10}; REPEATS=${REPEATS:-3}; THREADS=${THREADS:-}
  if [ -z "${XRAYSYNTH:-}" ]; then
    [ -f .device/run.sh ] || { echo "classifier-benchmark: no .device/run.sh: run bash bench/device-pack.sh first and carry .device" >&2; exit 1; }
    XRAYSYNTH="bash .device/run.sh"
    # run.sh asks python for torch/lib on every call (an `import torch`, seconds): ask once.
    TORCH_LIB=${TORCH_LIB:-$(${PYTHON:-python3} -c 'import torch,os;print(os.path.join(os.path.dirname(torch.__file__),"lib"))')}
    export TORCH_LIB
  fi
fi
PYTHON=${PYTHON:-python3}
MODES=${MODES:-fp32 fast}
TIMEOUT=${TIMEOUT:-300}
XRAYSYNTH_FLAGS=${XRAYSYNTH_FLAGS:-}

work=${OUT:-$(mktemp -d)}
jsonl=$work/classifier-benchmark.jsonl
log=$work/classifier-benchmark.log
: > "$jsonl"; : > "$log"

# run LABEL COMMAND...: append the command's JSON line to $jsonl (skips past DEADLINE, failures to the log)
# shellcheck source=bench/bench-run.sh
source "$root/bench/bench-run.sh"

load=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo "?")
start=$(date +%s)
# Modes outermost: under a DEADLINE, every model and batch gets its first mode before any gets its second.
for mode in $MODES; do
for model in $MODELS; do
  for size in $SIZES; do
    for batch in $BATCHES; do
      common=(--arch "$model" --size "$size" --batch "$batch" --steps "$STEPS" --warmup "$WARMUP" --repeats "$REPEATS" --device "$DEVICE")
      [ -n "$THREADS" ] && common+=(--threads "$THREADS")
        case $mode in
          fp32) xs=(); py=() ;;
          fast) xs=(--bf16 --channels-last --foreach-adam); py=(--bf16 --channels-last --foreach) ;;
          cl) xs=(--channels-last --foreach-adam); py=(--channels-last --foreach) ;;
          *) echo "classifier-benchmark: unknown mode '$mode' (fp32, fast, cl)" >&2; exit 1 ;;
        esac
        # shellcheck disable=SC2086  # XRAYSYNTH and XRAYSYNTH_FLAGS are word lists on purpose
        run "xraysynth $model $size/$batch $mode" $XRAYSYNTH bench classify "${common[@]}" "${xs[@]}" $XRAYSYNTH_FLAGS
        run "pytorch $model $size/$batch $mode" "$PYTHON" bench/reference/classifier.py "${common[@]}" "${py[@]}"
    done
  done
done
done
elapsed=$(( $(date +%s) - start ))
load_after=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo "?")

"$PYTHON" - "$jsonl" "$elapsed" "$STEPS" "$WARMUP" "$REPEATS" "$load" "$load_after" <<'PY' | tee "$work/classifier-benchmark.md"
import json, sys
path, elapsed, steps, warmup, repeats, load, load_after = sys.argv[1:8]
rows = [json.loads(line) for line in open(path) if line.strip()]

def mode(r):
    return "fast" if r["bf16"] else "cl" if r["channels_last"] else "fp32"

results = {}
for r in rows:
    results.setdefault((r["model"], r["size"], r["batch"], mode(r)), {})[r["impl"]] = r
devices = sorted({r["device"] for r in rows})
cpu_only = devices == ["cpu"]

def fmt(v, spec):
    return "–" if v is None else format(v, spec)

def rate(r):
    if r is None:
        return "–"
    spec = ",.0f" if r["img_per_s"] >= 100 else ".1f"
    text = format(r["img_per_s"], spec)
    windows = r.get("img_per_s_windows") or []
    return text if len(windows) < 2 else f"{text} [{', '.join(format(w, spec) for w in windows)}]"

print(f"### Classifier training throughput: XraySynth vs PyTorch ({', '.join(devices) or 'no results'}"
      f"{', CPU only' if cpu_only else ''})")
print()
print(f"One training step = zero gradients, forward, BCE on logits, backward, AdamW (lr 1e-3, weight decay 1e-4) on "
      f"random batches already on the device; {warmup} warm-up steps, then the median of {repeats} windows of {steps} "
      f"steps (windows in brackets). fp32 = defaults (TF32 convolutions on CUDA; XraySynth: TorchSharp's AdamW, "
      f"PyTorch: its default AdamW); fast = bf16 + channels-last + multi-tensor AdamW; cl = channels-last + "
      f"multi-tensor AdamW in fp32. Ratio = XraySynth / PyTorch. Total wall time {elapsed} s; load average "
      f"(1/5/15 min) {load} before, {load_after} after.")
print()
print("| model | size | batch | mode | precision | XraySynth img/s | PyTorch img/s | ratio | GFLOP/img | XraySynth TFLOP/s | fraction of peak (X / P) | check |")
print("|---|---:|---:|---|---|---:|---:|---:|---:|---:|---|---|")
order = {"resnet18": 0, "resnet50": 1, "densenet121": 2}
modes = {"fp32": 0, "cl": 1, "fast": 2}
for k in sorted(results, key=lambda k: (order.get(k[0], 9), k[1], -k[2], modes.get(k[3], 9))):
    x, p = results[k].get("xraysynth"), results[k].get("pytorch")
    any_ = x or p
    ratio = x["img_per_s"] / p["img_per_s"] if x and p else None
    checks = []
    if x and p:
        for field in ("flops_per_image", "params"):
            if x[field] != p[field]:
                checks.append(f"{field} differs")
        for r in (x, p):
            if not r["loss"] == r["loss"] or abs(r["loss"]) == float("inf"):
                checks.append(f"{r['impl']} loss not finite")
    frac = f"{fmt(x and x['fraction_of_peak'], '.1%')} / {fmt(p and p['fraction_of_peak'], '.1%')}"
    print(f"| {k[0]} | {k[1]} | {k[2]} | {k[3]} | {any_['precision']} | {rate(x)} | {rate(p)} | {fmt(ratio, '.2f')} | "
          f"{any_['flops_per_image'] / 1e9:.2f} | {fmt(x and x['tflops'], '.3g')} | {frac} | "
          f"{'; '.join(checks) or ('ok' if x and p else 'missing run')} |")
PY
[ -n "${OUT:-}" ] || echo "(JSON lines and log in $work)" >&2
