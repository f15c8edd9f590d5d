#!/usr/bin/env bash
# Download a model family's checkpoints (sizes × revisions from models/*.yaml) into the local
# Hugging Face cache, on a machine that has network access. elusive itself never downloads.
#
#   scripts/download-family.sh pythia --sizes 70m,160m --every 10000
#   scripts/download-family.sh olmo --sizes 1b -- --include '*.json' '*.safetensors'
#   scripts/download-family.sh pythia --steps 0,1000,143000 --dry-run
#
# Options before `--` select checkpoints exactly as `elusive checkpoints` does (--sizes, --steps,
# --every, --models-dir, --hub-cache); only checkpoints missing from the cache are fetched.
# --dry-run prints the commands instead of running them. Arguments after `--` go to every
# `huggingface-cli download` call (e.g. --include patterns to skip duplicate weight formats: Pythia
# branches hold both pytorch_model.bin and model.safetensors). The cache is $HF_HUB_CACHE, else
# $HF_HOME/hub, else ~/.cache/huggingface/hub, as for elusive; gated repos (Llama 2) need
# `huggingface-cli login` first. Needs: Java 17 + Maven (to build elusive) and huggingface_hub
# (`pip install -U huggingface_hub`).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

if [[ $# -lt 1 || "$1" == -h || "$1" == --help ]]; then
  sed -n '2,18p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
  exit 2
fi
family="$1"; shift
select=() dl=() dry=0
while [[ $# -gt 0 ]]; do
  case "$1" in
    --dry-run) dry=1 ;;
    --) shift; dl=("$@"); break ;;
    *) select+=("$1") ;;
  esac
  shift
done

if command -v huggingface-cli >/dev/null 2>&1; then cli=(huggingface-cli download)
elif command -v hf >/dev/null 2>&1; then cli=(hf download)
elif [[ $dry -eq 1 ]]; then cli=(huggingface-cli download)
else echo "download-family: neither huggingface-cli nor hf found; pip install -U huggingface_hub" >&2; exit 2
fi

specs="$("$root/scripts/elusive" checkpoints --family "$family" "${select[@]}" --missing --specs)"
if [[ -z "$specs" ]]; then echo "download-family: every selected $family checkpoint is already in the cache" >&2; exit 0; fi
n=$(wc -l <<<"$specs"); i=0; failed=0
while IFS= read -r spec; do
  i=$((i + 1)); repo="${spec%@*}"; rev="${spec##*@}"
  cmd=("${cli[@]}" "$repo" --revision "$rev" "${dl[@]}")
  if [[ $dry -eq 1 ]]; then printf '%q ' "${cmd[@]}"; echo; continue; fi
  echo "[$i/$n] $spec" >&2
  "${cmd[@]}" >/dev/null || { echo "download-family: failed: ${cmd[*]}" >&2; failed=$((failed + 1)); }
done <<<"$specs"
[[ $failed -eq 0 ]] || { echo "download-family: $failed of $n downloads failed (rerun to retry)" >&2; exit 1; }
