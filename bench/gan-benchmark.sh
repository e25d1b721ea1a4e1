#!/usr/bin/env bash
# bench/gan-benchmark.sh: GAN training throughput, XraySynth against the PyTorch reference, as one Markdown table.
#
# For each model (pggan, dcgan), resolution and mode it runs `xraysynth bench gan ...` and
# `python3 bench/reference/<model>.py ...` with the same settings, collects their JSON lines and prints
# model | resolution | batch | mode | XraySynth img/s | PyTorch img/s | ratio | GFLOP/img | TFLOP/s | fraction of peak.
# With $OUT set, the table, the JSON lines and the log also go to $OUT/gan-benchmark.{md,jsonl,log}.
#
# GPU machine (after `../shared/device/pack src/XraySynth.Cli/XraySynth.Cli.csproj` here; device tool,
# carry [".device"]):        bash bench/gan-benchmark.sh
# This CPU machine (tiny):   CPU=1 bash bench/gan-benchmark.sh
#
# Settings (environment):
#   XRAYSYNTH    command that runs xraysynth   [GPU: bash .device/run.sh; CPU: dotnet run (Release build, made first)]
#   PYTHON       python with torch             [python3; CPU: the first python3 that imports torch]
#   DEVICE       cuda | cpu                    [cuda; CPU: cpu]
#   MODELS       [pggan dcgan]
#   PGGAN_RESOLUTIONS [64 128 256; CPU: 8 16]   DCGAN_RESOLUTIONS [64 128; CPU: 32]  (DCGAN: 32, 64 or 128)
#   BATCHES      resolution:batch pairs        [64:64 128:32 256:16; CPU: 8:4 16:4 32:4]
#   STEPS WARMUP REPEATS                       [50 10 3; CPU: 3 1 1]   (median of REPEATS windows of STEPS steps)
#   MODES        fp32 = defaults (XraySynth: TorchSharp Adam; PyTorch: foreach Adam, its default on CUDA);
#                fast = channels-last + multi-tensor Adam, and bf16 for pggan (both: bf16 activations, fp32 master
#                weights cast per layer by hand; no autocast, which on CUDA keeps pixel norm onwards in fp32);
#                host = fp32 with the trainer's host-side latent draws (xraysynth --host-draws; compared with
#                PyTorch's fp32 run)   [fp32 fast]
#   THREADS      CPU threads for both          [unset; CPU: 1 (2 threads on a shared 2-core VM thrash)]
#   DEADLINE     epoch seconds by which every run must have ended (later runs are skipped, the table still printed)
#   XRAYSYNTH_FLAGS  extra flags for xraysynth only, e.g. --host-draws     TIMEOUT  seconds per run [300]
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

CPU=${CPU:-0}
if [ "$CPU" = 1 ]; then
  DEVICE=${DEVICE:-cpu}; PGGAN_RESOLUTIONS=${PGGAN_RESOLUTIONS:-8 16}; DCGAN_RESOLUTIONS=${DCGAN_RESOLUTIONS:-32}
  BATCHES=${BATCHES:-8:4 16:4 32:4}
  STEPS=${STEPS:-3}; WARMUP=${WARMUP:-1}; REPEATS=${REPEATS:-1}; THREADS=${THREADS:-1}
  if [ -z "${XRAYSYNTH:-}" ]; then
    echo "gan-benchmark: building xraysynth (Release)" >&2
    dotnet build src/XraySynth.Cli -c Release --nologo -v q >&2 || exit 1
    XRAYSYNTH="dotnet run --project src/XraySynth.Cli -c Release --no-build --"
  fi
  if [ -z "${PYTHON:-}" ]; then
    for p in python3 /usr/bin/python3; do
      if "$p" -c 'import torch' 2>/dev/null; then PYTHON=$p; break; fi
    done
  fi
else
  DEVICE=${DEVICE:-cuda}; PGGAN_RESOLUTIONS=${PGGAN_RESOLUTIONS:-64 128 256}; DCGAN_RESOLUTIONS=${DCGAN_RESOLUTIONS:-64 128}
  BATCHES=${BATCHES:-64:64 128:32 256:16}
  STEPS=${STEPS:-50}; WARMUP=${WARMUP:-10}; REPEATS=${REPEATS:-3}; THREADS=${THREADS:-}
  if [ -z "${XRAYSYNTH:-}" ]; then
    [ -f .device/run.sh ] || { echo "gan-benchmark: no .device/run.sh: run ../shared/device/pack src/XraySynth.Cli/XraySynth.Cli.csproj first and carry .device" >&2; exit 1; }
    XRAYSYNTH="bash .device/run.sh"
    # run.sh asks python for torch/lib on every call (an `import torch`, seconds): ask once.
    TORCH_LIB=${TORCH_LIB:-$(${PYTHON:-python3} -c 'import torch,os;print(os.path.join(os.path.dirname(torch.__file__),"lib"))')}
    export TORCH_LIB
  fi
fi
PYTHON=${PYTHON:-python3}
MODELS=${MODELS:-pggan dcgan}
MODES=${MODES:-fp32 fast}
TIMEOUT=${TIMEOUT:-300}
XRAYSYNTH_FLAGS=${XRAYSYNTH_FLAGS:-}

work=${OUT:-$(mktemp -d)}
jsonl=$work/gan-benchmark.jsonl
log=$work/gan-benchmark.log
: > "$jsonl"; : > "$log"

