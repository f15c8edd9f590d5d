#!/usr/bin/env bash
# The side-by-side numbers of benchmarks-jmh/README.md, in one run: HellaSwag 0-shot and MMLU 5-shot
# against lm-eval 0.4.13, then the 2.8B-shaped checkpoint load against transformers. Start it on a quiet
# machine (load average below 1) and quote the uptime lines it prints with the results.
# Usage: SHARED=<test data> [VENV=/work/venv] [WORK=/tmp/elusive-bench] scripts/reference/bench_all.sh
set -uo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$here/../.."
echo "== commit $(git rev-parse --short HEAD)  $(date -u)"
echo "== uptime before: $(uptime)"
"$here/bench_vs_lmeval.sh" hellaswag 200 2>&1
echo "== uptime: $(uptime)"
"$here/bench_vs_lmeval.sh" mmlu5 40 2>&1
echo "== uptime: $(uptime)"
"$here/bench_load.sh" 2.8b 2>&1
echo "== uptime after: $(uptime)"
