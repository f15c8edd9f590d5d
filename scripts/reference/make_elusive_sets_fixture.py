#!/usr/bin/env python
"""Golden fixture for scaling sets and the Elusive paper's correlation statistics (numpy / scipy / pandas).

Re-implements, from the paper's scripts/compute_correlations_between_sample_scores_and_compute.py, the
per-(scaling set, task, score, correlation metric) computation: pivot the scores to models x samples
(a sample one model lacks is NaN), order models by compute, negate Brier scores, drop models whose
log10 compute is not finite, correlate each sample's scores with log10 compute (scipy.stats, NaNs
propagate), then the distribution statistics of the correlations (numpy mean/median/std/var, scipy skew and
kurtosis, the trapezoid AUC of scipy.stats.ecdf's survival function padded at -1 and 1 (sklearn.metrics.auc),
Wasserstein, energy and KS distances to all-1 and all--1 samples, NaN count and fraction).

Writes src/test/resources/elusive_sets/:
  models/toy.yaml   a family registry with scaling sets (data scaling with a step0, parameter scaling
                    with a tie in compute, a union, a two-checkpoint set)
  scores.csv        a scores table (docs/design.md §3.2): 4-choice and 2-choice tasks and a one-continuation
                    task (NaN choice-renormalised scores), docs missing from some checkpoints (and one only
                    from step0, which no correlation uses), ties, constant vectors
  correlations.csv  per (set, task, doc, score, method): correlation, p-value, n_models (checkpoints with
                    compute that have the doc)
  summary.csv       the paper's statistics per (set, task, score, method), docs/design.md §3.4 columns
                    (the pandas-convention columns std_ddof1, skew_adjusted, kurtosis_adjusted and
                    survival_area are computed here too)
Where the paper's script would stop (no correlation that is not NaN: scipy.stats.ecdf raises), every
statistic is NaN.
Run: /work/venv/bin/python scripts/reference/make_elusive_sets_fixture.py
"""
import csv
import os
import warnings

import numpy as np
import pandas as pd
import scipy.stats
import sklearn.metrics
from scipy.special import softmax

OUT = os.path.join(os.path.dirname(__file__), "..", "..", "src", "test", "resources", "elusive_sets")
rng = np.random.default_rng(20240531)
warnings.simplefilter("ignore")

SIZES = {"s": 1_000_000, "m": 4_000_000, "l": 16_000_000}
STEPS = [0, 1, 2, 4, 8, 16]
TOKENS_PER_STEP = 1_000_000
SETS = {  # name -> (label, selectors as in the YAML, members)
    "TOY_S_DATA": ("Toy S (Data Scaling)", "[{sizes: [s]}]", [("s", st) for st in STEPS]),
    "TOY_16_PARAMS": ("Toy 16M Tokens (Param. Scaling)", "[{steps: [16]}]", [(z, 16) for z in SIZES]),
    "TOY_ALL": ("Toy (Param. and Data Scaling)", "[{}]", [(z, st) for z in SIZES for st in STEPS]),
    "TOY_M_EARLY": ("Toy M, two checkpoints", "[{sizes: [m], steps: [1, 2]}]", [("m", 1), ("m", 2)]),
}
TASKS = {"mc4": 4, "mc2": 2, "cloze": 1}
DOCS = 12
SCORES = ["log_p_vocab_correct", "p_vocab_correct", "p_vocab_choices", "p_vocab_incorrect", "p_choices_correct",
          "brier", "tc_brier", "acc", "acc_norm", "neg_log_p_vocab_correct", "log_p_choices_correct", "p_choices_incorrect"]
NEGATED = {"brier", "tc_brier"}  # the paper negates its Brier score
METHODS = {"pearson": scipy.stats.pearsonr, "spearman": scipy.stats.spearmanr, "kendall": scipy.stats.kendalltau}


def registry():
    lines = ["# Written by scripts/reference/make_elusive_sets_fixture.py: a toy family with scaling sets.",
             "family: toy", "architecture: GPTNeoXForCausalLM", 'revision: "step{step}"',
             f"tokens_per_step: {TOKENS_PER_STEP}", f"steps: {STEPS}", "models:"]
    lines += [f"  - {{size: {z}, hf: toy/toy-{z}, params: {p}}}" for z, p in SIZES.items()]
    lines.append("sets:")
    for name, (label, select, _) in SETS.items():
        lines += [f"  {name}:", f"    label: {label}", f"    select: {select}"]
    return "\n".join(lines) + "\n"


def label(size, step):
    return f"toy/toy-{size}@step{step}"


