package org.elusive.sloth;

import ai.djl.ndarray.types.Shape;

/**
 * One parameter of a batch of Sloth fits, for every replica at once (replica-major). On the
 * host it keeps the value, the two Adam moments and the best snapshot (the parameters at the best
 * training MAE), so that a new batch can be packed from the runs still going whenever some stop.
 */
final class ParameterBlock {
    /** One replica's shape. */
    final long[] shape;
    /** Elements per replica. */
    final int size;
    /** Untrained blocks stay at their initial value (fixed floors, per-benchmark loadings). */
    final boolean trained;
    /** Projected onto ≥ 0 after every step (the monotone link's weights). */
    final boolean nonNegative;
    /** The axis of {@code shape} that runs over benchmarks: in per-benchmark fits, each is its own run. */
    final int benchmarkAxis;
    final double[] value, first, second, best;

    ParameterBlock(double[] initial, boolean trained, boolean nonNegative, int benchmarkAxis, long... shape) {
        this.shape = shape;
        this.trained = trained;
        this.nonNegative = nonNegative;
        this.benchmarkAxis = benchmarkAxis;
        int n = 1;
        for (long s : shape) n *= (int) s;
        this.size = n;
        this.value = initial;
        this.first = new double[initial.length];
        this.second = new double[initial.length];
        this.best = initial.clone();
    }

    /** The unit (the benchmark when {@code units} > 1, else 0) that element {@code e} of a replica belongs to. */
    int unitOf(int e, int units) {
        if (units == 1) return 0;
        int stride = 1;
        for (int a = benchmarkAxis + 1; a < shape.length; a++) stride *= (int) shape[a];
        return (int) ((e / stride) % shape[benchmarkAxis]);
    }

    /** The shape of {@code replicas} replicas stacked. */
    Shape shape(int replicas) {
        long[] s = new long[shape.length + 1];
        s[0] = replicas;
        System.arraycopy(shape, 0, s, 1, shape.length);
        return new Shape(s);
    }

    /** One replica's best snapshot, each element taken from the replica chosen for its unit. */
    double[] bestOf(int[] replicaOfUnit) {
        double[] out = new double[size];
        for (int e = 0; e < size; e++) out[e] = best[replicaOfUnit[unitOf(e, replicaOfUnit.length)] * size + e];
        return out;
    }
}
