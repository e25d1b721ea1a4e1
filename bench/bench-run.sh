#!/usr/bin/env bash
# bench/bench-run.sh: the run step shared by gan-benchmark.sh and classifier-benchmark.sh (sourced, not run).
# Uses the caller's name (for messages), jsonl, log, TIMEOUT, PYTHON and the optional DEADLINE.

run() {  # run LABEL COMMAND...: one xraysynth or PyTorch benchmark run; append the command's JSON line to $jsonl (failures and skips go to the log)
  local label=$1; shift
  local name
  name=$(basename "$0" .sh)
  local t=$TIMEOUT
  if [ -n "${DEADLINE:-}" ]; then
    local rest=$(( DEADLINE - $(date +%s) ))
    if [ "$rest" -lt 15 ]; then echo "== $label: skipped ($rest s to the deadline)" >> "$log"; echo "$name: $label skipped (deadline)" >&2; return; fi
    [ "$rest" -lt "$t" ] && t=$rest
  fi
  echo "== $label: $*" >> "$log"
  local out
  # --foreground: a kill of this script's own timeout must not leave the run going (it would share the device)
  out=$(timeout --foreground "$t" "$@" 2>>"$log")
  local rc=$?
  local line
  line=$(printf '%s\n' "$out" | grep '^{' | tail -1)
  if [ -z "$line" ]; then
    echo "$name: $label failed (exit $rc); see $log" >&2
    printf '%s\n' "$out" >> "$log"
    return
  fi
  # a result printed before a failing exit (e.g. a crash while unloading CUDA) is kept, and the exit logged
  [ $rc -eq 0 ] || echo "$name: $label exited $rc after printing its result; see $log" | tee -a "$log" >&2
  echo "$line" >> "$jsonl"
  echo "$label: $(printf '%s' "$line" | "$PYTHON" -c 'import json,sys; r=json.load(sys.stdin); print("%.1f img/s, %.2f ms/step" % (r["img_per_s"], r["ms_per_step"]))')" >&2
}
