package org.elusive.correlate;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PValuesTest {
    /** Relative 1e-12 with no absolute floor: the tiny exact p-values must be right too. */
    static void assertClose(double expected, double actual, String what) {
        assertTrue(Math.abs(actual - expected) <= 1e-12 * Math.abs(expected), what + ": expected " + expected + " but was " + actual);
    }

    /** scipy.stats._mstats_basic._kendall_p_exact(n, c) from scipy 1.17.1. */
    @Test
    void kendallExactEqualsScipy() {
        double[][] cases = {{20, 50, 0.0029943591168169765}, {33, 200, 0.048519444068073216}, {12, 30, 0.7373055246579552},
                {40, 1, 9.804939513027087e-47}, {150, 0, 3.50055241385203e-263}, {150, 1, 5.250828620778045e-261},
                {3, 2, 1.0}, {10, 22, 1.0}, {171, 0, 0.0}, {200, 1, 0.0}};
        for (double[] c : cases) {
            int n = (int) c[0];
            long concordant = (long) c[1];
            assertClose(c[2], PValues.kendallExact(n, concordant), "n=" + n + " c=" + concordant);
            // the distribution is symmetric: c and its mirror image give the same two-sided p
            assertClose(c[2], PValues.kendallExact(n, (long) n * (n - 1) / 2 - concordant), "mirror n=" + n + " c=" + concordant);
        }
    }
}
