package org.elusive.sloth;

import java.util.Arrays;

/**
 * The Sloth forward (Maia Polo et al. 2024) and its analytic gradient, the one place they are
 * written: training differentiates it, {@link SlothParams#predict} evaluates it. Skills
 * θ_i = W_Xᵀx_i + W_D[family_i], scores ŷ_ij = c_j + (1 − c_j)·g_j(Λ_jᵀθ_i + b_j) with c = σ(floor
 * logits) and g the sigmoid or the trainable increasing link; the loss is torch's SmoothL1 (β = 0.01)
 * averaged over rows and benchmarks, with the MAE alongside for early stopping.
 *
 * <p>Why by hand over plain double arrays: a fit is a few hundred numbers (n ≈ 100 rows, J ≤ 12
 * benchmarks, k ≤ 4 skills), so a tensor library spends its time on per-op overhead. Work goes
 * benchmark by benchmark with the rows innermost: the link's layers are then loops over contiguous
 * arrays that the JIT vectorises (the link is ~95% of a trainable-link fit). The family design matrix
 * is one-hot (or a single intercept column), so its product is a row lookup: {@code fam[i]} is the
 * column of row i's 1.
 *
 * <p>Not thread-safe: each fit owns its kernel (its scratch arrays).
 */
final class SlothKernel {
    static final double BETA = 0.01;

    private final Layout l;
    private final double[] x, y;
    private final int[] fam;
    private final int n;
    // per-feature and per-skill rows (xT[a][i], thetaT[t][i]) so that every row loop is contiguous
    private final double[][] xT, thetaT, dThetaT, onesAndSkills;
    private final double[] z, g, dg, dz, sums;
    private final LinkLayers link;

    /** x n×p row-major, fam the family column of each row, y n×J row-major (null when only predicting). */
    SlothKernel(Layout l, double[] x, int[] fam, double[] y) {
        this.l = l;
        this.x = x;
        this.fam = fam;
        this.y = y;
        this.n = fam.length;
        int p = l.p(), k = l.k();
        xT = new double[p][n];
        for (int i = 0; i < n; i++) for (int a = 0; a < p; a++) xT[a][i] = x[i * p + a];
        thetaT = new double[k][n];
        dThetaT = new double[k][n];
        // a row of ones, so the bias's gradient is a chain of dz·1 = dz beside the loadings' chains
        onesAndSkills = new double[k + 1][];
        onesAndSkills[0] = new double[n];
        Arrays.fill(onesAndSkills[0], 1);
        System.arraycopy(thetaT, 0, onesAndSkills, 1, k);
        sums = new double[Math.max(k + 1, p)];
        z = new double[n];
        g = new double[n];
        dg = new double[n];
        dz = new double[n];
        link = l.link() ? new LinkLayers(l, n) : null;
    }

    /** Loss and MAE of one epoch. */
    record Value(double loss, double mae) {}

    /**
     * Evaluates the parameters {@code w}: writes ŷ (n×J) into {@code yhat} when it is not null and,
     * when {@code grad} is not null, the loss's gradient into it (overwritten). Needs y for the loss.
     */
    Value evaluate(double[] w, double[] yhat, double[] grad) {
        int k = l.k(), nb = l.nb();
        if (grad != null) {
            Arrays.fill(grad, 0);
            for (double[] d : dThetaT) Arrays.fill(d, 0);
        }
        skillsOfRows(w);
        double scale = 1.0 / ((double) n * nb), loss = 0, mae = 0;
        for (int j = 0; j < nb; j++) {
            Arrays.fill(z, w[l.bias() + j]);
            for (int t = 0; t < k; t++) {
                double lam = w[l.loadings() + t * nb + j];
                double[] th = thetaT[t];
                for (int i = 0; i < n; i++) z[i] = Math.fma(th[i], lam, z[i]);
            }
            if (link != null) link.forward(w, j, z, g);
            else for (int i = 0; i < n; i++) g[i] = sigmoid(z[i]);
            double c = sigmoid(w[l.floor() + j]), dFloor = 0;
            for (int i = 0; i < n; i++) {
                double out = c + (1 - c) * g[i];
                if (yhat != null) yhat[i * nb + j] = out;
                if (y == null) continue;
                double diff = out - y[i * nb + j], ad = Math.abs(diff);
                loss += ad < BETA ? 0.5 * diff * diff / BETA : ad - 0.5 * BETA;
                mae += ad;
                // |diff| ≥ β there, so its sign is ±1 (Math.signum, a call in JDK 17, would give the same)
                double dOut = scale * (ad < BETA ? diff / BETA : Math.copySign(1.0, diff));
                dFloor += dOut * (1 - g[i]);
                dg[i] = dOut * (1 - c);
            }
            if (grad == null) continue;
            grad[l.floor() + j] = dFloor * c * (1 - c);
            if (link != null) link.backward(w, grad, j, g, dg, dz);
            else for (int i = 0; i < n; i++) dz[i] = dg[i] * g[i] * (1 - g[i]);
            accumulate(w, grad, j);
        }
        if (grad != null) skillGradient(grad);
        return new Value(loss * scale, mae * scale);
    }

