#!/usr/bin/env python
"""lm-eval 0.4.13's own make_table over a results JSON: the rows it prints, for elusive's table.

The venv's pytablewriter is a stub without MarkdownTableWriter, so a stand-in that keeps the headers
and value_matrix make_table hands it is installed first; the rows are lm-eval's own, the markdown
padding is pytablewriter's and not reproduced. Writes, for the results JSON of make_lm_eval_output.py
(or the one given), src/test/resources/lmeval_output/make_table.json: {"results": rows, "groups": rows}.
Given `--check FILE`, instead runs make_table on FILE (e.g. an elusive results JSON) and prints it,
which fails if a key make_table reads is missing.
Run: /work/venv/bin/python scripts/reference/make_lm_eval_table.py [--check RESULTS_JSON]
"""
import json
import pathlib
import sys
import types

ROOT = pathlib.Path(__file__).resolve().parents[2]
OUT = ROOT / "src/test/resources/lmeval_output"


class Writer:
    def __init__(self):
        self.headers, self.value_matrix = [], []

    def dumps(self):
        return json.dumps({"headers": self.headers, "rows": self.value_matrix}, ensure_ascii=False)


stub = types.ModuleType("pytablewriter")
stub.MarkdownTableWriter = stub.LatexTableWriter = Writer
sys.modules["pytablewriter"] = stub
from lm_eval.utils import make_table  # noqa: E402


def tables(results):
    out = {"results": json.loads(make_table(results))}
    if "groups" in results:
        out["groups"] = json.loads(make_table(results, "groups"))
    return out


def main():
    if len(sys.argv) == 3 and sys.argv[1] == "--check":
        t = tables(json.loads(pathlib.Path(sys.argv[2]).read_text()))
        for name, table in t.items():
            print(name, len(table["rows"]), "rows")
            for row in table["rows"]:
                print("|".join(str(c) for c in row))
        return
    results = next((OUT / "lm_eval").rglob("results_*.json"))
    (OUT / "make_table.json").write_text(json.dumps(tables(json.loads(results.read_text())), indent=1,
                                                   ensure_ascii=False) + "\n")
    print("wrote", OUT / "make_table.json")


if __name__ == "__main__":
    main()
