package org.elusive.sloth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The fused row sums equal their one-at-a-time forms bit for bit, for every group size and row count. */
class RowSumsTest {
    private static double[][] rows(Random rnd, int count, int n) {
        double[][] out = new double[count][n];
        // magnitudes spread over decades, so that any change of summation order shows in the bits
        for (double[] r : out) for (int i = 0; i < n; i++) r[i] = rnd.nextGaussian() * Math.pow(10, rnd.nextInt(9) - 4);
        return out;
    }

    @Test void fusedSumsEqualOneAtATime() {
        Random rnd = new Random(7);
        for (int n : new int[] {1, 3, 4, 7, 134})
            for (int count = 1; count <= 9; count++) {
                double[] a = rows(rnd, 1, n)[0];
                double[][] b = rows(rnd, count, n);
                int stride = 3, at = 2;
                double[] dots = new double[at + count * stride], sums = new double[dots.length], chains = new double[count];
                double[] dotsAlone = new double[dots.length], sumsAlone = new double[dots.length], chainsAlone = new double[count];
                dots[at] = dotsAlone[at] = 0.5; // += onto what is there
                RowSums.dots(a, b, 0, count, n, dots, at, stride);
                RowSums.sums(b, 0, count, n, sums, at, stride);
                RowSums.chains(a, b, count, n, chains);
                for (int c = 0; c < count; c++) {
                    dotsAlone[at + c * stride] += RowSums.dot(a, b[c], n);
                    sumsAlone[at + c * stride] += RowSums.sum(b[c], n);
                    double s = 0;
                    for (int i = 0; i < n; i++) s = Math.fma(a[i], b[c][i], s);
                    chainsAlone[c] = s;
                }
                String at_ = "n " + n + " count " + count;
                assertArrayEquals(dotsAlone, dots, 0, at_);
                assertArrayEquals(sumsAlone, sums, 0, at_);
                assertArrayEquals(chainsAlone, chains, 0, at_);
            }
    }

    @Test void dotKeepsFourInterleavedPartialSums() {
        double[] a = {1e16, 1, -1e16, 1, 1};
        double[] ones = {1, 1, 1, 1, 1};
        // partial sums over rows ≡ 0..3 mod 4, the tail row 4 into the first, combined pairwise
        double s0 = 1e16 + 1, s1 = 1, s2 = -1e16, s3 = 1;
        assertEquals((s0 + s1) + (s2 + s3), RowSums.dot(a, ones, 5), 0);
        // one chain in row order gives another value, so the test pins the order
        assertNotEquals(RowSums.sum(a, 5), RowSums.dot(a, ones, 5));
    }
}
