#!/usr/bin/env bash
# The forecast backtest on choices scored by lm-evaluation-harness: lm-eval 0.4.13 runs every checkpoint
# of a finished `elusive demo`, `elusive import-lm-eval` turns its samples into a choices table, and
# `elusive forecast backtest` runs every method on it (docs/forecast.md).
# Usage: scripts/forecast/lm_eval_demo_backtest.sh [DEMO_DIR=results/demo] [OUT=results/demo-lm-eval] [K=12, the 40% the demo holds out]
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
demo="${1:-results/demo}" out="${2:-results/demo-lm-eval}" k="${3:-12}"
python="${PYTHON:-/work/venv/bin/python}"
"$python" "$root/scripts/forecast/lm_eval_demo_samples.py" --demo "$demo" --out "$out"
"$root/scripts/elusive" import-lm-eval --samples "$out/lm_eval" --models "$out/models.csv" --out "$out/choices.parquet"
"$root/scripts/elusive" forecast backtest --choices "$out/choices.parquet" --holdout-largest "$k" --out "$out/forecast" --format csv
