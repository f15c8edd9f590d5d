#!/usr/bin/env bash
# The Sloth paper's whole experiment (experiment.py: benchmark sets v1, v2, all x min_models 2 and 3, its
# 28 methods, 100,000-epoch cap with its early stopping) under the paper's protocol, timed: per backtest
# the wall and process CPU seconds and the load average before and after. Then the comparison with
# the paper's published errors (docs/sloth.md's table).
#   scripts/reference/bench_sloth.sh [SHARED] [OUT] [THREADS]
# SHARED defaults to ../shared (data/scaling/sloth/data_v2.csv), OUT to results/sloth-paper, THREADS to 2.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
shared="${1:-$root/../shared}"
out="${2:-$root/results/sloth-paper}"
threads="${3:-2}"
data="$shared/data/scaling/sloth/data_v2.csv"
mkdir -p "$out"
log="$out/timings.txt"
: > "$log"
for mm in 2 3; do
  for set in v1 v2 all; do
    echo "load before $set min-models $mm: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$log"
    /usr/bin/time -f "$set min-models $mm: wall %e s, cpu %U s user + %S s sys" -a -o "$log" \
      "$root/scripts/elusive" sloth backtest --data "$data" --benchmarks "$set" --min-models "$mm" --methods all \
        --threads "$threads" --format csv --out "$out/$set-$mm" > "$out/$set-$mm.log"
    tail -1 "$log"
    echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$log"
  done
done
/work/venv/bin/python "$root/scripts/reference/sloth_compare.py" "$out" || python3 "$root/scripts/reference/sloth_compare.py" "$out"
