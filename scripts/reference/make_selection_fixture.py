#!/usr/bin/env python3
"""lm-eval 0.4.13's --samples, fractional --limit and --seed on a real task (issue 14).

Builds mmlu_abstract_algebra (5-shot, examples from the dev split) from ../shared/data/hf as lm-eval's
evaluator does (set_fewshot_seed, get_sample_size, build_all_requests with samples or limit) and
records, per case, the contexts lm-eval scores in order and the doc ids it reports. The few-shot
sampler advances once per built doc, so a selection, a limit and a seed each change which examples a
doc gets: TaskSelectionParityTest rebuilds the same cases with org.elusive.task.DocSelection.

Usage (repository root): /work/venv/bin/python scripts/reference/make_selection_fixture.py
"""
import json
import os
import sys
import tempfile
from pathlib import Path

tmp = tempfile.mkdtemp(prefix="selection-fixture-")
os.environ.update(HF_DATASETS_OFFLINE="1", HF_HUB_OFFLINE="1", HF_DATASETS_CACHE=f"{tmp}/hf-cache")

from lm_eval.evaluator_utils import get_sample_size  # noqa: E402
from lm_eval.tasks import TaskManager  # noqa: E402

SHARED = Path(os.environ.get("ELUSIVE_SHARED", Path(__file__).resolve().parents[3] / "shared")) / "data" / "hf"
OUT = Path(__file__).resolve().parents[2] / "src/test/resources/task/lm_eval_selection.json"
TASK = "mmlu_abstract_algebra"
CASES = [
    {"name": "samples", "samples": [40, 7, 2, 7], "limit": None, "seed": 1234},
    {"name": "fraction", "samples": None, "limit": 0.05, "seed": 1234},
    {"name": "seed", "samples": None, "limit": 3, "seed": 42},
    {"name": "samples_seed", "samples": [99, 0], "limit": None, "seed": 7},
]


def build(case):
    tm = TaskManager()
    files = {s: str(SHARED / "cais/mmlu/abstract_algebra" / f"{s}.jsonl") for s in ("test", "dev")}
    spec = {"task": TASK, "dataset_path": "json", "dataset_name": None, "dataset_kwargs": {"data_files": files},
            "num_fewshot": 5, "validation_split": None}
    t = tm._factory._build_task(tm._entry(TASK), spec)
    t.set_fewshot_seed(case["seed"])
    limit = get_sample_size(t, case["limit"])
    t.build_all_requests(limit=limit, samples=case["samples"], rank=0, world_size=1)
    by_doc = {}
    for inst in t.instances:
        by_doc.setdefault(inst.doc_id, inst.arguments[0])
    return {**case, "eval_docs": len(t.eval_docs), "lm_eval_doc_ids": sorted(by_doc),
            "contexts": [by_doc[d] for d in sorted(by_doc)]}


def main():
    out = {"task": TASK, "num_fewshot": 5, "cases": [build(c) for c in CASES]}
    OUT.write_text(json.dumps(out, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    for c in out["cases"]:
        print(c["name"], c["lm_eval_doc_ids"], file=sys.stderr)


if __name__ == "__main__":
    main()
