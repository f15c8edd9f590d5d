package org.elusive.forecast;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.RealMatrix;

/**
 * One {@link SaturatingLaw} per series (a doc's correct choice, an incorrect choice, a margin) fitted
 * as a hierarchical model, because one doc's law from a dozen noisy checkpoints extrapolates wildly:
 *
 * <pre>
 *   y_s(x) = L_s + a_s·(exp(−b·(x − x0)) − 1) + ε,   ε ~ N(0, σ²),   (L_s, a_s) ~ N(μ, diag(τ_L², τ_a²))
 * </pre>
 *
 * L_s is the series' level at the cutoff x0, which the data pin down and docs differ in most; a_s the
 * size of its change (its asymptote is L_s − a_s), which a dozen checkpoints barely determine. The
 * rate b is shared by every series of a role: it is the rate of the benchmark's mean law, fitted by
 * least squares to the mean of the series (exact, since the mean of such laws with one b is again
 * one). Given b the model is linear, and every series has the same design (the training checkpoints),
 * so the hyper-parameters have closed forms: σ² pooled from the per-series least-squares residuals,
 * μ the mean of the per-series estimates, τ² their variance minus the part that is noise (method of
 * moments, floored at 0 = full pooling). Each series' law is then its posterior mean, its own estimate
 * shrunk toward μ exactly as far as its noise warrants (empirical Bayes), at the cost of one 2×2 solve
 * per series, so a benchmark of MMLU's size fits in seconds (docs/forecast.md).
 *
 * @param mean   the role's mean law (level μ_L at x0, change μ_a)
 * @param level  per-series levels at x0, posterior means
 * @param a      per-series changes, posterior means
 * @param sigma2 the pooled residual variance σ²
 * @param tau2   the between-series variances τ_L², τ_a² (0 where the series do not differ beyond noise)
 */
public record PooledLaws(SaturatingLaw mean, double[] level, double[] a, double sigma2, double[] tau2) {

    /** The law of series {@code s} at x. */
    public double value(int s, double x) { return level[s] + a[s] * shape(mean.b(), x - mean.x0()); }

    /** exp(−b·dx) − 1: 0 at the cutoff, so that the intercept is the level there. */
    static double shape(double b, double dx) { return SaturatingLaw.basis(b, dx) - 1; }

    /**
     * Fits {@code y[s][t]}, series s at checkpoint t with x[t] (every value finite), anchored at x0.
     * Needs 3 or more checkpoints; with one series there is nothing to pool and its law is its own fit.
     */
    public static PooledLaws fit(double[][] y, double[] x, double x0) {
        int n = y.length, m = x.length;
        if (n == 0) throw new IllegalArgumentException("no series to fit");
        if (m < 3) throw new IllegalArgumentException("a law per series needs 3 or more checkpoints, got " + m);
        double[] meanY = new double[m];
        for (double[] ys : y) for (int t = 0; t < m; t++) meanY[t] += ys[t] / n;
        SaturatingLaw meanLaw = SaturatingLaw.fit(x, meanY, x0);
        double[] g = new double[m];
        for (int t = 0; t < m; t++) g[t] = shape(meanLaw.b(), x[t] - x0);

        // least squares per series on the shared design [1, exp(−b(x − x0)) − 1]: θ_s = A⁻¹·Xᵀy_s
        RealMatrix design = new Array2DRowRealMatrix(m, 2);
        for (int t = 0; t < m; t++) { design.setEntry(t, 0, 1); design.setEntry(t, 1, g[t]); }
        RealMatrix gram = design.transpose().multiply(design);
        RealMatrix gramInv = new LUDecomposition(gram).getSolver().getInverse();
        double[][] xty = new double[n][2];
        double[][] ols = new double[n][2];
        double[][] resid = new double[n][m];
        double[] shared = new double[m];
        for (int s = 0; s < n; s++) {
            for (int t = 0; t < m; t++) { xty[s][0] += y[s][t]; xty[s][1] += g[t] * y[s][t]; }
            ols[s] = gramInv.operate(xty[s]);
            for (int t = 0; t < m; t++) {
                resid[s][t] = y[s][t] - ols[s][0] - ols[s][1] * g[t];
                shared[t] += resid[s][t] / n;
            }
        }
        // A checkpoint that is better or worse than the law for every doc at once (a small model late in
        // training next to a large one early, at equal compute) is one deviation shared by all series,
        // not noise of each: it stays in the mean law's residual and out of σ², which measures how
        // uncertain one series is relative to the others, the quantity the shrinkage weighs.
        double rss = 0;
        for (int s = 0; s < n; s++) for (int t = 0; t < m; t++) rss += (resid[s][t] - shared[t]) * (resid[s][t] - shared[t]);
        double sigma2 = n > 1 ? rss / ((double) (n - 1) * (m - 2)) : 0;
        double[] mu = {meanOf(ols, 0), meanOf(ols, 1)};
        if (n < 2) {
            return new PooledLaws(new SaturatingLaw(mu[0] - mu[1], mu[1], meanLaw.b(), x0), new double[] {ols[0][0]},
                    new double[] {ols[0][1]}, sigma2, new double[] {Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY});
        }
        double[] tau2 = new double[2];
        for (int k = 0; k < 2; k++) tau2[k] = Math.max(0, varianceOf(ols, k, mu[k]) - sigma2 * gramInv.getEntry(k, k));
        return posterior(new SaturatingLaw(mu[0] - mu[1], mu[1], meanLaw.b(), x0), gram, xty, ols, mu, sigma2, tau2);
    }

    /**
     * θ̂_s = (A/σ² + D⁻¹)⁻¹·(Xᵀy_s/σ² + D⁻¹μ), D = diag(τ²). A component with τ² = 0 is fully
     * pooled (every series gets μ there); σ² = 0 (noise-free series) leaves each series its own fit.
     */
    private static PooledLaws posterior(SaturatingLaw meanLaw, RealMatrix gram, double[][] xty, double[][] ols,
                                        double[] mu, double sigma2, double[] tau2) {
        int n = xty.length;
        double[] level = new double[n], a = new double[n];
        if (!(sigma2 > 0)) {
            for (int s = 0; s < n; s++) { level[s] = ols[s][0]; a[s] = ols[s][1]; }
            return new PooledLaws(meanLaw, level, a, sigma2, tau2);
        }
        // a fully pooled component: a prior precision so large that the data cannot move it
        double[] precision = new double[2];
        for (int k = 0; k < 2; k++) precision[k] = tau2[k] > 0 ? 1 / tau2[k] : 1e12 * (1 + gram.getEntry(k, k) / sigma2);
        RealMatrix h = gram.scalarMultiply(1 / sigma2);
        for (int k = 0; k < 2; k++) h.addToEntry(k, k, precision[k]);
        RealMatrix hInv = new LUDecomposition(h).getSolver().getInverse();
        for (int s = 0; s < n; s++) {
            double[] rhs = {xty[s][0] / sigma2 + precision[0] * mu[0], xty[s][1] / sigma2 + precision[1] * mu[1]};
            double[] th = hInv.operate(rhs);
            level[s] = th[0];
            a[s] = th[1];
        }
        return new PooledLaws(meanLaw, level, a, sigma2, tau2);
    }

    private static double meanOf(double[][] v, int k) {
        double s = 0;
        for (double[] r : v) s += r[k];
        return s / v.length;
    }

    private static double varianceOf(double[][] v, int k, double mean) {
        double s = 0;
        for (double[] r : v) s += (r[k] - mean) * (r[k] - mean);
        return s / (v.length - 1);
    }
}
