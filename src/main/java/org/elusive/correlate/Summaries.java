package org.elusive.correlate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.stat.descriptive.moment.Kurtosis;
import org.apache.commons.math3.stat.descriptive.moment.Skewness;
import org.apache.commons.math3.stat.descriptive.moment.StandardDeviation;
import org.elusive.rows.CorrelationRow;
import org.elusive.rows.CorrelationSummaryRow;

/**
 * The distribution over docs of the per-sample correlations of each (family or set, task, score, method),
 * with the definitions of the Elusive paper's {@code compute_correlations_between_sample_scores_and_compute.py}
 * (docs/design.md §3.4): NaN correlations are counted ({@code n_nan}, {@code frac_nan}) and every statistic
 * is over the others. Where the script would fail (no correlation that is not NaN: scipy.stats.ecdf refuses
 * an empty sample) every statistic is NaN.
 */
public final class Summaries {
    private Summaries() {}

    /** numpy's float64 eps: scipy.stats.skew and kurtosis call a spread m2 <= (eps·mean)² zero (NaN). */
    private static final double EPS = Math.ulp(1.0);

    public static List<CorrelationSummaryRow> of(List<CorrelationRow> rows) {
        List<CorrelationSummaryRow> out = new ArrayList<>();
        for (Map.Entry<List<String>, List<CorrelationRow>> e : Correlations.groups(rows).entrySet()) {
            List<String> k = e.getKey();
            double[] v = e.getValue().stream().mapToDouble(CorrelationRow::correlation).filter(x -> !Double.isNaN(x)).toArray();
            out.add(of(k.get(0), k.get(1), k.get(2), k.get(3), e.getValue().size(), v));
        }
        return out;
    }

    /** The summary of {@code n} docs whose correlations that are not NaN are {@code values}. */
    static CorrelationSummaryRow of(String family, String task, String score, String method, long n, double[] values) {
        double[] x = values.clone();
        Arrays.sort(x);
        int c = x.length;
        long nan = n - c;
        double fracNan = n == 0 ? Double.NaN : (double) nan / n;
        if (c == 0) {
            double z = Double.NaN;
            return new CorrelationSummaryRow(family, task, score, method, n, nan, fracNan,
                    z, z, z, z, z, z, z, z, z, z, z, z, z, z, z, z, z, z, z, z, z);
        }
        Moments m = Moments.of(x);
        double auc = complementaryEcdfAuc(x);
        double w1 = Distances.wasserstein(x, 1), w2 = Distances.wasserstein(x, -1);
        double e1 = Distances.energy(x, 1), e2 = Distances.energy(x, -1);
        double k1 = Distances.ks(x, 1), k2 = Distances.ks(x, -1);
        return new CorrelationSummaryRow(family, task, score, method, n, nan, fracNan,
                m.mean, median(x), Math.sqrt(m.m2), m.m2, m.skew(), m.kurtosis(), auc, Math.max(auc, 2.0 - auc),
                w1, w2, Math.min(w1, w2), e1, e2, Math.min(e1, e2), k1, k2, Math.min(k1, k2),
                c < 2 ? Double.NaN : new StandardDeviation().evaluate(x),
                c < 3 ? Double.NaN : new Skewness().evaluate(x),
                c < 4 ? Double.NaN : new Kurtosis().evaluate(x),
                survivalArea(x));
    }

    /** Central moments with numpy's ddof 0 and scipy.stats' biased skew and excess kurtosis. */
    private record Moments(double mean, double m2, double m3, double m4) {
        static Moments of(double[] x) {
            double sum = 0;
            for (double v : x) sum += v;
            double mean = sum / x.length, s2 = 0, s3 = 0, s4 = 0;
            for (double v : x) {
                double d = v - mean, d2 = d * d;
                s2 += d2;
                s3 += d2 * d;
                s4 += d2 * d2;
            }
            return new Moments(mean, s2 / x.length, s3 / x.length, s4 / x.length);
        }

        /** scipy's test for a spread lost to rounding: NaN rather than a ratio of round-off. */
        boolean zero() { return m2 <= (EPS * mean) * (EPS * mean); }

        double skew() { return zero() ? Double.NaN : m3 / Math.pow(m2, 1.5); }

        double kurtosis() { return zero() ? Double.NaN : m4 / (m2 * m2) - 3; }
    }

    /** numpy.median of a sorted array: the middle value, or the mean of the two middle values. */
    static double median(double[] sorted) {
        int c = sorted.length;
        return c % 2 == 1 ? sorted[c / 2] : (sorted[c / 2 - 1] + sorted[c / 2]) / 2.0;
    }

    /**
     * The paper's AUC: scipy.stats.ecdf's survival function at each distinct correlation (1 - k/n, k the
     * values <= it), padded with (-1, 1) in front and (1, 0) behind, integrated by the trapezoid rule
     * (sklearn.metrics.auc). A straight line between the steps, so not ∫ S(x) dx (that is
     * {@link #survivalArea}).
     */
    static double complementaryEcdfAuc(double[] sorted) {
        int n = sorted.length;
        double area = 0, x = -1.0, y = 1.0;
        for (int i = 0; i < n; ) {
            int j = i;
            while (j < n && sorted[j] == sorted[i]) j++;
            double sf = 1 - (double) j / n;
            area += (sorted[i] - x) * (sf + y) / 2.0;
            x = sorted[i];
            y = sf;
            i = j;
        }
        return area + (1.0 - x) * (0.0 + y) / 2.0;
    }

    /**
     * ∫_{-1}^{1} S(x) dx with S(x) = the fraction of the correlations greater than x: the area under
     * the curve the paper plots. For values in [-1, 1] it equals 1 + their mean. NaN if there are none.
     */
    public static double survivalArea(double[] correlations) {
        if (correlations.length == 0) return Double.NaN;
        double area = 0;
        for (double c : correlations) area += Math.max(-1, Math.min(1, c)) + 1;
        return area / correlations.length;
    }
}
