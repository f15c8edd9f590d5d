#!/usr/bin/env python
"""Golden fixture for the transformation + correlation engine (numpy / scipy / pandas).

Writes src/test/resources/engine/{choices,scores,correlations,summary}.csv:
  choices       a choices table (docs/design.md §3.1) with several families, checkpoints and tasks,
                2- and 4-choice docs, ties, constant vectors, docs missing from some checkpoints,
                a step0 checkpoint (compute 0, excluded), huge negative log-probs (log-sum-exp),
                zero-length choices, and a 40-checkpoint family (Kendall's asymptotic and exact paths).
  scores        docs/design.md §3.2 computed with numpy / scipy.special.
  correlations  scipy.stats pearsonr / spearmanr / kendalltau of each score (lower-is-better negated)
                with log10(compute), per (family, task, doc); NaN where scipy gives NaN or raises (n < 2).
  summary       pandas: count, NaN count, mean, median, std (ddof 1), skew, kurt; survival area
                integrated exactly from the empirical survival function.
Run: /work/venv/bin/python scripts/reference/make_engine_fixture.py
"""
import csv
import math
import os
import warnings

import numpy as np
import pandas as pd
import scipy
from scipy import stats
from scipy.special import logsumexp, softmax

OUT = os.path.join(os.path.dirname(__file__), "..", "..", "src", "test", "resources", "engine")
rng = np.random.default_rng(20240607)

FAMILIES = {  # family -> list of (model, revision, params, tokens)
    "alpha": [("alpha-70m", f"step{s}", 70_000_000, s * 2_097_152.0) for s in (0, 1000, 2000, 4000, 8000, 16000, 32000, 64000)],
    "beta": [("beta-160m", "step1000", 160_000_000, 1e9), ("beta-160m", "step2000", 160_000_000, 2e9),
             ("beta-410m", "step1000", 400_000_000, 0.4e9),  # same compute as beta-160m@step1000: an x tie
             ("beta-410m", "step2000", 410_000_000, 2e9), ("beta-1b", "final", 1_000_000_000, 3e11)],
    "delta": [("delta-14m", f"step{s}", 14_000_000, s * 1e6) for s in range(1000, 41000, 1000)],
}
TASKS = {"arc_easy": 4, "winogrande": 2}


