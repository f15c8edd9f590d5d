package org.elusive.rows;

import java.util.Arrays;

/**
 * The float32 sum of a vector in the order torch's CPU sum kernel adds it ({@code cascade_sum} in
 * aten/src/ATen/native/cpu/SumKernel.cpp). This is lm-eval's log-likelihood of a continuation: HFLM
 * returns {@code float(logits.gather(...).sum())} of its float32 token log-probs. Float addition is
 * not associative, so only this order gives lm-eval's value to the last bit, and only that value
 * breaks (near-)ties between choices as lm-eval's acc does.
 *
 * <p>The order: a vector of at least {@link #LANES} floats is read as blocks of 8 lanes; block i goes
 * to accumulator i mod 4 (the kernel's instruction-level parallelism), every 16 rounds of blocks are
 * cascaded into higher accumulators; then the four accumulators are added in order, the tail floats
 * are added to a scalar, and the 8 lanes after them. A shorter vector goes through the same cascade
 * one float at a time. The width is 8 on every CPU lm-eval runs on: the sum kernel is compiled for
 * AVX2 (AVX-512 CPUs run that one), and the portable and NEON {@code Vectorized<float>} hold 8 floats
 * too. Checked bit for bit against torch 2.13 on random vectors by {@code TorchSumTest}
 * (scripts/reference/make_lm_eval_output.py).
 */
public final class TorchSum {
    /** Floats in torch's {@code Vectorized<float>} (32 bytes). */
    static final int LANES = 8;
    /** Accumulators interleaved by {@code row_sum}. */
    private static final int ILP = 4;
    /** Cascade levels of {@code multi_row_sum}. */
    private static final int LEVELS = 4;

    private TorchSum() {}

    public static float of(float[] x) {
        int n = x.length;
        if (n < LANES) return rowSum(x, 1, n)[0];
        int blocks = n / LANES;
        float[] lanes = rowSum(x, LANES, blocks);
        float sum = 0f;
        for (int k = blocks * LANES; k < n; k++) sum += x[k];
        for (float lane : lanes) sum += lane;
        return sum;
    }

    /** {@code row_sum}: {@code size} blocks of {@code width} floats, summed lane by lane. */
    private static float[] rowSum(float[] x, int width, int size) {
        int rows = size / ILP;
        float[][] partial = multiRowSum(x, width, rows);
        for (int i = rows * ILP; i < size; i++) addBlock(partial[0], x, i * width);
        for (int k = 1; k < ILP; k++) add(partial[0], partial[k]);
        return partial[0];
    }

    /** {@code multi_row_sum}: row i holds blocks 4i..4i+3; a cascade of accumulators over the rows. */
    private static float[][] multiRowSum(float[] x, int width, int size) {
        int levelPower = Math.max(4, ceilLog2(size) / LEVELS);
        int levelStep = 1 << levelPower;
        long levelMask = levelStep - 1;
        float[][][] acc = new float[LEVELS][ILP][width];
        int i = 0;
        while (i + levelStep <= size) {
            for (int j = 0; j < levelStep; j++, i++) addRow(acc[0], x, width, i);
            for (int j = 1; j < LEVELS; j++) {
                for (int k = 0; k < ILP; k++) {
                    add(acc[j][k], acc[j - 1][k]);
                    Arrays.fill(acc[j - 1][k], 0f);
                }
                if ((i & (levelMask << (j * levelPower))) != 0) break;
            }
        }
        for (; i < size; i++) addRow(acc[0], x, width, i);
        for (int j = 1; j < LEVELS; j++) {
            for (int k = 0; k < ILP; k++) add(acc[0][k], acc[j][k]);
        }
        return acc[0];
    }

    private static void addRow(float[][] acc, float[] x, int width, int row) {
        for (int k = 0; k < ILP; k++) addBlock(acc[k], x, (row * ILP + k) * width);
    }

    private static void addBlock(float[] acc, float[] x, int from) {
        for (int l = 0; l < acc.length; l++) acc[l] += x[from + l];
    }

    private static void add(float[] acc, float[] y) {
        for (int l = 0; l < acc.length; l++) acc[l] += y[l];
    }

    /** c10's {@code CeilLog2}: 1 for sizes up to 2. */
    private static int ceilLog2(int x) {
        return x <= 2 ? 1 : 32 - Integer.numberOfLeadingZeros(x - 1);
    }
}
