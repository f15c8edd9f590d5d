package org.elusive.sloth;

import java.util.List;
import java.util.Map;

/**
 * The host side of a batch's flat vector: the trained blocks of the batch's replicas laid end to end
 * (block by block, replicas within a block), with their Adam moments and best snapshots, which run each
 * element belongs to, and which elements are kept non-negative.
 */
final class FlatVector {
    final double[] value, first, second, best;
    final float[] nonNegative;
    /** The batch-local run (replica index in the batch × units + unit) of each element. */
    final long[] runOfElement;
    private final int[] replicas;

    /** Packs {@code replicas}' trained blocks, recording each block's offset in {@code offsets}. */
    FlatVector(List<ParameterBlock> blocks, int[] replicas, int units, Map<ParameterBlock, Integer> offsets) {
        this.replicas = replicas;
        int total = 0;
        for (ParameterBlock b : blocks) {
            if (!b.trained) continue;
            offsets.put(b, total);
            total += replicas.length * b.size;
        }
        value = new double[total];
        first = new double[total];
        second = new double[total];
        best = new double[total];
        nonNegative = new float[total];
        runOfElement = new long[total];
        for (ParameterBlock b : blocks) if (b.trained) pack(b, offsets.get(b), units);
    }

    private void pack(ParameterBlock b, int offset, int units) {
        for (int i = 0; i < replicas.length; i++) {
            int src = replicas[i] * b.size, dst = offset + i * b.size;
            System.arraycopy(b.value, src, value, dst, b.size);
            System.arraycopy(b.first, src, first, dst, b.size);
            System.arraycopy(b.second, src, second, dst, b.size);
            System.arraycopy(b.best, src, best, dst, b.size);
            for (int e = 0; e < b.size; e++) {
                runOfElement[dst + e] = (long) i * units + b.unitOf(e, units);
                if (b.nonNegative) nonNegative[dst + e] = 1;
            }
        }
    }

    /** An untrained block's values for the batch's replicas. */
    double[] constant(ParameterBlock b) {
        double[] out = new double[replicas.length * b.size];
        for (int i = 0; i < replicas.length; i++) System.arraycopy(b.value, replicas[i] * b.size, out, i * b.size, b.size);
        return out;
    }

    /** Copies a trained batch back into its blocks. */
    static void unpack(List<ParameterBlock> blocks, int[] replicas, Map<ParameterBlock, Integer> offsets,
                       double[] value, double[] first, double[] second, double[] best) {
        for (ParameterBlock b : blocks) {
            if (!b.trained) continue;
            for (int i = 0; i < replicas.length; i++) {
                int src = offsets.get(b) + i * b.size, dst = replicas[i] * b.size;
                System.arraycopy(value, src, b.value, dst, b.size);
                System.arraycopy(first, src, b.first, dst, b.size);
                System.arraycopy(second, src, b.second, dst, b.size);
                System.arraycopy(best, src, b.best, dst, b.size);
            }
        }
    }
}
