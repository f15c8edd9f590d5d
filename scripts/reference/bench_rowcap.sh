#!/usr/bin/env bash
# Row caps side by side: the cap chosen per run (--row-tokens 0, the default) against fixed caps, on
# the synthetic HellaSwag and MMLU-5-shot shapes with a random Pythia-shaped model. Each run is its own
# process under GNU time (CPU and wall); `elusive bench` prints the tokens it computed, the cap it used
# and the timed section. Tokens computed do not depend on load; times do: run it on a quiet machine.
#
# Usage: scripts/reference/bench_rowcap.sh [CONFIG=pythia-160m] [DOCS=100]
# Needs: GNU time (/usr/bin/time). With SHARED=/work/shared it also counts the real MMLU 5-shot layout
# (no model call) under each cap.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
config="${1:-pythia-160m}"
docs="${2:-100}"
run() {
  echo "== $*  ($(uptime | sed 's/.*load/load/'))"
  /usr/bin/time -f "cpu       user %U s, sys %S s, wall %e s" "$root/scripts/elusive" bench --config "$config" "$@" 2>&1 \
    | grep -E '^(tokens|rows|time|cpu)'
}
for workload in hellaswag mmlu5; do
  for cap in 0 256 512 1024 2048; do run --workload "$workload" --docs "$docs" --warmup 5 --row-tokens "$cap"; done
done
if [[ -n "${SHARED:-}" ]]; then
  for cap in 0 1024 2048; do
    run --count-only --mmlu-data "$SHARED/data/hf" --tokenizer "$SHARED/data/tokenizers/gpt-neox-20b/20B_tokenizer.json" --row-tokens "$cap"
  done
fi
