package org.elusive.correlate;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.stat.descriptive.moment.Kurtosis;
import org.apache.commons.math3.stat.descriptive.moment.Mean;
import org.apache.commons.math3.stat.descriptive.moment.Skewness;
import org.apache.commons.math3.stat.descriptive.moment.StandardDeviation;
import org.apache.commons.math3.stat.descriptive.rank.Median;
import org.elusive.rows.CorrelationRow;
import org.elusive.rows.CorrelationSummaryRow;

/**
 * The distribution over docs of the per-sample correlations of each (family, task, score, method),
 * with pandas' conventions: std with ddof = 1, skew = adjusted Fisher–Pearson G1, kurtosis = excess
 * G2 (bias-corrected), NaN below 2, 3 and 4 values respectively; NaN correlations are counted in
 * {@code n_nan} and left out of the statistics.
 */
public final class Summaries {
    private Summaries() {}

    public static List<CorrelationSummaryRow> of(List<CorrelationRow> rows) {
        List<CorrelationSummaryRow> out = new ArrayList<>();
        for (Map.Entry<List<String>, List<CorrelationRow>> e : Correlations.groups(rows).entrySet()) {
            List<String> k = e.getKey();
            double[] v = e.getValue().stream().mapToDouble(CorrelationRow::correlation).filter(x -> !Double.isNaN(x)).toArray();
            long n = e.getValue().size();
            int c = v.length;
            out.add(new CorrelationSummaryRow(k.get(0), k.get(1), k.get(2), k.get(3), n, n - c,
                    c == 0 ? Double.NaN : new Mean().evaluate(v),
                    c == 0 ? Double.NaN : new Median().evaluate(v),
                    c < 2 ? Double.NaN : new StandardDeviation().evaluate(v),
                    c < 3 ? Double.NaN : new Skewness().evaluate(v),
                    c < 4 ? Double.NaN : new Kurtosis().evaluate(v),
                    survivalArea(v)));
        }
        return out;
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
