package org.elusive.forecast;

import org.apache.commons.math3.fitting.leastsquares.LeastSquaresBuilder;
import org.apache.commons.math3.fitting.leastsquares.LeastSquaresOptimizer;
import org.apache.commons.math3.fitting.leastsquares.LevenbergMarquardtOptimizer;
import org.apache.commons.math3.fitting.leastsquares.MultivariateJacobianFunction;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.RealVector;
import org.apache.commons.math3.util.Pair;

/**
 * The law of a log-likelihood (or a margin of two) against x = log10(compute):
 * y(x) = c + a·exp(−b·(x − x0)), b &gt; 0. It is the usual "irreducible + reducible power law" of a loss,
 * −log p = E + A·C^(−α), written in log compute, with the sign of a free so that it also fits an
 * incorrect choice whose log-likelihood falls with scale. Anchoring at x0 (the cutoff) keeps c and a
 * well conditioned: a is the gap still to close at the cutoff, c the asymptote.
 *
 * <p>b is bounded to [{@link #B_MIN}, {@link #B_MAX}] per decade: below, the law is a straight line
 * whose a and c diverge; above, it saturates between two checkpoints, which no family resolves.
 */
public record SaturatingLaw(double c, double a, double b, double x0) {

    static final double B_MIN = 0.02, B_MAX = 10;
    private static final int GRID = 60;

    public double value(double x) { return c + a * basis(b, x - x0); }

    /** exp(−b·dx), the one nonlinear part of the law. */
    static double basis(double b, double dx) { return Math.exp(-b * dx); }

    /**
     * The least-squares law through (x, y): b from the best of a log-spaced grid, with c and a solved
     * linearly for each b (so the start is the global optimum of the grid), then refined jointly by
     * Commons Math's Levenberg–Marquardt with b = exp(β) kept inside its bounds.
     */
    public static SaturatingLaw fit(double[] x, double[] y, double x0) {
        if (x.length != y.length || x.length < 3) throw new IllegalArgumentException("a saturating law needs 3 or more points, got " + x.length);
        double bestB = B_MIN, bestRss = Double.POSITIVE_INFINITY;
        for (int i = 0; i < GRID; i++) {
            double b = B_MIN * Math.pow(B_MAX / B_MIN, i / (GRID - 1.0));
            double[] ca = linear(x, y, x0, b);
            double rss = rss(x, y, new SaturatingLaw(ca[0], ca[1], b, x0));
            if (rss < bestRss) { bestRss = rss; bestB = b; }
        }
        double[] ca = linear(x, y, x0, bestB);
        SaturatingLaw start = new SaturatingLaw(ca[0], ca[1], bestB, x0);
        SaturatingLaw refined = refine(x, y, start);
        return rss(x, y, refined) <= bestRss ? refined : start;
    }

    /** Intercept c and slope a of y = c + a·g(x) for a fixed b: ordinary least squares in closed form. */
    static double[] linear(double[] x, double[] y, double x0, double b) {
        int n = x.length;
        double sg = 0, sgg = 0, sy = 0, sgy = 0;
        for (int i = 0; i < n; i++) {
            double g = basis(b, x[i] - x0);
            sg += g; sgg += g * g; sy += y[i]; sgy += g * y[i];
        }
        double det = n * sgg - sg * sg;
        if (!(Math.abs(det) > 1e-300)) return new double[] {sy / n, 0};
        double a = (n * sgy - sg * sy) / det;
        return new double[] {(sy - a * sg) / n, a};
    }

    private static SaturatingLaw refine(double[] x, double[] y, SaturatingLaw start) {
        double x0 = start.x0();
        MultivariateJacobianFunction model = p -> {
            double c = p.getEntry(0), a = p.getEntry(1), b = Math.exp(p.getEntry(2));
            RealVector v = new ArrayRealVector(x.length);
            Array2DRowRealMatrix j = new Array2DRowRealMatrix(x.length, 3);
            for (int i = 0; i < x.length; i++) {
                double dx = x[i] - x0, g = basis(b, dx);
                v.setEntry(i, c + a * g);
                j.setEntry(i, 0, 1);
                j.setEntry(i, 1, g);
                j.setEntry(i, 2, -a * dx * g * b);
            }
            return new Pair<>(v, j);
        };
        double lo = Math.log(B_MIN), hi = Math.log(B_MAX);
        try {
            LeastSquaresOptimizer.Optimum o = new LevenbergMarquardtOptimizer().optimize(new LeastSquaresBuilder()
                    .model(model).target(y).start(new double[] {start.c(), start.a(), Math.log(start.b())})
                    .parameterValidator(p -> {
                        RealVector q = p.copy();
                        q.setEntry(2, Math.max(lo, Math.min(hi, q.getEntry(2))));
                        return q;
                    })
                    .maxEvaluations(1000).maxIterations(1000).build());
            RealVector p = o.getPoint();
            return new SaturatingLaw(p.getEntry(0), p.getEntry(1), Math.exp(p.getEntry(2)), x0);
        } catch (org.apache.commons.math3.exception.TooManyEvaluationsException e) {
            return start; // the grid optimum is a least-squares law too, only coarser in b
        }
    }

    static double rss(double[] x, double[] y, SaturatingLaw law) {
        double s = 0;
        for (int i = 0; i < x.length; i++) s += (y[i] - law.value(x[i])) * (y[i] - law.value(x[i]));
        return s;
    }
}
