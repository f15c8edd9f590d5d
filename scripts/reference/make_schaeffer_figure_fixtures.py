#!/usr/bin/env python
"""Golden numbers for the Elusive paper's figures (notebooks 03-05), made with scipy / numpy / pandas.

Reads the engine fixture (src/test/resources/engine/{correlations,scores}.csv) and writes
src/test/resources/plot/:
  kde.csv         per (task, score, method, family), for two scores and two methods: seaborn 0.13's kdeplot(clip=(-1, 1), common_norm=False)
                  curve, made here with scipy.stats.gaussian_kde(bw_method="scott") on the non-NaN
                  correlations, evaluated on np.linspace(max(min - 3 bw, -1), min(max + 3 bw, 1), 200),
                  bw = sqrt(kde.covariance) (seaborn's _define_support_grid); groups with < 2 values or
                  zero variance have no curve, as in seaborn.
  mass.csv        notebook 05's filter (p_vocab_correct >= its 1% np.nanquantile, p_vocab_incorrect >= the
                  1% quantile of p_vocab_choices, compute >= 0 and > 0) then the mean and 2 x pandas sem
                  per (task, family, compute) of p_vocab_correct and p_vocab_incorrect.
  stages_acc.csv  notebook 04's fraction of acc = 1 per (task, family, pd.cut bin of p_choices_correct on
                  np.linspace(0, 1, 31), include_lowest), at the bin's left edge rounded to 2 decimals.
Run: /work/venv/bin/python scripts/reference/make_schaeffer_figure_fixtures.py
"""
import os

import numpy as np
import pandas as pd
from scipy.stats import gaussian_kde

HERE = os.path.dirname(__file__)
ENGINE = os.path.join(HERE, "..", "..", "src", "test", "resources", "engine")
OUT = os.path.join(HERE, "..", "..", "src", "test", "resources", "plot")
os.makedirs(OUT, exist_ok=True)


KDE_SCORES, KDE_METHODS = ["log_p_vocab_correct", "acc"], ["kendall", "spearman"]


def kde_rows():
    corr = pd.read_csv(os.path.join(ENGINE, "correlations.csv"), na_values=["nan"])
    corr = corr[corr["score"].isin(KDE_SCORES) & corr["method"].isin(KDE_METHODS)]  # a small fixture
    rows = []
    for (task, score, method, family), g in corr.groupby(["task", "score", "method", "family"]):
        x = g["correlation"].dropna().to_numpy()
        if len(x) < 2 or np.isclose(np.nan_to_num(pd.Series(x).var()), 0, rtol=1e-9, atol=0):
            continue
        kde = gaussian_kde(x, bw_method="scott")
        bw = np.sqrt(kde.covariance.squeeze())
        grid = np.linspace(max(x.min() - bw * 3, -1.0), min(x.max() + bw * 3, 1.0), 200)
        for gx, d in zip(grid, kde(grid)):
            rows.append((task, score, method, family, repr(float(gx)), repr(float(d))))
    return pd.DataFrame(rows, columns=["task", "score", "method", "family", "correlation", "density"])


def mass_rows():
    scores = pd.read_csv(os.path.join(ENGINE, "scores.csv"))
    out = []
    for task, t in scores.groupby("task"):
        qx = np.nanquantile(t["p_vocab_correct"], 0.01)
        qy = np.nanquantile(t["p_vocab_choices"], 0.01)
        kept = t[(t["p_vocab_correct"] >= qx) & (t["p_vocab_incorrect"] >= qy) & (t["compute"] > 0)]
        for score in ["p_vocab_correct", "p_vocab_incorrect"]:
            agg = kept.groupby(["family", "compute"])[score].agg(["mean", "sem"]).reset_index()
            for r in agg.itertuples():
                out.append((task, score, r.family, repr(float(r.compute)), repr(float(r.mean)), repr(float(2 * r.sem))))
    return pd.DataFrame(out, columns=["task", "score", "family", "compute", "mean", "two_se"])


def stage_rows():
    scores = pd.read_csv(os.path.join(ENGINE, "scores.csv"))
    edges = np.linspace(0, 1, 31)
    scores["bin"] = pd.cut(scores["p_choices_correct"], bins=edges, include_lowest=True,
                           labels=np.round(edges[:-1], 2))
    frac = scores.groupby(["task", "family", "bin"], observed=True)["acc"].mean().reset_index()
    return pd.DataFrame({"task": frac["task"], "family": frac["family"],
                         "bin": [repr(float(b)) for b in frac["bin"]], "fraction": [repr(float(v)) for v in frac["acc"]]})


kde_rows().to_csv(os.path.join(OUT, "kde.csv"), index=False)
mass_rows().to_csv(os.path.join(OUT, "mass.csv"), index=False)
stage_rows().to_csv(os.path.join(OUT, "stages_acc.csv"), index=False)
