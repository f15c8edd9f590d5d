package org.elusive.forecast;

import java.util.List;
import org.elusive.core.BadInputException;

/**
 * Which checkpoints of a panel the laws are fitted on: those with compute ≤ {@code cutoff}; the others
 * are held out. {@code --holdout-largest K} is the cutoff just below the K largest computes, so
 * checkpoints tied at that compute are held out together (a law cannot tell them apart).
 */
public record Split(double cutoff, boolean[] train) {

    /** Fewer training checkpoints than this leave a three-parameter law underdetermined. */
    public static final int MIN_TRAIN = 3;

    public static Split atCutoff(Panel p, double cutoff) {
        List<Panel.Checkpoint> cks = p.checkpoints();
        boolean[] train = new boolean[cks.size()];
        int n = 0;
        for (int j = 0; j < train.length; j++) if (train[j] = cks.get(j).compute() <= cutoff) n++;
        if (n < MIN_TRAIN) {
            throw new BadInputException(p.set() + "/" + p.benchmark() + ": cutoff compute " + cutoff + " leaves " + n
                    + " checkpoints to fit on (expected at least " + MIN_TRAIN + ")");
        }
        return new Split(cutoff, train);
    }

    /** Holds out the {@code k} checkpoints of largest compute (and any tied with the smallest of them). */
    public static Split holdoutLargest(Panel p, int k) {
        List<Panel.Checkpoint> cks = p.checkpoints(); // ascending compute
        if (k < 1 || k > cks.size() - MIN_TRAIN) {
            throw new BadInputException("--holdout-largest " + k + ": " + p.set() + "/" + p.benchmark() + " has " + cks.size()
                    + " checkpoints (expected 1 to " + (cks.size() - MIN_TRAIN) + ", leaving " + MIN_TRAIN + " to fit on)");
        }
        double smallestHeldOut = cks.get(cks.size() - k).compute();
        double cutoff = Double.NEGATIVE_INFINITY;
        for (Panel.Checkpoint c : cks) if (c.compute() < smallestHeldOut) cutoff = c.compute();
        return atCutoff(p, cutoff);
    }

    public int[] trainIndices() { return indices(true); }

    public int[] testIndices() { return indices(false); }

    private int[] indices(boolean which) {
        return java.util.stream.IntStream.range(0, train.length).filter(j -> train[j] == which).toArray();
    }

    /** The training checkpoint of largest compute: where the last observed values come from. */
    public int lastTrain() {
        int[] t = trainIndices();
        return t[t.length - 1];
    }

    /** log10 of the cutoff as the laws' anchor x0: the largest training compute, where extrapolation starts. */
    public double x0(Panel p) { return p.checkpoints().get(lastTrain()).x(); }
}
