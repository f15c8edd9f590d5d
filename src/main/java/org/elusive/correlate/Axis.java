package org.elusive.correlate;

/**
 * The compute axis of one correlation: log10(compute) of the checkpoints that have a doc, in
 * non-decreasing order, with everything about it that does not depend on the score computed once
 * (a family's docs usually share one axis).
 */
final class Axis {
    final int n;
    final boolean constant;
    /** x minus its mean, and the Euclidean norm of that. */
    final double[] centered;
    final double norm;
    /** Average ranks (1-based) minus (n+1)/2, and the sum of squares of that (exact: quarter-integers). */
    final double[] rankCentered;
    final double rankSumSquares;
    /** Runs of equal x: run r is [runStart[r], runStart[r+1]). */
    final int[] runStart;
    final int runs;
    /** scipy's count_rank_tie of x: tied pairs, Σ t(t-1)(t-2), Σ t(t-1)(2t+5). */
    final long ties;
    final double ties0, ties1;

    Axis(double[] x, int n) {
        this.n = n;
        boolean same = true;
        double sum = 0;
        for (int i = 0; i < n; i++) {
            if (i > 0 && x[i] < x[i - 1]) throw new IllegalArgumentException("axis not sorted");
            same &= x[i] == x[0];
            sum += x[i];
        }
        constant = same;
        double mean = sum / n;
        centered = new double[n];
        double ss = 0;
        for (int i = 0; i < n; i++) {
            centered[i] = x[i] - mean;
            ss += centered[i] * centered[i];
        }
        norm = Math.sqrt(ss);

        runStart = new int[n + 1];
        rankCentered = new double[n];
        int r = 0;
        long t = 0;
        double t0 = 0, t1 = 0, rss = 0;
        for (int s = 0; s < n; ) {
            int e = s + 1;
            while (e < n && x[e] == x[s]) e++;
            runStart[r++] = s;
            double avg = (s + 1 + e) / 2.0 - (n + 1) / 2.0;
            for (int i = s; i < e; i++) {
                rankCentered[i] = avg;
                rss += avg * avg;
            }
            long len = e - s;
            if (len > 1) {
                t += len * (len - 1) / 2;
                t0 += len * (len - 1.0) * (len - 2);
                t1 += len * (len - 1.0) * (2 * len + 5);
            }
            s = e;
        }
        runStart[r] = n;
        runs = r;
        rankSumSquares = rss;
        ties = t;
        ties0 = t0;
        ties1 = t1;
    }
}