def choices():
    rows = []
    for family, ckpts in FAMILIES.items():
        n_docs = 6 if family == "delta" else 10
        for task, k in TASKS.items():
            for doc in range(n_docs):
                gold = int(rng.integers(k))
                kind = doc % 10
                base = rng.normal(-8, 3, size=k)
                n_chars = rng.integers(1, 40, size=k)
                if kind == 9:
                    n_chars[0] = 0  # an empty choice: ll / 0 = -inf in acc_norm
                for ci, (model, rev, params, tokens) in enumerate(ckpts):
                    compute = 6.0 * params * tokens
                    if kind == 7 and ci % 2 == 1:
                        continue  # doc missing from every other checkpoint
                    if kind == 8 and ci > 1 and family != "delta":
                        continue  # doc only in the first two checkpoints (n = 2, or 1 after step0 drops out)
                    t = ci / max(1, len(ckpts) - 1)
                    if kind == 0:
                        ll = base.copy()  # constant across checkpoints: NaN everywhere
                    elif kind == 1:
                        ll = np.round(base + rng.normal(0, 1, k))  # integer log-probs: many ties
                    elif kind == 2:
                        ll = base - 1000.0 + rng.normal(0, 1, k)  # exp underflows: log-sum-exp matters
                    elif kind == 3:
                        ll = base + 4 * t * (np.arange(k) == gold)  # monotone improvement
                    else:
                        ll = base + rng.normal(0, 1.5, k) + 2 * t * (np.arange(k) == gold)
                    ll = -np.abs(ll)  # log-probabilities are never positive
                    greedy = rng.random(k) < 0.3
                    for c in range(k):
                        n_tok = int(max(1, n_chars[c] // 4))
                        rows.append(dict(family=family, model=model, revision=rev, params=params, tokens=tokens,
                                         compute=compute, task=task, doc_id=doc, choice=c, gold=(c == gold),
                                         logprob=float(ll[c]), n_tokens=n_tok, n_chars=int(n_chars[c]),
                                         n_bytes=int(n_chars[c]), greedy=bool(greedy[c])))
    return pd.DataFrame(rows)


SCORES = ["log_p_vocab_correct", "p_vocab_correct", "p_vocab_choices", "p_vocab_incorrect", "p_choices_correct",
          "brier", "tc_brier", "acc", "acc_norm", "greedy_correct"]
LOWER_IS_BETTER = {"brier", "tc_brier"}
IDENT = ["family", "model", "revision", "params", "tokens", "compute", "task", "doc_id"]


def scores(ch):
    out = []
    for key, g in ch.groupby(["family", "model", "revision", "task", "doc_id"], sort=False):
        g = g.sort_values("choice")
        ll = g["logprob"].to_numpy()
        k = len(ll)
        t = int(np.flatnonzero(g["gold"].to_numpy())[0])
        p = softmax(ll)
        onehot = np.arange(k) == t
        with np.errstate(divide="ignore", invalid="ignore"):
            norm = ll / g["n_chars"].to_numpy(dtype=float)
        first = g.iloc[0]
        out.append({**{c: first[c] for c in IDENT}, "n_choices": k, "gold_index": t,
                    "log_p_vocab_correct": ll[t], "p_vocab_correct": np.exp(ll[t]),
                    "p_vocab_choices": np.exp(ll).sum(), "p_vocab_incorrect": np.exp(ll[~onehot]).sum(),
                    "p_choices_correct": p[t], "brier": np.mean((p - onehot) ** 2), "tc_brier": (p[t] - 1) ** 2,
                    "acc": float(np.argmax(ll) == t), "acc_norm": float(np.argmax(norm) == t),
                    "greedy_correct": bool(g["greedy"].to_numpy()[t])})
        # sanity: log-sum-exp agrees with the direct sum where it does not underflow
        assert np.isclose(np.exp(logsumexp(ll)), out[-1]["p_vocab_choices"], rtol=1e-12, atol=0)
    return pd.DataFrame(out)


def correlations(sc):
    rows = []
    sc = sc[sc["compute"] > 0]
    for (family, task), g in sc.groupby(["family", "task"], sort=True):
        for doc, d in g.groupby("doc_id", sort=True):
            d = d.sort_values(["compute", "model", "revision"])
            x = np.log10(d["compute"].to_numpy())
            for score in SCORES:
                y = d[score].to_numpy(dtype=float)
                if score in LOWER_IS_BETTER:
                    y = -y
                for method, fn in (("pearson", stats.pearsonr), ("spearman", stats.spearmanr),
                                   ("kendall", stats.kendalltau)):
                    if len(y) < 2:
                        r, p = math.nan, math.nan
                    else:
                        with warnings.catch_warnings():
                            warnings.simplefilter("ignore")
                            res = fn(y, x)
                        r, p = float(res.statistic), float(res.pvalue)
                    rows.append(dict(family=family, task=task, doc_id=doc, score=score, method=method,
                                     correlation=r, p_value=p, n_models=len(y)))
    return pd.DataFrame(rows)


def survival_area(v):
    """∫_{-1}^{1} P(V > x) dx, integrating the step function interval by interval."""
    v = np.sort(np.clip(v, -1, 1))
    if len(v) == 0:
        return math.nan
    pts = np.concatenate([[-1.0], v, [1.0]])
    area = 0.0
    for a, b in zip(pts[:-1], pts[1:]):
        if b > a:
            area += (b - a) * np.mean(v > a)
    return area


def summary(co):
    rows = []
    for (family, task, score, method), g in co.groupby(["family", "task", "score", "method"], sort=False):
        c = g["correlation"]
        v = c.dropna()
        rows.append(dict(family=family, task=task, score=score, method=method, n=len(c), n_nan=int(c.isna().sum()),
                         mean=v.mean() if len(v) else math.nan, median=v.median() if len(v) else math.nan,
                         std=v.std(), skew=v.skew(), kurtosis=v.kurt(), survival_area=survival_area(v.to_numpy())))
    return pd.DataFrame(rows)


def write(df, name):
    path = os.path.join(OUT, name)
    with open(path, "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(df.columns)
        for row in df.itertuples(index=False):
            w.writerow([repr(float(v)) if isinstance(v, (float, np.floating)) else
                        str(bool(v)).lower() if isinstance(v, (bool, np.bool_)) else v for v in row])
    print(f"{path}: {len(df)} rows")


if __name__ == "__main__":
    print("numpy", np.__version__, "scipy", scipy.__version__, "pandas", pd.__version__)
    os.makedirs(OUT, exist_ok=True)
    ch = choices()
    sc = scores(ch)
    co = correlations(sc)
    write(ch, "choices.csv")
    write(sc, "scores.csv")
    write(co, "correlations.csv")
    write(summary(co), "summary.csv")
