#!/usr/bin/env python
"""Golden fixture for the scorer's shared-prefix and truncation layout: lm-evaluation-harness 0.4.13's HFLM
on real MMLU 5-shot prompts (first_n few-shot block shared by every question of a subject), the GPT-NeoX-20B
tokenizer and the tiny random GPT-NeoX of make_scorer_fixtures.py (max length 2048).

Subjects: abstract_algebra and anatomy (prompts of ~350 tokens behind a ~280-token shared block) and
high_school_us_history (~2,300 tokens: every prompt is left-truncated to 2,048, so the four one-token
choices of a question have identical inputs).

Writes src/test/resources/scoring/lmeval_mmlu5.json: per subject, docs with the context lm-eval built (one
per doc: all four choices share it), the continuations, lm-eval's per-choice ll and is_greedy, and acc.
Usage: /work/venv/bin/python scripts/reference/make_mmlu_fixture.py [SHARED_DIR]
"""
import json
import sys
import tempfile
from pathlib import Path

import lm_eval
from lm_eval.models.huggingface import HFLM
from lm_eval.tasks import TaskManager

sys.path.insert(0, str(Path(__file__).resolve().parent))
import make_scorer_fixtures as base  # noqa: E402  (same model, tokenizer and task-yaml helpers)

SUBJECTS = [("abstract_algebra", 8), ("anatomy", 8), ("high_school_us_history", 6)]


def main():
    model_dir = base.OUT / "tiny-neox"
    lm = HFLM(pretrained=str(model_dir), tokenizer=base.tokenizer(), dtype="float32", batch_size=4, device="cpu")
    out = {"model": "tiny-neox", "max_length": lm.max_length, "lm_eval": "0.4.13", "subjects": {}}
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        for s, _ in SUBJECTS:
            base.task_yaml(tmp, f"mmlu_{s}", f"mmlu/default/mmlu_{s}.yaml", f"cais/mmlu/{s}/test.jsonl", 5,
                           f"cais/mmlu/{s}/dev.jsonl")
        res = lm_eval.simple_evaluate(model=lm, tasks=[f"fx_mmlu_{s}" for s, _ in SUBJECTS],
                                      limit=max(n for _, n in SUBJECTS), log_samples=True,
                                      task_manager=TaskManager(include_path=str(tmp)), bootstrap_iters=0,
                                      random_seed=0, numpy_random_seed=1234, torch_random_seed=1234,
                                      fewshot_random_seed=1234)
        for s, n in SUBJECTS:
            docs = []
            for x in sorted(res["samples"][f"fx_mmlu_{s}"], key=lambda x: x["doc_id"])[:n]:
                pairs = base.args_of(x)
                assert len({p[0] for p in pairs}) == 1, "MMLU choices share their context"
                resps = [r[0] for r in x["resps"]]
                docs.append({"doc_id": x["doc_id"], "context": pairs[0][0],
                             "continuations": [p[1] for p in pairs], "gold": x["target"],
                             "ll": [float(r[0]) for r in resps], "greedy": [bool(r[1]) for r in resps],
                             "acc": x["acc"]})
            out["subjects"][s] = docs
    path = base.OUT / "lmeval_mmlu5.json"
    path.write_text(json.dumps(out, indent=1, ensure_ascii=False) + "\n")
    print(f"wrote {path}: {sum(len(d) for d in out['subjects'].values())} docs")


if __name__ == "__main__":
    main()
