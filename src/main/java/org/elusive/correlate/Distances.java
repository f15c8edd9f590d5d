package org.elusive.correlate;

/**
 * Distances between the empirical distribution of some correlations and a point mass, as
 * scipy.stats computes them between two samples when the second is constant (the Elusive paper compares
 * the correlations with "every doc perfectly correlated", all 1, and "perfectly anti-correlated", all -1).
 * {@code sorted} must be ascending and without NaN. The second sample's copies of {@code a} add only
 * zero-width intervals to scipy's sums, so one copy gives the same terms.
 */
final class Distances {
    private Distances() {}

    /** scipy.stats.wasserstein_distance(u, [a]*k): Σ |F_u - F_a| Δx over the pooled values. */
    static double wasserstein(double[] sorted, double a) {
        return cdfDistance(sorted, a, false);
    }

    /** scipy.stats.energy_distance(u, [a]*k): √2 · √(Σ (F_u - F_a)² Δx). */
    static double energy(double[] sorted, double a) {
        return Math.sqrt(2) * Math.sqrt(cdfDistance(sorted, a, true));
    }

    /**
     * scipy.stats._cdf_distance without the final root: the pooled values (u and a) sorted, and for each
     * gap between neighbours the CDFs of u and of the point mass at its left end (searchsorted 'right').
     */
    private static double cdfDistance(double[] sorted, double a, boolean squared) {
        int n = sorted.length, ins = 0;
        while (ins < n && sorted[ins] <= a) ins++;   // a goes after the values <= a (mergesort keeps order of equals)
        double sum = 0;
        for (int i = 0; i < n; i++) { // pooled[k] for k = 0..n, pooled minus its last element is what is scanned
            double left = i < ins ? sorted[i] : i == ins ? a : sorted[i - 1];
            double right = i + 1 < ins ? sorted[i + 1] : i + 1 == ins ? a : sorted[i];
            double fu = upperCount(sorted, left) / (double) n, fa = left >= a ? 1 : 0;
            double d = Math.abs(fu - fa);
            sum += (squared ? d * d : d) * (right - left);
        }
        return sum;
    }

    /**
     * The two-sample Kolmogorov–Smirnov statistic of scipy.stats.kstest(u, [a]*k) (ks_2samp): the largest
     * |F_u - F_a| over the pooled values, the negative side clipped to [0, 1] as scipy does.
     */
    static double ks(double[] sorted, double a) {
        int n = sorted.length;
        double max = Double.NEGATIVE_INFINITY, min = Double.POSITIVE_INFINITY;
        for (int k = 0; k <= n; k++) {
            double x = k < n ? sorted[k] : a;
            double diff = upperCount(sorted, x) / (double) n - (x >= a ? 1 : 0);
            max = Math.max(max, diff);
            min = Math.min(min, diff);
        }
        return Math.max(Math.max(0, Math.min(1, -min)), max);
    }

    /** numpy.searchsorted(sorted, x, side='right'): how many values are <= x. */
    static int upperCount(double[] sorted, double x) {
        int lo = 0, hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] <= x) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }
}
