#!/usr/bin/env python
"""lm-evaluation-harness --log_samples output for every checkpoint of the demo family.

The input of `elusive import-lm-eval`, so that `elusive forecast backtest` can be run on choices that
lm-eval itself scored (docs/forecast.md). Reads a finished `elusive demo` directory (default
results/demo): its HF-cache snapshots, its registry models/demo.yaml, its task YAML and documents.
For each checkpoint, runs lm-eval 0.4.13 on demo_facts exactly as its CLI `lm_eval run --model hf
--log_samples` does (simple_evaluate, then EvaluationTracker writes results and samples; float32, CPU,
no network), in one process so that lm-eval and torch are imported once, with the task rewritten to read
the demo's JSONL through `dataset_path: json`.
Writes <out>/lm_eval/<name>/samples_demo_facts_<date>.jsonl and <out>/models.csv (name, family, model,
revision, params, tokens), the model map of import-lm-eval.
Run: /work/venv/bin/python scripts/forecast/lm_eval_demo_samples.py [--demo results/demo] [--out DIR] [--limit N]
"""
import argparse
import os
import pathlib
import re
import shutil
import tempfile

os.environ.update(HF_DATASETS_OFFLINE="1", HF_HUB_OFFLINE="1", TRANSFORMERS_OFFLINE="1", TOKENIZERS_PARALLELISM="false")

from lm_eval import simple_evaluate  # noqa: E402  (after the offline switches)
from lm_eval.loggers import EvaluationTracker  # noqa: E402
from lm_eval.tasks import TaskManager  # noqa: E402

TASK_YAML = """task: demo_facts
dataset_path: json
dataset_kwargs:
  data_files:
    test: {data}
output_type: multiple_choice
test_split: test
doc_to_text: "{{{{context}}}}"
doc_to_choice: "{{{{choices}}}}"
doc_to_target: gold
metric_list:
  - metric: acc
    aggregation: mean
    higher_is_better: true
metadata:
  version: 1.0
"""


def registry(demo):
    """(size, hf repo, params) per model, and tokens per step, from the demo's models/demo.yaml."""
    text = (demo / "models/demo.yaml").read_text()
    per_step = int(re.search(r"tokens_per_step: (\d+)", text).group(1))
    steps = [int(s) for s in re.search(r"steps: \[([^\]]*)\]", text).group(1).split(",")]
    models = re.findall(r"\{size: (\w+), hf: ([^,]+), params: (\d+)\}", text)
    return models, steps, per_step


def snapshot(demo, repo, step):
    base = demo / "hub" / ("models--" + repo.replace("/", "--"))
    return base / "snapshots" / (base / "refs" / f"step{step}").read_text().strip()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--demo", default="results/demo")
    ap.add_argument("--out", default="results/demo-lm-eval")
    ap.add_argument("--limit", type=int, default=None)
    a = ap.parse_args()
    demo, out = pathlib.Path(a.demo).resolve(), pathlib.Path(a.out).resolve()
    models, steps, per_step = registry(demo)
    (out / "lm_eval").mkdir(parents=True, exist_ok=True)
    rows = ["name,family,model,revision,params,tokens"]
    with tempfile.TemporaryDirectory() as tmp:
        tmp = pathlib.Path(tmp)
        (tmp / "tasks").mkdir()
        data = demo / "data/elusive/demo_facts/default/test.jsonl"
        (tmp / "tasks/demo_facts.yaml").write_text(TASK_YAML.format(data=data))
        os.environ["HF_DATASETS_CACHE"] = str(tmp / "datasets")
        tasks = TaskManager(include_path=str(tmp / "tasks"))
        os.chdir(tmp)  # pretrained=<name>, relative: lm-eval names the output directory after it
        for size, repo, params in models:
            for step in steps:
                name = f"neox-{size}-step{step}"
                rows.append(f"{name},demo,{repo},step{step},{params},{step * per_step}")
                if any((out / "lm_eval" / name).glob("samples_demo_facts_*.jsonl")):
                    continue  # done by an earlier run
                shutil.copytree(snapshot(demo, repo, step), tmp / name)
                (tmp / name / "tokenizer_config.json").write_text(
                    '{"tokenizer_class": "PreTrainedTokenizerFast", "eos_token": "<|endoftext|>",'
                    ' "unk_token": "<|endoftext|>", "pad_token": "<|endoftext|>"}')
                tracker = EvaluationTracker(output_path=str(out / "lm_eval"))
                results = simple_evaluate(model="hf", model_args=f"pretrained={name},dtype=float32",
                                          tasks=["demo_facts"], batch_size=32, device="cpu", limit=a.limit,
                                          log_samples=True, evaluation_tracker=tracker, task_manager=tasks)
                samples = results.pop("samples")
                tracker.save_results_aggregated(results=results, samples=samples)
                for task in results["configs"]:
                    tracker.save_results_samples(task_name=task, samples=samples[task])
                shutil.rmtree(tmp / name)
    (out / "models.csv").write_text("\n".join(rows) + "\n")
    print("wrote", out / "models.csv", "and", out / "lm_eval")


if __name__ == "__main__":
    main()
