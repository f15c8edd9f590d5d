#!/usr/bin/env bash
# elusive eval vs lm-evaluation-harness 0.4.13 (HF backend) on the same model and the same docs,
# measured back to back in one run: a Pythia-160m-shaped GPT-NeoX with random weights (saved by
# transformers, fp32), CPU. Two workloads:
#   hellaswag  the first N HellaSwag validation docs, 0-shot
#   mmlu5      the first N test questions of each of SUBJECTS (default 5 subjects), 5-shot (first_n:
#              the first five dev questions, the same block ahead of every question of a subject)
# The ratio is lm-eval's loglikelihood call alone (model loaded, requests built) against the whole
# `elusive eval` process (JVM start, model and tokenizer load, prompts, scoring, writing); the whole
# lm-eval process against the whole elusive process is printed too.
#
# Usage: scripts/reference/bench_vs_lmeval.sh [hellaswag|mmlu5] [N_DOCS] [LMEVAL_BATCH=8]
#        REPEAT=k runs the pair (lm-eval, then elusive) k times back to back and prints every ratio and the median.
#        (N_DOCS: hellaswag 200, mmlu5 40 per subject; a leading number alone means hellaswag N_DOCS)
#        SUBJECTS="abstract_algebra anatomy ..." overrides the MMLU subjects.
# Needs: the fixture venv (scripts/reference/setup-venv.sh; VENV=/work/venv by default) and ../shared
# (the HellaSwag and MMLU JSONL and the GPT-NeoX-20B tokenizer). Work files go to $WORK (default /tmp/elusive-bench).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
mode=hellaswag
if [[ $# -gt 0 && ! "$1" =~ ^[0-9]+$ ]]; then mode="$1"; shift; fi
case "$mode" in
  hellaswag) n="${1:-200}" ;;
  mmlu5) n="${1:-40}" ;;
  *) echo "unknown workload $mode: expected hellaswag or mmlu5" >&2; exit 2 ;;
esac
bs="${2:-8}"
subjects="${SUBJECTS:-abstract_algebra anatomy astronomy business_ethics college_biology}"
venv="${VENV:-/work/venv}"
shared="${SHARED:-$root/../shared}"
work="${WORK:-/tmp/elusive-bench}"
model="$work/pythia-160m-random"
mkdir -p "$work/tasks"
tokenizer="$shared/data/tokenizers/gpt-neox-20b/20B_tokenizer.json"
[[ -f "$tokenizer" ]] || { echo "no $tokenizer: set SHARED to the shared data checkout" >&2; exit 2; }

if [[ ! -f "$model/model.safetensors" || ! -f "$model/tokenizer.json" ]]; then
  "$venv/bin/python" - "$model" "$shared" <<'PY'
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
PY
fi

