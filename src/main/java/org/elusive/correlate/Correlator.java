package org.elusive.correlate;

import java.util.Arrays;

/**
 * Pearson, Spearman and Kendall tau-b of one score vector against an {@link Axis}, with scipy's
 * statistics, p-values and NaN conventions. The ranks of y are computed once (one sort) and shared by
 * Spearman and Kendall; Kendall counts discordant pairs with a Fenwick tree (O(n log n)). Not
 * thread-safe: holds scratch buffers, one instance per thread.
 */
final class Correlator {
    private double[] sorted = new double[0];
    private int[] dense = new int[0], runEnd = new int[0], firstPos = new int[0], fenwick = new int[0];

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

    /** Sorts a copy of y; fills per-element dense rank (1-based) and the end of its run of ties. */
    private void rank(double[] y, int n) {
        if (sorted.length < n) {
            sorted = new double[n];
            dense = new int[n];
            runEnd = new int[n];
            firstPos = new int[n];
            fenwick = new int[n + 1];
        }
        System.arraycopy(y, 0, sorted, 0, n);
        Arrays.sort(sorted, 0, n);
        int d = 0;
        for (int s = 0; s < n; ) {
            int e = s + 1;
            while (e < n && sorted[e] == sorted[s]) e++;
            d++;
            for (int i = s; i < e; i++) {
                dense[i] = d;
                runEnd[i] = e;
            }
            s = e;
        }
        for (int i = 0; i < n; i++) firstPos[i] = lowerBound(y[i], n);
    }

    /** First sorted position whose value is not below v (== semantics, so -0.0 ties with 0.0). */
    private int lowerBound(double v, int n) {
        int lo = 0, hi = n;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] < v) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }

    private void spearman(Axis axis, double[] y) {
        int n = axis.n;
        double half = (n + 1) / 2.0, sxy = 0, syy = 0;
        for (int i = 0; i < n; i++) {
            int lo = firstPos[i];
            double rc = (lo + 1 + runEnd[lo]) / 2.0 - half;
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
        // ties in y, from the runs of the sorted copy
        long yTies = 0;
        double y0 = 0, y1 = 0;
        int distinct = 0;
        for (int s = 0; s < n; s = runEnd[s]) {
            long len = runEnd[s] - s;
            distinct++;
            if (len > 1) {
                yTies += len * (len - 1) / 2;
                y0 += len * (len - 1.0) * (len - 2);
                y1 += len * (len - 1.0) * (2 * len + 5);
            }
        }
        if (axis.ties == tot || yTies == tot) return;
        // discordant pairs: across runs of x, y strictly decreasing; joint ties: within runs, equal y
        Arrays.fill(fenwick, 0, distinct + 1, 0);
        long dis = 0, jointTies = 0;
        int inserted = 0;
        for (int r = 0; r < axis.runs; r++) {
            int s = axis.runStart[r], e = axis.runStart[r + 1];
            for (int i = s; i < e; i++) {
                int rank = dense[firstPos[i]];
                int atMost = 0;
                for (int k = rank; k > 0; k -= k & -k) atMost += fenwick[k];
                dis += inserted - atMost;
                for (int j = s; j < i; j++) if (dense[firstPos[j]] == rank) jointTies++;
            }
            for (int i = s; i < e; i++) {
                for (int k = dense[firstPos[i]]; k <= distinct; k += k & -k) fenwick[k]++;
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
            double var = (m * (2 * n + 5) - axis.ties1 - y1) / 18
                    + (2.0 * axis.ties * yTies) / m + axis.ties0 * y0 / (9 * m * (n - 2));
            p = PValues.normalTwoSided(conMinusDis / Math.sqrt(var));
        }
        statistic[Method.KENDALL.ordinal()] = tau;
        pValue[Method.KENDALL.ordinal()] = p;
    }

    private static double clip(double r) {
        return r > 1 ? 1 : r < -1 ? -1 : r;
    }
}