def score_row(ll, gold, n_chars, greedy):
    k = len(ll)
    if k == 1:  # one continuation: acc = is_greedy, nothing to renormalise over
        nan = float("nan")
        return dict(n_choices=1, gold_index=0, log_p_vocab_correct=ll[0], p_vocab_correct=np.exp(ll[0]),
                    p_vocab_choices=np.exp(ll[0]), p_vocab_incorrect=nan, p_choices_correct=nan, brier=nan,
                    tc_brier=nan, acc=float(greedy), acc_norm=nan, greedy_correct=greedy)
    p = softmax(ll)
    onehot = np.eye(k)[gold]
    return dict(n_choices=k, gold_index=gold, log_p_vocab_correct=ll[gold], p_vocab_correct=np.exp(ll[gold]),
                p_vocab_choices=np.exp(ll).sum(), p_vocab_incorrect=np.exp(np.delete(ll, gold)).sum(),
                p_choices_correct=p[gold], brier=np.mean((p - onehot) ** 2), tc_brier=(p[gold] - 1) ** 2,
                acc=float(np.argmax(ll) == gold), acc_norm=float(np.argmax(ll / n_chars) == gold), greedy_correct=greedy)


def scores_table():
    rows = []
    for task, k in TASKS.items():
        for doc in range(DOCS):
            gold = int(rng.integers(k))
            base = rng.normal(-6, 2, size=k)
            slope = rng.normal(0.5, 1.0, size=k)
            n_chars = rng.integers(1, 30, size=k)
            for size, params in SIZES.items():
                for step in STEPS:
                    if doc == 5 and size == "m" and step == 8:
                        continue  # missing for one checkpoint: NaN in every set that has toy-m@step8
                    if doc == 6 and step == 0:
                        continue  # missing only where compute is 0: no correlation uses step0
                    tokens = float(step * TOKENS_PER_STEP)
                    x = np.log10(max(6.0 * params * tokens, 1.0))
                    if doc == 0:
                        ll = base.copy()  # the same for every checkpoint: constant scores, NaN correlations
                    elif doc == 1:
                        ll = base + np.round(slope * x)  # coarse: ties within a score
                    else:
                        ll = base + slope * x / 4 + rng.normal(0, 0.3, size=k)
                    ll = np.minimum(ll, -1e-3)
                    greedy = bool(doc % 3 == 0 or ll[gold] > -4)
                    r = dict(family="toy", model=f"toy/toy-{size}", revision=f"step{step}", params=params, tokens=tokens,
                             compute=6.0 * params * tokens, task=task, doc_id=doc)
                    r.update(score_row(ll, gold, n_chars, greedy))
                    rows.append(r)
    df = pd.DataFrame(rows)
    df["label"] = df["model"] + "@" + df["revision"]
    return df


def derived(df):
    df = df.copy()
    df["neg_log_p_vocab_correct"] = -df["log_p_vocab_correct"]
    df["log_p_choices_correct"] = np.log(df["p_choices_correct"])
    df["p_choices_incorrect"] = 1 - df["p_choices_correct"]
    return df


def paper_correlations(df, members, task, metric, method):
    """The paper's script for one (set, task, metric, correlation metric)."""
    labels = [label(z, st) for z, st in members]
    tall = df[(df["task"] == task) & df["label"].isin(labels)]
    wide = tall.pivot(index="label", columns="doc_id", values=metric)
    present = tall.assign(one=1.0).pivot(index="label", columns="doc_id", values="one")
    models = tall.groupby("label")["compute"].first().reset_index()
    models["Log10 Compute"] = np.log10(models["compute"])
    models = models.iloc[np.argsort(models["compute"].values)]
    wide = wide.loc[models["label"]]
    present = present.loc[models["label"]]
    scores = wide.values
    compute = models["Log10 Compute"].values
    if metric in NEGATED:
        scores = -scores
    valid = np.isfinite(compute)
    compute, scores = compute[valid], scores[valid, :]
    n_models = np.nan_to_num(present.values[valid, :]).sum(axis=0).astype(int)
    out = []
    for i, doc in enumerate(wide.columns):
        try:
            c, p = METHODS[method](compute, scores[:, i])
        except ValueError:  # fewer than two values
            c, p = np.nan, np.nan
        out.append((int(doc), float(c), float(p), int(n_models[i])))
    return out