# lm-eval task YAMLs reading the same local JSONL files elusive reads
lm_tasks="$("$venv/bin/python" -c 'import lm_eval, os; print(os.path.dirname(lm_eval.__file__))')/tasks"
rm -f "$work"/tasks/*.yaml
if [[ "$mode" == hellaswag ]]; then
  lm_names=hellaswag_local; el_tasks=hellaswag; el_args=()
  cat > "$work/tasks/hellaswag_local.yaml" <<YAML
include: $lm_tasks/hellaswag/hellaswag.yaml
task: hellaswag_local
dataset_path: json
dataset_name: null
dataset_kwargs:
  data_files:
    validation: $shared/data/hf/Rowan/hellaswag/default/validation.jsonl
training_split: null
YAML
else
  lm_names=""; el_tasks=""; el_args=(--num-fewshot 5)
  for s in $subjects; do
    lm_names="${lm_names:+$lm_names,}mmlu_${s}_local"; el_tasks="${el_tasks:+$el_tasks,}mmlu_$s"
    cat > "$work/tasks/mmlu_${s}_local.yaml" <<YAML
include: $lm_tasks/mmlu/default/mmlu_$s.yaml
task: mmlu_${s}_local
dataset_path: json
dataset_name: null
dataset_kwargs:
  data_files:
    test: $shared/data/hf/cais/mmlu/$s/test.jsonl
    dev: $shared/data/hf/cais/mmlu/$s/dev.jsonl
fewshot_split: dev
num_fewshot: 5
training_split: null
validation_split: null
test_split: test
YAML
  done
fi

# build first and run a frozen copy, so no build lands inside either timing
"$root/scripts/elusive" --version >/dev/null
rm -rf "$work/jar" && mkdir -p "$work/jar" && cp -r "$root/target/elusive-0.1.0.jar" "$root/target/lib" "$work/jar/"
# As scripts/elusive runs it from the second run of a build on: classes mapped from an AppCDS archive, written
# here by an untimed one-doc run (BENCH_CDS=off: plain java, as the numbers before 2026-11-29 23:30 were taken)
cds_opts=()
elusive() {
  OPT_OUT_TRACKING=true MKL_CBWR="${MKL_CBWR:-AUTO,STRICT}" java "${cds_opts[@]}" -Xmx8g -Dai.djl.offline=true \
    -cp "$work/jar/elusive-0.1.0.jar:$work/jar/lib/*" org.elusive.cli.Main "$@"
}
if [[ "${BENCH_CDS:-on}" == on ]]; then
  cds_opts=(-XX:ArchiveClassesAtExit="$work/jar/elusive.jsa" -Xlog:cds*=off)
  elusive eval --model "$model" --tasks "$el_tasks" --data-dir "$shared/data/hf" --limit 1 "${el_args[@]}" \
    --out "$work/warmup.parquet" --output_path "$work/warmup" --log_samples >/dev/null 2>&1 || true
  cds_opts=(-XX:SharedArchiveFile="$work/jar/elusive.jsa" -Xlog:cds*=off)
fi

ratios="$work/ratios.txt"
: > "$ratios"
for rep in $(seq "${REPEAT:-1}"); do
  echo "== $(uptime)" >&2
  echo "== lm-eval 0.4.13 HFLM, batch_size=$bs, $mode, $n docs per task: $lm_names" >&2
  t0=$(date +%s.%N)
  HF_DATASETS_OFFLINE=1 HF_HUB_OFFLINE=1 TOKENIZERS_PARALLELISM=false "$venv/bin/python" - "$model" "$work" "$n" "$bs" "$lm_names" <<'PY' | tee "$work/lmeval.out"
import sys, time, lm_eval
from lm_eval.models.huggingface import HFLM
from lm_eval.tasks import TaskManager
from transformers import PreTrainedTokenizerFast
model, work, n, bs, names = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), sys.argv[5].split(",")
tok = PreTrainedTokenizerFast(tokenizer_file=f"{model}/tokenizer.json", bos_token="<|endoftext|>", eos_token="<|endoftext|>")
lm = HFLM(pretrained=model, tokenizer=tok, dtype="float32", batch_size=bs, device="cpu")
spent, inner = [0.0], lm.loglikelihood
def timed(requests, **kw):
    t = time.time()
    try:
        return inner(requests, **kw)
    finally:
        spent[0] += time.time() - t
lm.loglikelihood = timed
t = time.time()
res = lm_eval.simple_evaluate(model=lm, tasks=names, limit=n, task_manager=TaskManager(include_path=f"{work}/tasks"),
                              bootstrap_iters=0)
print(f"lmeval_loglikelihood_s={spent[0]:.1f} lmeval_evaluate_s={time.time() - t:.1f}")
for name in names:
    r = res["results"][name]
    print(f"  {name}: acc={r['acc,none']:.4f}" + (f" acc_norm={r['acc_norm,none']:.4f}" if "acc_norm,none" in r else ""))
PY
  t1=$(date +%s.%N)

  echo "== elusive eval, $mode, $n docs per task: $el_tasks" >&2
  t2=$(date +%s.%N)
  elusive eval --model "$model" --tasks "$el_tasks" --data-dir "$shared/data/hf" --limit "$n" "${el_args[@]}" \
    --out "$work/elusive_$mode.parquet" --output_path "$work/samples_$mode" --log_samples
  t3=$(date +%s.%N)
  python3 - "$t0" "$t1" "$t2" "$t3" "$work/lmeval.out" "$ratios" <<'PY'
import re, sys
t0, t1, t2, t3 = map(float, sys.argv[1:5])
ll = float(re.search(r"lmeval_loglikelihood_s=([\d.]+)", open(sys.argv[5]).read()).group(1))
el = t3 - t2
print(f"seconds: lm-eval loglikelihood call {ll:.1f} (whole process {t1 - t0:.1f}); elusive whole process {el:.1f}")
print(f"ratio (lm-eval loglikelihood call / elusive whole process): {ll / el:.2f}x")
print(f"ratio (lm-eval whole process / elusive whole process): {(t1 - t0) / el:.2f}x")
open(sys.argv[6], "a").write(f"{ll / el:.4f} {(t1 - t0) / el:.4f}\n")
PY
done
echo "== $(uptime)" >&2
python3 - "$ratios" <<'PY'
import statistics, sys
rows = [tuple(map(float, l.split())) for l in open(sys.argv[1]) if l.strip()]
if len(rows) > 1:
    calls, whole = [r[0] for r in rows], [r[1] for r in rows]
    print(f"{len(rows)} pairs: loglikelihood-call ratios {', '.join(f'{c:.2f}x' for c in calls)} (median {statistics.median(calls):.2f}x); "
          f"whole-process ratios {', '.join(f'{w:.2f}x' for w in whole)} (median {statistics.median(whole):.2f}x)")
PY
