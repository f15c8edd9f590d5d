package org.elusive.correlate;

import java.util.Arrays;

/**
 * Pearson, Spearman and Kendall tau-b of one score vector against an {@link Axis}, with scipy's
 * statistics, p-values and NaN conventions. The ranks of y are computed once (one sort) and shared by
 * Spearman and Kendall; Kendall counts discordant pairs with a Fenwick tree (O(n log n)). Not
 * thread-safe: holds scratch buffers, one instance per thread.
 */
final class Correlator {
    private static final int RUN = 16;
    private double[] keys = new double[0], keysTmp = new double[0], avgRank = new double[0];
    private int[] perm = new int[0], permTmp = new int[0], dense = new int[0], fenwick = new int[0];
    /** Tie statistics of the last ranked y: distinct values, tied pairs, Σ t(t-1)(t-2), Σ t(t-1)(2t+5). */
    private int distinct;
    private long yTies;
    private double yTies0, yTies1;

    /** Results of the last {@link #correlate} call, indexed by {@link Method#ordinal()}. */
    final double[] statistic = new double[3], pValue = new double[3];

    void correlate(Axis axis, double[] y, boolean pearson, boolean spearman, boolean kendall) {
        Arrays.fill(statistic, Double.NaN);
        Arrays.fill(pValue, Double.NaN);
        int n = axis.n;
        if (n < 2 || axis.constant) return;
        boolean same = true, finite = true;
        for (int i = 0; i < n; i++) {
            double v = y[i];
            if (Double.isNaN(v)) return; // nan_policy='propagate'
            finite &= !Double.isInfinite(v);
            same &= v == y[0];
        }
        if (same) return; // ConstantInputWarning → NaN
        if (pearson && finite) pearson(axis, y);
        if (spearman || kendall) {
            rank(y, n);
            if (spearman) spearman(axis, y);
            if (kendall) kendall(axis);
        }
    }

    private void pearson(Axis axis, double[] y) {
        int n = axis.n;
        double sum = 0;
        for (int i = 0; i < n; i++) sum += y[i];
        double mean = sum / n, sxy = 0, syy = 0;
        for (int i = 0; i < n; i++) {
            double d = y[i] - mean;
            sxy += axis.centered[i] * d;
            syy += d * d;
        }
        double r = clip(sxy / (axis.norm * Math.sqrt(syy)));
        if (n == 2 && !Double.isNaN(r)) r = Math.rint(r);
        statistic[Method.PEARSON.ordinal()] = r;
        pValue[Method.PEARSON.ordinal()] = PValues.pearson(r, n);
    }

    /**
     * Ranks y: a stable merge sort of (value, index) pairs (insertion-sorted runs of 16, then
     * merges), then one pass over the runs of equal values for average ranks, dense ranks and the tie
     * statistics. Equality is ==, so -0.0 ties with 0.0 as in numpy.
     */
    private void rank(double[] y, int n) {
        ensureCapacity(n);
        for (int i = 0; i < n; i++) {
            keys[i] = y[i];
            perm[i] = i;
        }
        insertionSortRuns(n);
        mergeRuns(n);
        rankRunsOfEqualValues(n);
    }

    /** Scratch buffers grow to the largest n seen and are reused: one ranking per (score, axis) pair. */
    private void ensureCapacity(int n) {
        if (keys.length >= n) return;
        keys = new double[n];
        keysTmp = new double[n];
        avgRank = new double[n];
        perm = new int[n];
        permTmp = new int[n];
        dense = new int[n];
        fenwick = new int[n + 1];
    }

    /** Sorts each run of {@link #RUN} keys in place; moves only past strictly greater keys, so stable. */
    private void insertionSortRuns(int n) {
        for (int lo = 0; lo < n; lo += RUN) {
            int hi = Math.min(lo + RUN, n);
            for (int i = lo + 1; i < hi; i++) {
                double k = keys[i];
                int p = perm[i], j = i;
                while (j > lo && keys[j - 1] > k) {
                    keys[j] = keys[j - 1];
                    perm[j] = perm[j - 1];
                    j--;
                }
                keys[j] = k;
                perm[j] = p;
            }
        }
    }

