"""Our backtests next to the Sloth paper's published errors: the markdown table of docs/sloth.md.

Reads src/test/resources/sloth/paper_errors.csv (sloth_paper_errors.py) and, where present, the
summary.csv of our backtests in OUT/<set>-<min_models>/ (scripts/reference/bench_sloth.sh), and prints
per min_models one table: per method, the family-averaged MAE (mean over held-out groups) of the paper
and ours, for v1, v2 and all. Standard library only.

Run: python3 scripts/reference/sloth_compare.py [OUT]   (OUT defaults to results/sloth-paper)
"""
import csv
import os
import sys
from collections import defaultdict

root = os.path.join(os.path.dirname(__file__), "..", "..")
out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(root, "results", "sloth-paper")
paper = defaultdict(list)
methods = []
with open(os.path.join(root, "src", "test", "resources", "sloth", "paper_errors.csv")) as f:
    for r in csv.DictReader(f):
        paper[(int(r["min_models"]), r["benchmark_set"], r["method"])].append(float(r["mae"]))
        if r["method"] not in methods:
            methods.append(r["method"])
ours = {}
for mm in (2, 3):
    for s in ("v1", "v2", "all"):
        p = os.path.join(out, f"{s}-{mm}", "summary.csv")
        if os.path.isfile(p):
            with open(p) as f:
                for r in csv.DictReader(f):
                    if r["benchmark"] == "all":
                        ours[(mm, s, r["method"])] = float(r["mae_family_avg"])
for mm in (2, 3):
    print(f"\nmin_models {mm}: family-averaged MAE, paper / ours\n")
    print("| method | v1 paper | v1 ours | v2 paper | v2 ours | all paper | all ours |")
    print("|---|---|---|---|---|---|---|")
    for m in methods:
        cells = []
        for s in ("v1", "v2", "all"):
            v = paper[(mm, s, m)]
            cells.append(f"{sum(v) / len(v):.4f}")
            o = ours.get((mm, s, m))
            cells.append("—" if o is None else f"{o:.4f}")
        print(f"| {m} | " + " | ".join(cells) + " |")