batch_for() {  # batch size for a resolution from BATCHES
  local pair
  for pair in $BATCHES; do [ "${pair%%:*}" = "$1" ] && { echo "${pair#*:}"; return; }; done
  echo "gan-benchmark: no batch for resolution $1 in BATCHES='$BATCHES'" >&2; return 1
}

# run LABEL COMMAND...: append the command's JSON line to $jsonl (skips past DEADLINE, failures to the log)
# shellcheck source=bench/bench-run.sh
source "$root/bench/bench-run.sh"

start=$(date +%s)
# Modes outermost: under a DEADLINE, every model and resolution gets its first mode before any gets its second.
for mode in $MODES; do
for model in $MODELS; do
  resolutions=$PGGAN_RESOLUTIONS; [ "$model" = dcgan ] && resolutions=$DCGAN_RESOLUTIONS
  for resolution in $resolutions; do
    batch=$(batch_for "$resolution") || exit 1
    common=(--resolution "$resolution" --batch "$batch" --steps "$STEPS" --warmup "$WARMUP" --repeats "$REPEATS" --device "$DEVICE")
    [ -n "$THREADS" ] && common+=(--threads "$THREADS")
    xs=(); py=()
    case $mode in
      fp32) ;;
      fast)
        xs=(--channels-last --foreach-adam); py=(--channels-last)
        if [ "$model" = pggan ]; then xs+=(--bf16); py+=(--bf16); fi ;;
      host) xs=(--host-draws) ;;
      *) echo "gan-benchmark: unknown mode '$mode' (fp32, fast, host)" >&2; exit 1 ;;
    esac
    # shellcheck disable=SC2086  # XRAYSYNTH and XRAYSYNTH_FLAGS are word lists on purpose
    run "xraysynth $model $resolution $mode" $XRAYSYNTH bench gan --model "$model" "${common[@]}" "${xs[@]}" $XRAYSYNTH_FLAGS
    [ "$mode" = host ] && continue   # its PyTorch counterpart is the fp32 run
    run "pytorch $model $resolution $mode" "$PYTHON" "bench/reference/$model.py" "${common[@]}" "${py[@]}"
  done
done
done
elapsed=$(( $(date +%s) - start ))

"$PYTHON" - "$jsonl" "$elapsed" "$STEPS" "$WARMUP" "$REPEATS" <<'PY' | tee "$work/gan-benchmark.md"
import json, sys
path, elapsed, steps, warmup, repeats = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4], sys.argv[5]
rows = [json.loads(line) for line in open(path) if line.strip()]

def mode(r):
    return "fast" if r["channels_last"] else "host" if r.get("host_draws") else "fp32"

def key(r):
    return (r["model"], r["resolution"], r["batch"], mode(r))

results = {}
for r in rows:
    results.setdefault(key(r), {})[r["impl"]] = r
devices = sorted({r["device"] for r in rows})

def fmt(v, spec):
    return "–" if v is None else format(v, spec)

def rate(r):
    return "–" if r is None else format(r["img_per_s"], ",.0f" if r["img_per_s"] >= 100 else ".1f")

print(f"### GAN training throughput: XraySynth vs PyTorch ({', '.join(devices) or 'no results'})")
print()
print(f"One training step = D update (PGGAN: WGAN-GP + drift; DCGAN: non-saturating) + G update + EMA; "
      f"{warmup} warm-up steps, then the median of {repeats} windows of {steps} steps. fp32 = defaults "
      f"(TF32 convolutions on CUDA); fast = channels-last + multi-tensor Adam (+ bf16 for PGGAN); host = fp32 "
      f"with latents drawn on the host and copied each step, as the trainer does (against PyTorch's fp32 run). "
      f"Ratio = XraySynth / PyTorch. Total wall time {elapsed} s.")
print()
print("| model | res | batch | mode | precision | XraySynth img/s | PyTorch img/s | ratio | GFLOP/img | XraySynth TFLOP/s | fraction of peak (X / P) | check |")
print("|---|---:|---:|---|---|---:|---:|---:|---:|---:|---|---|")
order = {"pggan": 0, "dcgan": 1}
modes = {"fp32": 0, "host": 1, "fast": 2}
for k in sorted(results, key=lambda k: (order.get(k[0], 9), k[1], modes.get(k[3], 9))):
    x, p = results[k].get("xraysynth"), results[k].get("pytorch")
    if k[3] == "host":
        p = results.get(k[:3] + ("fp32",), {}).get("pytorch")
    any_ = x or p
    ratio = x["img_per_s"] / p["img_per_s"] if x and p else None
    checks = []
    if x and p:
        for field in ("flops_per_image", "g_params", "d_params"):
            if x[field] != p[field]:
                checks.append(f"{field} differs")
    frac = f"{fmt(x and x['fraction_of_peak'], '.1%')} / {fmt(p and p['fraction_of_peak'], '.1%')}"
    print(f"| {k[0]} | {k[1]} | {k[2]} | {k[3]} | {any_['precision']} | {rate(x)} | {rate(p)} | {fmt(ratio, '.2f')} | {any_['flops_per_image'] / 1e9:.1f} | "
          f"{fmt(x and x['tflops'], '.3g')} | {frac} | {'; '.join(checks) or ('ok' if x and p else 'missing run')} |")
PY
[ -n "${OUT:-}" ] || echo "(JSON lines and log in $work)" >&2
