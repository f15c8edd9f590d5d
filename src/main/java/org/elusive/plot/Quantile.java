package org.elusive.plot;

import java.util.Arrays;

/** numpy.nanquantile with its default (linear) interpolation, and pandas.cut's bin of a value. */
final class Quantile {
    private Quantile() {}

    /** The q-quantile of the non-NaN values (NaN if there are none). */
    static double of(double[] values, double q) {
        double[] v = Arrays.stream(values).filter(x -> !Double.isNaN(x)).sorted().toArray();
        if (v.length == 0) return Double.NaN;
        double pos = q * (v.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(lo + 1, v.length - 1);
        return v[lo] + (pos - lo) * (v[hi] - v[lo]);
    }

    /**
     * pandas.cut(include_lowest=True): the bin (edges[k], edges[k+1]] holding x, the first bin closed
     * on the left; -1 outside [edges[0], edges[last]] or for NaN.
     */
    static int bin(double x, double[] edges) {
        if (!(x >= edges[0] && x <= edges[edges.length - 1])) return -1;
        int lo = 1, hi = edges.length - 1;
        while (lo < hi) { // the first edge at or above x, from edges[1]
            int mid = (lo + hi) >>> 1;
            if (edges[mid] >= x) hi = mid;
            else lo = mid + 1;
        }
        return lo - 1;
    }
}
