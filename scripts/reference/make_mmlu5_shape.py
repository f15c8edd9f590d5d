#!/usr/bin/env python
"""The shape of MMLU 5-shot for `elusive bench --workload mmlu5`: per subject, in tokens of the GPT-NeoX-20B
tokenizer, the few-shot block every question of the subject starts with (the description and the first five
dev questions, lm-eval's first_n sampler) and the lengths of the questions' own part (after that block).

Writes src/main/resources/bench/mmlu5_shape.csv: subject,questions,prefix,own_mean,own_sd,own_min,own_max.
Needs only the `tokenizers` package and ../shared (MMLU JSONL, the tokenizer); prompts follow
tasks/mmlu/_default_template_yaml (the same as lm-eval 0.4.13's mmlu default).
Usage: python3 scripts/reference/make_mmlu5_shape.py [SHARED_DIR]
"""
import json
import statistics
import sys
from pathlib import Path

from tokenizers import Tokenizer

ROOT = Path(__file__).resolve().parents[2]
SHARED = Path(sys.argv[1] if len(sys.argv) > 1 else ROOT.parent / "shared")
MMLU = SHARED / "data/hf/cais/mmlu"
OUT = ROOT / "src/main/resources/bench/mmlu5_shape.csv"


def text(doc):
    c = doc["choices"]
    return f"{doc['question'].strip()}\nA. {c[0]}\nB. {c[1]}\nC. {c[2]}\nD. {c[3]}\nAnswer:"


def main():
    tok = Tokenizer.from_file(str(SHARED / "data/tokenizers/gpt-neox-20b/20B_tokenizer.json"))
    rows = ["subject,questions,prefix,own_mean,own_sd,own_min,own_max"]
    for d in sorted(p for p in MMLU.iterdir() if (p / "test.jsonl").is_file()):
        subject = d.name
        dev = [json.loads(line) for line in (d / "dev.jsonl").read_text(encoding="utf-8").split("\n") if line.strip()][:5]
        test = [json.loads(line) for line in (d / "test.jsonl").read_text(encoding="utf-8").split("\n") if line.strip()]
        shots = "".join(text(x) + " " + "ABCD"[x["answer"]] + "\n\n" for x in dev)
        head = f"The following are multiple choice questions (with answers) about {subject.replace('_', ' ')}.\n\n" + shots
        ids = [e.ids for e in tok.encode_batch([head + text(x) for x in test], add_special_tokens=False)]
        prefix = len(ids[0])
        for x in ids[1:]:
            n = 0
            while n < min(prefix, len(x)) and x[n] == ids[0][n]:
                n += 1
            prefix = n
        own = [len(x) - prefix for x in ids]
        rows.append(f"{subject},{len(test)},{prefix},{statistics.mean(own):.1f},{statistics.pstdev(own):.1f},"
                    f"{min(own)},{max(own)}")
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text("\n".join(rows) + "\n")
    print("wrote", OUT)


if __name__ == "__main__":
    main()