def paper_statistics(correlations):
    correlations = np.asarray(correlations, dtype=float)
    non_nan = correlations[np.isfinite(correlations)]
    nan_stats = {"n": len(correlations), "n_nan": int(np.sum(np.isnan(correlations))),
                 "frac_nan": float(np.mean(np.isnan(correlations)))}
    if len(non_nan) == 0:  # the paper's script stops at scipy.stats.ecdf here
        return nan_stats
    ecdf = scipy.stats.ecdf(non_nan)
    q = np.concatenate([[-1.0000000000000000001], ecdf.sf.quantiles, [1.0000000000000000001]])
    sf = np.concatenate([[1.0], ecdf.sf.probabilities, [0.0]])
    auc = sklearn.metrics.auc(x=q, y=sf)
    ones, minus = np.full_like(correlations, 1.0), np.full_like(correlations, -1.0)
    w1, w2 = scipy.stats.wasserstein_distance(non_nan, ones), scipy.stats.wasserstein_distance(non_nan, minus)
    e1, e2 = scipy.stats.energy_distance(non_nan, ones), scipy.stats.energy_distance(non_nan, minus)
    k1, k2 = scipy.stats.kstest(non_nan, ones)[0], scipy.stats.kstest(non_nan, minus)[0]
    s = pd.Series(non_nan)
    grid = np.sort(non_nan)
    return {**nan_stats, "mean": np.mean(non_nan), "median": np.median(non_nan), "std": np.std(non_nan),
            "var": np.var(non_nan), "skew": scipy.stats.skew(non_nan), "kurtosis": scipy.stats.kurtosis(non_nan),
            "auc": auc, "auc_max": max(auc, 2.0 - auc), "wasserstein_1": w1, "wasserstein_minus_1": w2,
            "wasserstein_min": min(w1, w2), "energy_1": e1, "energy_minus_1": e2, "energy_min": min(e1, e2),
            "ks_1": k1, "ks_minus_1": k2, "ks_min": min(k1, k2), "std_ddof1": s.std(), "skew_adjusted": s.skew(),
            "kurtosis_adjusted": s.kurt(),
            # exact integral of the survival function over [-1, 1]: 1 + mean of the clipped values
            "survival_area": float(np.mean(np.clip(grid, -1, 1) + 1))}


SUMMARY_COLUMNS = ["family", "task", "score", "method", "n", "n_nan", "frac_nan", "mean", "median", "std", "var", "skew",
                   "kurtosis", "auc", "auc_max", "wasserstein_1", "wasserstein_minus_1", "wasserstein_min", "energy_1",
                   "energy_minus_1", "energy_min", "ks_1", "ks_minus_1", "ks_min", "std_ddof1", "skew_adjusted",
                   "kurtosis_adjusted", "survival_area"]


def write(rows, columns, name):
    path = os.path.join(OUT, name)
    with open(path, "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(columns)
        for r in rows:
            vals = []
            for c in columns:
                v = r.get(c, float("nan"))
                vals.append(str(bool(v)).lower() if isinstance(v, (bool, np.bool_)) else
                            repr(float(v)) if isinstance(v, (float, np.floating)) else v)
            w.writerow(vals)
    print(f"{path}: {len(rows)} rows")


def main():
    os.makedirs(os.path.join(OUT, "models"), exist_ok=True)
    with open(os.path.join(OUT, "models", "toy.yaml"), "w") as f:
        f.write(registry())
    df = scores_table()
    table_columns = ["family", "model", "revision", "params", "tokens", "compute", "task", "doc_id", "n_choices",
                     "gold_index", "log_p_vocab_correct", "p_vocab_correct", "p_vocab_choices", "p_vocab_incorrect",
                     "p_choices_correct", "brier", "tc_brier", "acc", "acc_norm", "greedy_correct"]
    write(df.to_dict("records"), table_columns, "scores.csv")
    df = derived(df)
    corr_rows, summary_rows = [], []
    for name, (_, _, members) in SETS.items():
        for task in TASKS:
            for metric in SCORES:
                for method in METHODS:
                    res = paper_correlations(df, members, task, metric, method)
                    for doc, c, p, n in res:
                        corr_rows.append(dict(family=name, task=task, doc_id=doc, score=metric, method=method,
                                              correlation=c, p_value=p, n_models=n))
                    st = paper_statistics([c for _, c, _, _ in res])
                    summary_rows.append(dict(family=name, task=task, score=metric, method=method, **st))
    write(corr_rows, ["family", "task", "doc_id", "score", "method", "correlation", "p_value", "n_models"], "correlations.csv")
    write(summary_rows, SUMMARY_COLUMNS, "summary.csv")
    print("scipy", scipy.__version__, "numpy", np.__version__, "pandas", pd.__version__, "sklearn", sklearn.__version__)


if __name__ == "__main__":
    main()
