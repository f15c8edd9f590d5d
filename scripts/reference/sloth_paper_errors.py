"""The Sloth paper's published backtest errors as a fixture (src/test/resources/sloth/paper_errors.csv).

felipemaiapolo/sloth results/errors_exp-<e>_n-train-models-<m>_select-models-False.npy hold, per
held-out group of its experiment.py, the absolute errors of its 28 methods (methods_names of
definitions.py) on every test model x benchmark. This writes, per min_models (= n-train-models + 1),
benchmark set (exp 0, 1, 2 = v1, v2, all), group and method, the group's number of predictions and
their mean absolute error (all benchmarks pooled): enough for the paper's pooled MAE (sum / count over
groups) and its family-averaged MAE (the mean over groups), which SlothPaperTest compares with ours.

Run: /work/venv/bin/python scripts/reference/sloth_paper_errors.py [SHARED]   (SHARED defaults to ../shared)
"""
import csv
import json
import os
import sys

import numpy as np

shared = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..", "..", "..", "shared")
root = os.path.join(shared, "data", "scaling", "sloth")
protocol = json.load(open(os.path.join(root, "paper_protocol.json")))
methods = protocol["methods"]
out = os.path.join(os.path.dirname(__file__), "..", "..", "src", "test", "resources", "sloth", "paper_errors.csv")

with open(out, "w", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["min_models", "benchmark_set", "group", "families", "method", "n", "mae"])
    for min_models in (2, 3):
        for exp, name in enumerate(("v1", "v2", "all")):
            path = os.path.join(root, "results", f"errors_exp-{exp}_n-train-models-{min_models - 1}_select-models-False.npy")
            groups = np.load(path, allow_pickle=True).item()["out"]
            expected = protocol["test_families"][f"min_models_{min_models}"][name]
            assert [list(g[2]) for g in groups] == expected, (min_models, name)
            for gi, (errors, _instruct, families) in enumerate(groups):
                assert errors.shape[0] == len(methods)
                for mi, m in enumerate(methods):
                    e = np.asarray(errors[mi], dtype=float)
                    w.writerow([min_models, name, gi, "|".join(families), m, e.size, repr(float(e.mean()))])
print("wrote", out)