    /**
     * Bottom-up merges of the sorted runs, ping-ponging between the buffers; takes from the right only
     * when strictly smaller, so stable. The sorted result ends in {@link #keys} and {@link #perm}.
     */
    private void mergeRuns(int n) {
        for (int width = RUN; width < n; width *= 2) {
            double[] ka = keys, kb = keysTmp;
            int[] pa = perm, pb = permTmp;
            for (int lo = 0; lo < n; lo += 2 * width) {
                int mid = Math.min(lo + width, n), hi = Math.min(lo + 2 * width, n), i = lo, j = mid, o = lo;
                while (i < mid && j < hi) {
                    if (ka[j] < ka[i]) { kb[o] = ka[j]; pb[o++] = pa[j++]; }
                    else { kb[o] = ka[i]; pb[o++] = pa[i++]; }
                }
                while (i < mid) { kb[o] = ka[i]; pb[o++] = pa[i++]; }
                while (j < hi) { kb[o] = ka[j]; pb[o++] = pa[j++]; }
            }
            keys = kb; keysTmp = ka;
            perm = pb; permTmp = pa;
        }
    }

    /** One pass over the runs of equal sorted keys: average ranks, dense ranks and the tie statistics. */
    private void rankRunsOfEqualValues(int n) {
        int d = 0;
        long ties = 0;
        double t0 = 0, t1 = 0;
        for (int s = 0; s < n; ) {
            int e = s + 1;
            while (e < n && keys[e] == keys[s]) e++;
            d++;
            double avg = (s + 1 + e) / 2.0;
            for (int k = s; k < e; k++) {
                avgRank[perm[k]] = avg;
                dense[perm[k]] = d;
            }
            long len = e - s;
            if (len > 1) {
                ties += len * (len - 1) / 2;
                t0 += len * (len - 1.0) * (len - 2);
                t1 += len * (len - 1.0) * (2 * len + 5);
            }
            s = e;
        }
        distinct = d;
        yTies = ties;
        yTies0 = t0;
        yTies1 = t1;
    }

    private void spearman(Axis axis, double[] y) {
        int n = axis.n;
        double half = (n + 1) / 2.0, sxy = 0, syy = 0;
        for (int i = 0; i < n; i++) {
            double rc = avgRank[i] - half;
            sxy += axis.rankCentered[i] * rc;
            syy += rc * rc;
        }
        // numpy.corrcoef's sequence of operations: the sums are exact, so a perfect rank agreement gives
        // exactly ±1 (and p = 0) as in scipy rather than 1 - 2e-16 (and p = 1e-8 for n = 3).
        double inv = 1.0 / (n - 1);
        double rs = clip(sxy * inv / Math.sqrt(axis.rankSumSquares * inv) / Math.sqrt(syy * inv));
        statistic[Method.SPEARMAN.ordinal()] = rs;
        pValue[Method.SPEARMAN.ordinal()] = PValues.spearman(rs, n);
    }

    private void kendall(Axis axis) {
        int n = axis.n;
        long tot = (long) n * (n - 1) / 2;
        if (axis.ties == tot || yTies == tot) return;
        // discordant pairs: across runs of x, y strictly decreasing; joint ties: within runs, equal y
        Arrays.fill(fenwick, 0, distinct + 1, 0);
        long dis = 0, jointTies = 0;
        int inserted = 0;
        for (int r = 0; r < axis.runs; r++) {
            int s = axis.runStart[r], e = axis.runStart[r + 1];
            for (int i = s; i < e; i++) {
                int rank = dense[i];
                int atMost = 0;
                for (int k = rank; k > 0; k -= k & -k) atMost += fenwick[k];
                dis += inserted - atMost;
                for (int j = s; j < i; j++) if (dense[j] == rank) jointTies++;
            }
            for (int i = s; i < e; i++) {
                for (int k = dense[i]; k <= distinct; k += k & -k) fenwick[k]++;
            }
            inserted += e - s;
        }
        long conMinusDis = tot - axis.ties - yTies + jointTies - 2 * dis;
        double tau = clip(conMinusDis / Math.sqrt(tot - axis.ties) / Math.sqrt(tot - yTies));
        double p;
        if (axis.ties == 0 && yTies == 0 && (n <= 33 || Math.min(dis, tot - dis) <= 1)) {
            p = PValues.kendallExact(n, tot - dis);
        } else {
            double m = n * (n - 1.0);
            double var = (m * (2 * n + 5) - axis.ties1 - yTies1) / 18
                    + (2.0 * axis.ties * yTies) / m + axis.ties0 * yTies0 / (9 * m * (n - 2));
            p = PValues.normalTwoSided(conMinusDis / Math.sqrt(var));
        }
        statistic[Method.KENDALL.ordinal()] = tau;
        pValue[Method.KENDALL.ordinal()] = p;
    }

    private static double clip(double r) {
        return r > 1 ? 1 : r < -1 ? -1 : r;
    }
}
