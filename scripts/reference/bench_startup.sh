#!/usr/bin/env bash
# Start-up of the elusive launcher with and without the AppCDS archive (docs/attention.md, "Start-up"):
# `elusive --version` (JVM + picocli) and a tiny eval (+ tasks, Jinjava, tokenizer, PyTorch engine, a
# 70k-parameter model, DuckDB writer), each run N times alternately; prints wall and CPU seconds.
# Usage: scripts/reference/bench_startup.sh [runs]   (needs ../shared, or SHARED=/path/to/shared)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
shared="${SHARED:-$root/../shared}"
runs="${1:-5}"
export ELUSIVE_CACHE_DIR="$(mktemp -d)"
trap 'rm -rf "$ELUSIVE_CACHE_DIR"' EXIT
out="$ELUSIVE_CACHE_DIR/choices.csv"
eval_args=(eval --model "$root/src/test/resources/scoring/tiny-neox" --tokenizer
  "$shared/data/tokenizers/gpt-neox-20b/20B_tokenizer.json" --tasks arc_easy --data-dir "$shared/data/hf"
  --limit 5 --out "$out")
"$root/scripts/elusive" --version >/dev/null                  # builds if needed; makes no archive
"$root/scripts/elusive" "${eval_args[@]}" >/dev/null 2>&1      # first eval: writes the archive
echo "uptime: $(uptime)"
for what in version eval; do
  for mode in off auto; do
    for ((i = 0; i < runs; i++)); do
      if [[ $what == version ]]; then args=(--version); else args=("${eval_args[@]}"); fi
      ELUSIVE_CDS=$mode /usr/bin/time -f "$what cds=$mode %e s wall %U user %S sys" \
        "$root/scripts/elusive" "${args[@]}" 2>&1 >/dev/null | tail -1
    done
  done
done | sort | awk '{k = $1 " " $2; w[k] = w[k] " " $3; c[k] = c[k] " " $6 + $8} END {
  for (k in w) print k ":  wall s" w[k] "  |  cpu s" c[k]}' | sort
