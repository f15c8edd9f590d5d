package org.elusive.correlate;

import java.util.concurrent.ConcurrentHashMap;
import org.apache.commons.statistics.distribution.BetaDistribution;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.apache.commons.statistics.distribution.TDistribution;

/**
 * Two-sided p-values exactly as scipy.stats (1.17) computes them; the distributions are
 * commons-statistics', the arguments and special cases are scipy's.
 */
final class PValues {
    private PValues() {}

    private static final NormalDistribution NORMAL = NormalDistribution.of(0, 1);
    private static final ConcurrentHashMap<Integer, BetaDistribution> BETA = new ConcurrentHashMap<>();
    private static final ConcurrentHashMap<Integer, TDistribution> T = new ConcurrentHashMap<>();
    private static final ConcurrentHashMap<Long, Double> KENDALL_EXACT = new ConcurrentHashMap<>();

    /** pearsonr: r ~ Beta(n/2-1, n/2-1) on (-1, 1); p = 2·betaincc(a, a, (|r|+1)/2); 1 when n = 2. */
    static double pearson(double r, int n) {
        if (Double.isNaN(r)) return Double.NaN;
        if (n == 2) return 1.0;
        BetaDistribution beta = BETA.computeIfAbsent(n, k -> BetaDistribution.of(k / 2.0 - 1, k / 2.0 - 1));
        return 2 * beta.survivalProbability((Math.abs(r) + 1) / 2);
    }

    /** spearmanr: t = rs·sqrt(dof / ((rs+1)(1-rs))), dof = n-2, p = 2·sf_t(|t|); NaN when dof = 0. */
    static double spearman(double rs, int n) {
        int dof = n - 2;
        if (Double.isNaN(rs) || dof <= 0) return Double.NaN;
        double q = dof / ((rs + 1.0) * (1.0 - rs));
        double t = rs * Math.sqrt(q < 0 ? 0 : q);
        return 2 * T.computeIfAbsent(dof, TDistribution::of).survivalProbability(Math.abs(t));
    }

    /** kendalltau's normal approximation: p = 2·Φ(-|z|). */
    static double normalTwoSided(double z) {
        return Double.isNaN(z) ? Double.NaN : 2 * NORMAL.survivalProbability(Math.abs(z));
    }

    /**
     * scipy.stats._mstats_basic._kendall_p_exact(n, c, 'two-sided'): the exact null distribution of
     * the number of concordant pairs c among n untied observations (Kendall 1970), by recursion on n.
     */
    static double kendallExact(int n, long concordant) {
        long half = (long) n * (n - 1) / 2;
        long c = Math.min(concordant, half - concordant);
        return KENDALL_EXACT.computeIfAbsent(((long) n << 32) | c, k -> kendallExactUncached(n, (int) c));
    }

    private static double kendallExactUncached(int n, int c) {
        double prob;
        if (n <= 2) prob = 1.0;
        else if (c == 0) prob = n < 171 ? 2.0 / factorial(n) : 0.0;
        else if (c == 1) prob = n < 172 ? 2.0 / factorial(n - 1) : 0.0;
        else if (4L * c == (long) n * (n - 1)) prob = 1.0;
        else {
            // new[k] = number (n < 171) or fraction of permutations of j elements with k inversions, k ≤ c
            double[] counts = new double[c + 1];
            counts[0] = 1;
            counts[1] = 1;
            for (int j = 3; j <= n; j++) {
                for (int k = 1; k <= c; k++) counts[k] += counts[k - 1];
                if (n >= 171) for (int k = 0; k <= c; k++) counts[k] /= j;
                if (j <= c) for (int k = c; k >= j; k--) counts[k] -= counts[k - j];
            }
            double sum = 0;
            for (double v : counts) sum += v;
            prob = n < 171 ? 2.0 * sum / factorial(n) : sum;
        }
        return Math.max(0, Math.min(1, prob));
    }

    private static double factorial(int n) {
        double f = 1;
        for (int i = 2; i <= n; i++) f *= i;
        return f;
    }
}
