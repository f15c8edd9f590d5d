#!/usr/bin/env bash
# elusive eval vs lm-evaluation-harness 0.4.13 (HF backend) on the same model and the same docs,
# measured back to back in one run: a Pythia-160m-shaped GPT-NeoX with random weights (saved by
# transformers, fp32), the first N HellaSwag validation docs, CPU.
#
# Usage: scripts/reference/bench_vs_lmeval.sh [N_DOCS=200] [LMEVAL_BATCH=8]
# Needs: the fixture venv (scripts/reference/setup-venv.sh; VENV=/work/venv by default) and ../shared
# (the HellaSwag JSONL and the GPT-NeoX-20B tokenizer). Work files go to $WORK (default /tmp/elusive-bench).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
n="${1:-200}"; bs="${2:-8}"
venv="${VENV:-/work/venv}"
shared="${SHARED:-$root/../shared}"
work="${WORK:-/tmp/elusive-bench}"
model="$work/pythia-160m-random"
mkdir -p "$work"

if [[ ! -f "$model/model.safetensors" ]]; then
  "$venv/bin/python" - "$model" "$shared" <<'EOF'
import shutil, sys, torch
from transformers import GPTNeoXConfig, GPTNeoXForCausalLM
out, shared = sys.argv[1], sys.argv[2]
torch.manual_seed(0)
cfg = GPTNeoXConfig(vocab_size=50304, hidden_size=768, num_hidden_layers=12, num_attention_heads=12,
                    intermediate_size=3072, rotary_pct=0.25, max_position_embeddings=2048, use_parallel_residual=True,
                    tie_word_embeddings=False, bos_token_id=0, eos_token_id=0)
GPTNeoXForCausalLM(cfg).eval().save_pretrained(out, safe_serialization=True)
shutil.copy(f"{shared}/data/tokenizers/gpt-neox-20b/20B_tokenizer.json", f"{out}/tokenizer.json")
print("saved", out)
EOF
fi

cat > "$work/hellaswag_local.yaml" <<EOF
include: $("$venv/bin/python" -c 'import lm_eval, os; print(os.path.dirname(lm_eval.__file__))')/tasks/hellaswag/hellaswag.yaml
task: hellaswag_local
dataset_path: json
dataset_name: null
dataset_kwargs:
  data_files:
    validation: $shared/data/hf/Rowan/hellaswag/default/validation.jsonl
training_split: null
EOF

# build first and run a frozen copy, so no build lands inside either timing
"$root/scripts/elusive" --version >/dev/null
rm -rf "$work/jar" && mkdir -p "$work/jar" && cp -r "$root/target/elusive-0.1.0.jar" "$root/target/lib" "$work/jar/"
elusive() {
  OPT_OUT_TRACKING=true java -Xmx8g -Dai.djl.offline=true -cp "$work/jar/elusive-0.1.0.jar:$work/jar/lib/*" org.elusive.cli.Main "$@"
}

echo "== lm-eval 0.4.13 HFLM, batch_size=$bs, $n docs" >&2
t0=$(date +%s.%N)
HF_DATASETS_OFFLINE=1 HF_HUB_OFFLINE=1 TOKENIZERS_PARALLELISM=false "$venv/bin/python" - "$model" "$work" "$n" "$bs" <<'EOF'
import sys, time, lm_eval
from lm_eval.models.huggingface import HFLM
from lm_eval.tasks import TaskManager
from transformers import PreTrainedTokenizerFast
model, work, n, bs = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
tok = PreTrainedTokenizerFast(tokenizer_file=f"{model}/tokenizer.json", bos_token="<|endoftext|>", eos_token="<|endoftext|>")
lm = HFLM(pretrained=model, tokenizer=tok, dtype="float32", batch_size=bs, device="cpu")
t = time.time()
res = lm_eval.simple_evaluate(model=lm, tasks=["hellaswag_local"], limit=n, task_manager=TaskManager(include_path=work),
                              bootstrap_iters=0)
r = res["results"]["hellaswag_local"]
print(f"lmeval_scoring_s={time.time() - t:.1f} acc={r['acc,none']:.4f} acc_norm={r['acc_norm,none']:.4f}")
EOF
t1=$(date +%s.%N)

echo "== elusive eval, $n docs" >&2
t2=$(date +%s.%N)
elusive eval --model "$model" --tasks hellaswag --data-dir "$shared/data/hf" --limit "$n" \
  --out "$work/elusive_hellaswag.parquet" --samples "$work/samples"
t3=$(date +%s.%N)

python3 - "$t0" "$t1" "$t2" "$t3" <<'EOF'
import sys
t0, t1, t2, t3 = map(float, sys.argv[1:])
lm, el = t1 - t0, t3 - t2
print(f"wall seconds (whole process, model load included): lm-eval {lm:.1f}  elusive {el:.1f}  ratio {lm / el:.2f}x")
EOF
