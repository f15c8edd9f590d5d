#!/usr/bin/env bash
# Stops the daemons that start-local-cluster.sh started (by the pids it recorded), newest first.
set -uo pipefail
STATE="${ELUSIVE_SLURM_STATE:-/tmp/elusive-slurm}"
[[ -f "$STATE/pids" ]] || exit 0
tac "$STATE/pids" | while read -r pid; do
  [[ -n "$pid" ]] && kill "$pid" 2>/dev/null
done
rm -f "$STATE/pids"
