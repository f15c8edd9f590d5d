#!/usr/bin/env bash
# Checkpoint loading, elusive vs transformers, side by side in one run on the same files: a GPT-NeoX
# with Pythia's shapes and random weights, saved by transformers as bf16 sharded safetensors (as the
# EleutherAI checkpoints are), loaded on CPU for fp16 and for fp32 compute. Each load is its own
# process under /usr/bin/time -v (wall time and peak RSS of the whole process), one at a time; the page
# cache is warmed once before the timings, so every load reads from the same (cached) files.
#
# Usage: scripts/reference/bench_load.sh [SIZE=2.8b]   (SIZE: 160m, 410m, 1b, 2.8b)
# Needs: the fixture venv (VENV=/work/venv; scripts/reference/setup-venv.sh) and GNU time. The checkpoint
# is made once under $WORK (default /tmp/elusive-bench): 2.8b takes 5.6 GB of disk and ~12 GB of RAM
# while it is made. Don't run it next to other big jobs: RSS and wall time are what it measures.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
size="${1:-2.8b}"
venv="${VENV:-/work/venv}"
work="${WORK:-/tmp/elusive-bench}"
model="$work/pythia-$size-bf16-sharded"
case "$size" in   # hidden, layers, heads, intermediate (EleutherAI/pythia-*'s config.json)
  160m) shape="768 12 12 3072"; shard=100MB ;;  # shards small enough that every size is sharded
  410m) shape="1024 24 16 4096"; shard=300MB ;;
  1b)   shape="2048 16 8 8192"; shard=1GB ;;
  2.8b) shape="2560 32 32 10240"; shard=2GB ;;
  *) echo "bench_load.sh: unknown size $size (160m, 410m, 1b, 2.8b)" >&2; exit 2 ;;
esac
mkdir -p "$work"

if [[ ! -f "$model/model.safetensors.index.json" ]]; then
  echo "== making $model (random weights, bf16, $shard shards)" >&2
  rm -rf "$model"
  "$venv/bin/python" - "$model" "$shard" $shape <<'PY'
import sys, torch
from transformers import GPTNeoXConfig, GPTNeoXForCausalLM
out, shard, (h, layers, heads, ff) = sys.argv[1], sys.argv[2], map(int, sys.argv[3:7])
torch.manual_seed(0)
cfg = GPTNeoXConfig(vocab_size=50304, hidden_size=h, num_hidden_layers=layers, num_attention_heads=heads,
                    intermediate_size=ff, rotary_pct=0.25, max_position_embeddings=2048, use_parallel_residual=True,
                    tie_word_embeddings=False, bos_token_id=0, eos_token_id=0)
torch.set_default_dtype(torch.bfloat16)  # made in bf16 directly: half the memory, no fp32 copy
model = GPTNeoXForCausalLM(cfg).eval()
model.save_pretrained(out, safe_serialization=True, max_shard_size=shard)
print("saved", out, sum(p.numel() for p in model.parameters()), "parameters")
PY
fi

# build first and run a frozen copy, so no build lands inside a timing
"$root/scripts/elusive" --version >/dev/null
jar="$work/jar-load"
rm -rf "$jar" && mkdir -p "$jar/classes" && cp -r "$root/target/elusive-0.1.0.jar" "$root/target/lib" "$jar/"
javac -d "$jar/classes" -cp "$jar/elusive-0.1.0.jar:$jar/lib/*" "$root/scripts/reference/LoadBench.java"

cat "$model"/*.safetensors >/dev/null  # warm the page cache once: every load below reads cached files

cat > "$work/load_hf.py" <<'PY'
import sys, time
t0 = time.time()
import torch
from transformers import GPTNeoXForCausalLM
t1 = time.time()
m = GPTNeoXForCausalLM.from_pretrained(sys.argv[1], dtype=getattr(torch, sys.argv[2]))
t2 = time.time()
n = sum(p.numel() for p in m.parameters())
print(f"transformers import {t1 - t0:.2f} s, load {t2 - t1:.2f} s, {n} parameters, {next(m.parameters()).dtype}")
PY

measure() {  # label, command...: the command's own line, then "label wall_s peak_rss_GiB" from GNU time
  local label="$1"; shift
  local log="$work/time-$label.log"
  if ! /usr/bin/time -v "$@" 2>"$log" | sed "s/^/  $label: /" >&2; then
    echo "bench_load.sh: $label failed, see $log" >&2; tail -5 "$log" >&2; exit 1
  fi
  local wall rss
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {n=split($2,t,":"); s=0; for(i=1;i<=n;i++) s=s*60+t[i]; print s}' "$log")
  rss=$(awk -F': ' '/Maximum resident set size/ {printf "%.2f", $2/1048576}' "$log")
  echo "$label $wall $rss"
}

params=$("$venv/bin/python" -c "import json,sys; print(json.load(open(sys.argv[1]))['metadata']['total_size'] // 2)" "$model/model.safetensors.index.json")
echo "== $model: $params parameters; $(nproc) cores; $(uptime)" >&2
results=()
for dtype in float16 float32; do
  results+=("$(measure "transformers-$dtype" "$venv/bin/python" "$work/load_hf.py" "$model" "$dtype")")
  results+=("$(measure "elusive-$dtype" env OPT_OUT_TRACKING=true java -Xmx2g -Dai.djl.offline=true \
      -cp "$jar/classes:$jar/elusive-0.1.0.jar:$jar/lib/*" LoadBench "$model" "$dtype")")
done
echo "== after: $(uptime)" >&2

printf '%-22s %9s %12s %14s\n' load "wall s" "peak RSS GiB" "RSS / weights"
for r in "${results[@]}"; do
  read -r label wall rss <<<"$r"
  bytes=$([[ $label == *16 ]] && echo 2 || echo 4)
  printf '%-22s %9.1f %12.2f %14.2f\n' "$label" "$wall" "$rss" "$(echo "$rss * 1073741824 / ($params * $bytes)" | bc -l)"
done
for dtype in float16 float32; do
  read -r _ tw tr <<<"$(printf '%s\n' "${results[@]}" | grep "^transformers-$dtype ")"
  read -r _ ew er <<<"$(printf '%s\n' "${results[@]}" | grep "^elusive-$dtype ")"
  printf 'elusive / transformers, %s: time %.2fx, peak RSS %.2fx\n' "$dtype" "$(echo "$ew / $tw" | bc -l)" "$(echo "$er / $tr" | bc -l)"
done
