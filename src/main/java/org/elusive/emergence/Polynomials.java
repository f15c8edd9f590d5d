package org.elusive.emergence;

import org.apache.commons.math3.stat.regression.OLSMultipleLinearRegression;

/**
 * Ordinary least squares on raw powers of x, as the paper's {@code smf.ols('y ~ x + x2 + ...')}:
 * the design is [1, x, x², …, x^d] without centring or scaling. Commons Math solves it by QR; on the
 * paper's data (x = log10 FLOPs/1e21 in about [-1, 3], d ≤ 7) it agrees with statsmodels' pinv
 * solution to ~1e-10 (EmergenceReproductionTest checks 1e-6 on every prediction).
 */
public final class Polynomials {
    private Polynomials() {}

    /** Coefficients c0 (intercept), c1, …, c_degree of the least-squares polynomial. */
    public static double[] fit(double[] x, double[] y, int degree) {
        if (degree < 1) throw new IllegalArgumentException("degree must be at least 1, got " + degree);
        if (x.length != y.length) throw new IllegalArgumentException("x and y differ in length");
        if (x.length <= degree + 1) {
            throw new IllegalArgumentException("a degree-" + degree + " fit needs more than " + (degree + 1)
                    + " points, got " + x.length);
        }
        double[][] design = new double[x.length][degree];
        for (int i = 0; i < x.length; i++) {
            for (int k = 1; k <= degree; k++) design[i][k - 1] = Math.pow(x[i], k);
        }
        OLSMultipleLinearRegression ols = new OLSMultipleLinearRegression();
        ols.newSampleData(y.clone(), design);
        return ols.estimateRegressionParameters();
    }

    /** c0 + c1·x + … + c_d·x^d, summed term by term in that order (as the design-matrix product). */
    public static double value(double[] c, double x) {
        double sum = c[0];
        for (int k = 1; k < c.length; k++) sum += c[k] * Math.pow(x, k);
        return sum;
    }
}
