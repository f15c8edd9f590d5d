package org.elusive.sloth;

/**
 * The paper's rotation: factor_analyzer's {@code Rotator(method='geomin_obl')} with its defaults, i.e.
 * the oblique gradient projection algorithm of GPArotation ({@code GPFoblq}, Bernaards &amp; Jennrich
 * 2005) on the geomin criterion f(L) = Σ_i (Π_j (L_ij² + δ))^{1/k}, δ = 0.01, from the identity, up to
 * {@link #MAX_ITER} + 1 updates, stopping when the projected gradient's norm falls under {@link #TOL}.
 * For a J × k loading matrix A it finds T (k × k, unit columns: the rotated skills keep unit variance)
 * and the rotated loadings A·T⁻ᵀ; skills map by T, so loadings × skills is unchanged. Every step
 * mirrors factor_analyzer 0.5's {@code _oblique} (scripts/reference/sloth_interpret_reference.py),
 * including its quirks: the step size doubles before each line search of at most 11 halvings, and
 * the last trial is taken even when no halving met the Armijo condition.
 */
public final class Geomin {
    private Geomin() {}

    public static final double DELTA = 0.01, TOL = 1e-5;
    public static final int MAX_ITER = 500;

    /**
     * {@code criterion} after the last update, {@code start} at the identity; {@code updates} taken
     * (MAX_ITER + 1 when the tolerance was never met, as on the paper's data: the criterion there still
     * falls by ~1e-6 a step at the cap, so the cap is part of the paper's answer).
     */
    public record Result(double[][] rotation, double[][] loadings, double start, double criterion, int updates) {}

    public static Result rotate(double[][] a) {
        int k = a[0].length;
        double[][] t = Matrices.identity(k), l = a;
        double[][] gq = gradient(l);
        double f = criterion(l), start = f, alpha = 1;
        double[][] g = projectedLoss(l, gq, t);
        int updates = 0;
        for (int it = 0; it <= MAX_ITER; it++) {
            double[] colDot = new double[k];
            for (int i = 0; i < k; i++) for (int j = 0; j < k; j++) colDot[j] += t[i][j] * g[i][j];
            double[][] gp = new double[k][k];
            double s2 = 0;
            for (int i = 0; i < k; i++)
                for (int j = 0; j < k; j++) {
                    gp[i][j] = g[i][j] - t[i][j] * colDot[j];
                    s2 += gp[i][j] * gp[i][j];
                }
            double s = Math.sqrt(s2);
            if (s < TOL) break;
            alpha *= 2;
            double[][] tt = null;
            double ft = f;
            for (int h = 0; h <= 10; h++) {
                tt = normalizedColumns(t, gp, alpha);
                l = Matrices.multiply(a, Matrices.transpose(Matrices.inverse(tt)));
                ft = criterion(l);
                if (f - ft > 0.5 * s * s * alpha) break;
                alpha /= 2;
            }
            t = tt;
            f = ft;
            g = projectedLoss(l, gradient(l), tt);
            updates++;
        }
        return new Result(t, l, start, f, updates);
    }

    /** The geomin criterion of loadings l (J × k). */
    public static double criterion(double[][] l) {
        double f = 0;
        for (double[] row : l) f += rowProduct(row);
        return f;
    }

    private static double rowProduct(double[] row) {
        double logSum = 0;
        for (double v : row) logSum += Math.log(v * v + DELTA);
        return Math.exp(logSum / row.length);
    }

    /** ∂f/∂L = (2/k)·L/(L² + δ)·(row product). */
    private static double[][] gradient(double[][] l) {
        int k = l[0].length;
        double[][] out = new double[l.length][k];
        for (int i = 0; i < l.length; i++) {
            double pro = rowProduct(l[i]);
            for (int j = 0; j < k; j++) out[i][j] = 2.0 / k * l[i][j] / (l[i][j] * l[i][j] + DELTA) * pro;
        }
        return out;
    }

    /** The gradient in T of f(A·T⁻ᵀ): −(Lᵀ·Gq·T⁻¹)ᵀ. */
    private static double[][] projectedLoss(double[][] l, double[][] gq, double[][] t) {
        double[][] m = Matrices.multiply(Matrices.multiply(Matrices.transpose(l), gq), Matrices.inverse(t));
        double[][] out = Matrices.transpose(m);
        for (double[] row : out) for (int j = 0; j < row.length; j++) row[j] = -row[j];
        return out;
    }

    /** T − α·Gp with each column scaled to unit length. */
    private static double[][] normalizedColumns(double[][] t, double[][] gp, double alpha) {
        int k = t.length;
        double[][] x = new double[k][k];
        for (int i = 0; i < k; i++) for (int j = 0; j < k; j++) x[i][j] = t[i][j] - alpha * gp[i][j];
        for (int j = 0; j < k; j++) {
            double norm = 0;
            for (int i = 0; i < k; i++) norm += x[i][j] * x[i][j];
            double v = 1 / Math.sqrt(norm);
            for (int i = 0; i < k; i++) x[i][j] *= v;
        }
        return x;
    }
}
