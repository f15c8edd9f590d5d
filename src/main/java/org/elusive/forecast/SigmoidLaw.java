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
 * The usual aggregate law of a benchmark's accuracy against x = log10(compute):
 * acc(x) = floor + (1 − floor)·σ(k·(x − m)), the floor fixed at chance (a model that knows nothing
 * still guesses), the ceiling at 1, the slope k ≥ 0 and the midpoint m free. Fitted by least squares.
 */
public record SigmoidLaw(double floor, double k, double m) {

    static final double K_MAX = 50;

    public double value(double x) { return floor + (1 - floor) * sigmoid(k * (x - m)); }

    static double sigmoid(double z) { return 1 / (1 + Math.exp(-z)); }

    /**
     * The least-squares law: the best start of a grid (midpoints from the data's range to three decades
     * beyond it, a few slopes), then Commons Math's Levenberg–Marquardt with k kept in [0, {@value #K_MAX}].
     * Accuracies still at chance leave m unidentified beyond the data: the law then stays near the floor,
     * which is what such a family lets anyone predict.
     */
    public static SigmoidLaw fit(double[] x, double[] y, double floor) {
        if (x.length != y.length || x.length < 2) throw new IllegalArgumentException("a sigmoid law needs 2 or more points, got " + x.length);
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (double v : x) { lo = Math.min(lo, v); hi = Math.max(hi, v); }
        double span = Math.max(hi - lo, 1e-3);
        SigmoidLaw best = null;
        double bestRss = Double.POSITIVE_INFINITY;
        for (int i = 0; i <= 40; i++) {
            double m = lo + (span + 3) * i / 40.0;
            for (double k : new double[] {0.25, 0.5, 1, 2, 4, 8, 16}) {
                SigmoidLaw s = new SigmoidLaw(floor, k / span * 2, m);
                double r = rss(x, y, s);
                if (r < bestRss) { bestRss = r; best = s; }
            }
        }
        SigmoidLaw refined = refine(x, y, best);
        return rss(x, y, refined) <= bestRss ? refined : best;
    }

    private static SigmoidLaw refine(double[] x, double[] y, SigmoidLaw start) {
        double f = start.floor();
        MultivariateJacobianFunction model = p -> {
            double k = p.getEntry(0), m = p.getEntry(1);
            RealVector v = new ArrayRealVector(x.length);
            Array2DRowRealMatrix j = new Array2DRowRealMatrix(x.length, 2);
            for (int i = 0; i < x.length; i++) {
                double s = sigmoid(k * (x[i] - m)), ds = (1 - f) * s * (1 - s);
                v.setEntry(i, f + (1 - f) * s);
                j.setEntry(i, 0, ds * (x[i] - m));
                j.setEntry(i, 1, -ds * k);
            }
            return new Pair<>(v, j);
        };
        try {
            LeastSquaresOptimizer.Optimum o = new LevenbergMarquardtOptimizer().optimize(new LeastSquaresBuilder()
                    .model(model).target(y).start(new double[] {start.k(), start.m()})
                    .parameterValidator(p -> {
                        RealVector q = p.copy();
                        q.setEntry(0, Math.max(0, Math.min(K_MAX, q.getEntry(0))));
                        return q;
                    })
                    .maxEvaluations(1000).maxIterations(1000).build());
            return new SigmoidLaw(f, o.getPoint().getEntry(0), o.getPoint().getEntry(1));
        } catch (org.apache.commons.math3.exception.TooManyEvaluationsException e) {
            return start;
        }
    }

    static double rss(double[] x, double[] y, SigmoidLaw law) {
        double s = 0;
        for (int i = 0; i < x.length; i++) s += (y[i] - law.value(x[i])) * (y[i] - law.value(x[i]));
        return s;
    }
}
