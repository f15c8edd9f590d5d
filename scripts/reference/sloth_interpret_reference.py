"""Reference for `elusive sloth interpret`: the Sloth paper's interpretation step in plain numpy.

The paper (felipemaiapolo/sloth, `Sloth.interpret(anchor=0, rotation='geomin_obl')`, used by its
`interpretability_plots` notebook) does, on a fitted model with skills theta = [X, D] @ B and
loadings Lambda (k x J):

  1. whitening: mu, cov = mean and np.cov (ddof 1) of the training skills; C = cholesky(cov) (lower);
     B <- B @ inv(C^T); loadings L = (C^T @ Lambda)^T (J x k); b <- b2 + mu @ Lambda;
  2. rotation: factor_analyzer's Rotator(method='geomin_obl') fitted on L, i.e. GPArotation's
     oblique gradient projection (GPFoblq) on the geomin criterion with delta 0.01, identity start,
     tol 1e-5, max_iter 500 (factor_analyzer's defaults; no Kaiser normalisation for geomin):
     rotated loadings L inv(T)^T, skills' map B @ T;
  3. sign anchoring: every skill is multiplied by the sign of its coefficient in row `anchor` of the
     rotated B (the notebook's anchor 0 is logS in its column order [logS, logT, logSlogT]);
  4. skills: [X, D] @ B_rot, centred (its `translation`).

factor_analyzer is not installed in the reference venv (and cannot be), so `gpa_oblique` below
implements the published algorithm (Bernaards & Jennrich 2005, GPFoblq) line for line as
factor_analyzer 0.5's `Rotator._oblique` and `_geomin_obj` do, and the test fixtures come from it.

Usage: python sloth_interpret_reference.py FIT_DIR OUT.json [ANCHOR_FEATURE]
FIT_DIR holds a `sloth fit` output (params.json, skills.csv). Also writes the synthetic geomin case.
"""
import json
import sys

import numpy as np


def geomin(L, delta=0.01):
    """Geomin criterion sum_i (prod_j (L_ij^2 + delta))^(1/k) and its gradient in L."""
    k = L.shape[1]
    L2 = L ** 2 + delta
    pro = np.exp(np.log(L2).sum(1) / k)
    grad = (2 / k) * (L / L2) * pro[:, None]
    return grad, pro.sum()


def gpa_oblique(A, max_iter=500, tol=1e-5, delta=0.01):
    """Oblique GPA: T with unit columns minimising geomin(A inv(T)^T). Returns T, loadings, f, its history, updates."""
    k = A.shape[1]
    T = np.eye(k)
    alpha = 1.0
    L = A @ np.linalg.inv(T).T
    Gq, f = geomin(L, delta)
    G = -(L.T @ Gq @ np.linalg.inv(T)).T
    history = [f]
    updates = 0
    for _ in range(max_iter + 1):
        Gp = G - T @ np.diag(np.ones(k) @ (T * G))
        s = np.sqrt(np.sum(np.diag(Gp.T @ Gp)))
        if s < tol:
            break
        alpha = 2 * alpha
        for _ in range(11):
            X = T - alpha * Gp
            v = 1 / np.sqrt(np.ones(X.shape[0]) @ X ** 2)
            Tt = X @ np.diag(v)
            L = A @ np.linalg.inv(Tt).T
            Gq, ft = geomin(L, delta)
            if f - ft > 0.5 * s ** 2 * alpha:
                break
            alpha = alpha / 2
        T = Tt
        f = ft
        G = -((L.T @ Gq) @ np.linalg.inv(Tt)).T
        history.append(f)
        updates += 1
    return T, L, f, history, updates


def interpret(theta, W, lam, b2, anchor):
    mu = theta.mean(0)
    cov = np.cov(theta.T).reshape(theta.shape[1], theta.shape[1])
    C = np.linalg.cholesky(cov)
    whiten = np.linalg.inv(C.T)
    B = W @ whiten
    L = (C.T @ lam).T
    b = b2 + mu @ lam
    T, _, f, history, updates = gpa_oblique(L)
    B_rot = B @ T
    L_rot = np.linalg.inv(T) @ L.T
    sign = np.sign(B_rot[anchor])
    sign[sign == 0] = 1
    L_rot = L_rot * sign[:, None]
    B_rot = B_rot * sign[None, :]
    transform = whiten @ T @ np.diag(sign)
    Z = (theta - mu) @ transform
    return {
        "whitening": whiten.tolist(), "rotation": T.tolist(), "signs": sign.tolist(), "transform": transform.tolist(),
        "loadings": L_rot.tolist(), "whitened_loadings": L.T.tolist(), "B": B_rot.tolist(), "bias": b.tolist(),
        "skills": Z.tolist(), "skill_correlation": np.cov(Z.T).reshape(len(sign), len(sign)).tolist(),
        "criterion_start": history[0], "criterion": f, "criterion_history": history, "updates": updates,
    }


def read_fit(fit_dir):
    with open(f"{fit_dir}/params.json") as fh:
        params = json.load(fh)
    import csv
    with open(f"{fit_dir}/skills.csv") as fh:
        rows = list(csv.DictReader(fh))
    k = params["skills"]
    theta = np.array([[float(r[f"skill_{s + 1}"]) for s in range(k)] for r in rows])
    W = np.vstack((np.array(params["W_X"]), np.array(params["W_D"])))
    return params, theta, W, np.array(params["loadings"]), np.array(params["bias"])


def main():
    fit_dir, out = sys.argv[1], sys.argv[2]
    anchor_name = sys.argv[3] if len(sys.argv) > 3 else "logS"
    params, theta, W, lam, b2 = read_fit(fit_dir)
    rows = params["features"] + params["families"]
    fit = interpret(theta, W, lam, b2, rows.index(anchor_name))
    fit["anchor"] = anchor_name
    # the geomin rotation alone on a fixed 8 x 4 loading matrix (seeded), as Rotator(method='geomin_obl')
    A = np.random.default_rng(7).normal(size=(8, 4))
    T, L, f, history, updates = gpa_oblique(A)
    synthetic = {"A": A.tolist(), "rotation": T.tolist(), "loadings": L.tolist(), "criterion": f,
                 "criterion_start": history[0], "updates": updates}
    with open(out, "w") as fh:
        json.dump({"fit": fit, "geomin": synthetic}, fh, indent=1)
    print(f"fit: k={theta.shape[1]} criterion {fit['criterion_start']:.6f} -> {fit['criterion']:.6f} in {fit['updates']} updates; "
          f"synthetic: {synthetic['criterion_start']:.6f} -> {f:.6f} in {updates}")


if __name__ == "__main__":
    main()