    /** dz of benchmark j into the gradients of its bias and loadings (one chain each over the rows) and into dθ. */
    private void accumulate(double[] w, double[] grad, int j) {
        int k = l.k(), nb = l.nb();
        RowSums.chains(dz, onesAndSkills, k + 1, n, sums);
        grad[l.bias() + j] = sums[0];
        for (int t = 0; t < k; t++) {
            double lam = w[l.loadings() + t * nb + j];
            grad[l.loadings() + t * nb + j] = sums[t + 1];
            double[] d = dThetaT[t];
            for (int i = 0; i < n; i++) d[i] = Math.fma(lam, dz[i], d[i]);
        }
    }

    /**
     * dθ into the gradients of W_X (one chain over the rows per weight) and W_D. A family's rows are
     * added in row order, those of a run of equal families in a local before one store: the same adds.
     */
    private void skillGradient(double[] grad) {
        int p = l.p(), k = l.k();
        for (int t = 0; t < k; t++) {
            RowSums.chains(dThetaT[t], xT, p, n, sums);
            for (int a = 0; a < p; a++) grad[l.wX() + a * k + t] += sums[a];
        }
        for (int i = 0, end; i < n; i = end) {
            for (end = i + 1; end < n && fam[end] == fam[i]; ) end++;
            for (int t = 0; t < k; t++) {
                int e = l.wD() + fam[i] * k + t;
                double acc = grad[e];
                for (int r = i; r < end; r++) acc += dThetaT[t][r];
                grad[e] = acc;
            }
        }
    }

    /** θ of every row into thetaT, each θ_it as {@link #skills} sums it (same operations, same order). */
    private void skillsOfRows(double[] w) {
        int p = l.p(), k = l.k();
        for (int t = 0; t < k; t++) {
            double[] th = thetaT[t];
            for (int i = 0; i < n; i++) th[i] = w[l.wD() + fam[i] * k + t];
            for (int a = 0; a < p; a++) {
                double wa = w[l.wX() + a * k + t];
                double[] xa = xT[a];
                for (int i = 0; i < n; i++) th[i] = Math.fma(xa[i], wa, th[i]);
            }
        }
    }

    /** θ of row i into {@code out} from {@code offset}. */
    void skills(double[] w, int i, double[] out, int offset) {
        int p = l.p(), k = l.k();
        for (int t = 0; t < k; t++) {
            double s = w[l.wD() + fam[i] * k + t];
            for (int a = 0; a < p; a++) s = Math.fma(x[i * p + a], w[l.wX() + a * k + t], s);
            out[offset + t] = s;
        }
    }

    /** Benchmark j's link at one point (for plots and {@link SlothParams.MonotoneLink#apply}). */
    static double linkAt(Layout l, double[] w, int j, double at) {
        double[] out = new double[1];
        new LinkLayers(l, 1).forward(w, j, new double[] {at}, out);
        return out[0];
    }

    static double sigmoid(double v) { return 1 / (1 + Math.exp(-v)); }
}
