#!/usr/bin/env python
"""lm-evaluation-harness --log_samples output on a tiny random GPT-NeoX, for `elusive import-lm-eval`.

Builds two tiny random GPT-NeoX checkpoints (the GPT-NeoX-20B tokenizer) with transformers, then
runs the lm-eval 0.4.13 CLI itself (`lm_eval run --model hf --log_samples --limit 5`) on arc_easy
and winogrande. There is no network: the tasks are the real lm-eval templates (winogrande's
preprocess module copied from the lm_eval package) with `dataset_path: json` pointing at the local
copies under ../shared/data/hf. The output directory tree is copied to
src/test/resources/engine/lm_eval/, with the temporary paths replaced by the model names.
Run: /work/venv/bin/python scripts/reference/make_lm_eval_samples.py
"""
import os
import pathlib
import shutil
import subprocess
import sys
import tempfile

import lm_eval
import torch
import transformers
from transformers import GPTNeoXConfig, GPTNeoXForCausalLM, PreTrainedTokenizerFast

ROOT = pathlib.Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared" if (ROOT.parent / "shared").exists() else pathlib.Path("/work/shared")
TOKENIZER = SHARED / "data/tokenizers/gpt-neox-20b/20B_tokenizer.json"
ARC = SHARED / "data/hf/allenai/ai2_arc/ARC-Easy/test.jsonl"
WINO = SHARED / "data/hf/allenai/winogrande/winogrande_xl/validation.jsonl"
OUT = ROOT / "src/test/resources/engine/lm_eval"

ARC_YAML = f"""task: arc_easy
dataset_path: json
dataset_kwargs:
  data_files:
    test: {ARC}
output_type: multiple_choice
test_split: test
doc_to_text: "Question: {{{{question}}}}\\nAnswer:"
doc_to_target: "{{{{choices.label.index(answerKey)}}}}"
doc_to_choice: "{{{{choices.text}}}}"
metric_list:
  - metric: acc
    aggregation: mean
    higher_is_better: true
  - metric: acc_norm
    aggregation: mean
    higher_is_better: true
metadata:
  version: 1.0
"""

WINO_YAML = f"""task: winogrande
dataset_path: json
dataset_kwargs:
  data_files:
    validation: {WINO}
output_type: multiple_choice
validation_split: validation
doc_to_text: !function preprocess_winogrande.doc_to_text
doc_to_target: !function preprocess_winogrande.doc_to_target
doc_to_choice: !function preprocess_winogrande.doc_to_choice
metric_list:
  - metric: acc
    aggregation: mean
    higher_is_better: true
metadata:
  version: 1.0
"""


def tiny_model(path, seed):
    torch.manual_seed(seed)
    tok = PreTrainedTokenizerFast(tokenizer_file=str(TOKENIZER), bos_token="<|endoftext|>",
                                  eos_token="<|endoftext|>", unk_token="<|endoftext|>")
    cfg = GPTNeoXConfig(vocab_size=len(tok), hidden_size=32, num_hidden_layers=2, num_attention_heads=4,
                        intermediate_size=64, max_position_embeddings=2048, rotary_pct=0.25)
    GPTNeoXForCausalLM(cfg).save_pretrained(path)
    tok.save_pretrained(path)


def main():
    print("lm_eval", lm_eval.__version__, "transformers", transformers.__version__, "torch", torch.__version__)
    with tempfile.TemporaryDirectory() as tmp:
        tmp = pathlib.Path(tmp)
        tasks = tmp / "tasks"
        tasks.mkdir()
        (tasks / "arc_easy.yaml").write_text(ARC_YAML)
        (tasks / "winogrande.yaml").write_text(WINO_YAML)
        shutil.copy(pathlib.Path(lm_eval.__file__).parent / "tasks/winogrande/preprocess_winogrande.py", tasks)
        env = dict(os.environ, HF_DATASETS_OFFLINE="1", HF_HUB_OFFLINE="1", TRANSFORMERS_OFFLINE="1",
                   HF_DATASETS_CACHE=str(tmp / "datasets"), TOKENIZERS_PARALLELISM="false")
        for name, seed in (("tiny-neox-a", 1), ("tiny-neox-b", 2)):
            tiny_model(tmp / name, seed)
            # the lm-eval CLI; the venv's stub pytablewriter cannot print the summary table, so that
            # printing (after the files are written) is switched off
            launcher = ("import sys, lm_eval.utils as u; u.make_table = lambda *a, **k: '';"
                        " from lm_eval.__main__ import cli_evaluate; sys.argv[0] = 'lm_eval'; cli_evaluate()")
            subprocess.run([sys.executable, "-c", launcher, "run", "--model", "hf",
                            "--model_args", f"pretrained={name}", "dtype=float32",
                            "--tasks", "arc_easy", "winogrande", "--include_path", str(tasks),
                            "--limit", "5", "--batch_size", "4", "--device", "cpu",
                            "--log_samples", "--output_path", str(tmp / "out")],
                           cwd=tmp, env=env, check=True)
        if OUT.exists():
            shutil.rmtree(OUT)
        shutil.copytree(tmp / "out", OUT)
        for f in OUT.rglob("*.json*"):
            f.write_text(f.read_text().replace(str(tmp), "/tmp/lm-eval-fixture"))
    for f in sorted(OUT.rglob("*")):
        if f.is_file():
            print(f.relative_to(ROOT), f.stat().st_size)


if __name__ == "__main__":
    main()
