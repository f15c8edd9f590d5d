"""Fixtures for the Sloth tests (src/test/resources/sloth/).

synthetic.csv        a table in the shape of the paper's data_v2.csv whose scores come from a known
                     Sloth model (d = 2 skills, sigmoid link, floors) plus N(0, 0.003) noise
synthetic_truth.csv  the noiseless predictions of that model (model, benchmark, truth)
lower_bounds.csv     the floors, in the shape of the paper's lower_bounds.csv
pca_reference.csv    the paper's PCA baseline (sklearn PCA + LinearRegression(fit_intercept=False)
                     on [log FLOPs, family one-hot]) for a fixed split, both with one log-FLOPs
                     column (min_models 2) and with log FLOPs x family one-hot (min_models 3)

Run: /work/venv/bin/python scripts/reference/sloth_fixtures.py
"""
import os
import numpy as np
import pandas as pd
from sklearn.decomposition import PCA
from sklearn.linear_model import LinearRegression

out = os.path.join(os.path.dirname(__file__), "..", "..", "src", "test", "resources", "sloth")
os.makedirs(out, exist_ok=True)
rng = np.random.default_rng(7)

# (Family2, Family, sizes in B, tokens in T)
fams = [
    ("alpha", "alpha", [0.1, 0.4, 1.4, 6.9, 12.0], 0.3),
    ("beta", "beta", [0.5, 1.8, 7.0, 72.0], 3.0),
    ("gamma", "gamma", [1.0, 3.0, 7.0, 13.0], 1.0),
    ("gamma-chat", "gamma", [1.0, 3.0, 13.0], 1.0),
    ("delta", "delta", [2.0, 9.0, 27.0], 8.0),
    ("eps", "eps", [0.125, 1.3], 0.18),
]
benchs = ["B1", "B2", "B3", "B4"]
floors = np.array([0.25, 0.0, 0.1, 0.5])
families = sorted(f[0] for f in fams)

W_X = np.array([[0.6, 0.2], [0.5, 0.7], [0.05, 0.02]])  # rows: logT, logS, logS*logT
W_D = {f: rng.normal(0, 0.4, size=2) for f in families}
W_D["gamma-chat"] = W_D["gamma"] + np.array([0.3, -0.2])
Lam = np.array([[1.0, 0.3, 0.8, 0.2], [0.2, 1.2, 0.4, 0.9]])
b = np.array([-1.0, -2.5, -1.5, -0.5])

rows, truth = [], []
for fam2, fam, sizes, tokens in fams:
    for s in sizes:
        t = tokens * (1 + 0.1 * rng.random())
        x = np.array([np.log(t), np.log(s), np.log(s) * np.log(t)])
        theta = x @ W_X + W_D[fam2]
        z = theta @ Lam + b
        y_true = floors + (1 - floors) / (1 + np.exp(-z))
        y = np.clip(y_true + rng.normal(0, 0.003, size=len(benchs)), 0, 1)
        name = f"{fam2}-{s}b"
        row = {"Model": name, "Family": fam, "Instruct": fam2.endswith("chat"), "#Params (B)": s,
               "Pretraining Data Size (T)": round(t, 6), "FLOPs (1E21)": round(6 * s * t, 6)}
        row.update({k: round(v, 6) for k, v in zip(benchs, y)})
        row["Family2"] = fam2
        rows.append(row)
        truth += [{"model": name, "benchmark": k, "truth": v} for k, v in zip(benchs, y_true)]
table = pd.DataFrame(rows)
table.to_csv(os.path.join(out, "synthetic.csv"))
pd.DataFrame(truth).to_csv(os.path.join(out, "synthetic_truth.csv"), index=False)
pd.DataFrame([dict(zip(benchs, floors))]).to_csv(os.path.join(out, "lower_bounds.csv"))

# PCA baseline on a fixed split: the largest model of alpha and of gamma-chat are held out
test_models = ["alpha-12.0b", "gamma-chat-13.0b"]
data = table.copy()
data["family"] = data["Family2"]
data["logF"] = np.log(data["FLOPs (1E21)"])
onehot = np.stack([(data["family"] == f).astype(float).to_numpy() for f in families], axis=1)
is_test = data["Model"].isin(test_models).to_numpy()
Y = data[benchs].to_numpy(float)
res = []
for variant, F in [("logF", data[["logF"]].to_numpy()), ("logFxD", data[["logF"]].to_numpy() * onehot)]:
    feats = np.hstack((F, onehot))
    for d in [1, 2, 3]:
        pca = PCA(n_components=d).fit(Y[~is_test])
        reg = LinearRegression(fit_intercept=False).fit(feats[~is_test], pca.transform(Y[~is_test]))
        pred = pca.inverse_transform(reg.predict(feats[is_test]))
        for m, p in zip(data["Model"][is_test], pred):
            res += [{"variant": variant, "d": d, "model": m, "benchmark": k, "predicted": repr(float(v))}
                    for k, v in zip(benchs, p)]
pd.DataFrame(res).to_csv(os.path.join(out, "pca_reference.csv"), index=False)
print("wrote", out)
