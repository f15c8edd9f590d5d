package org.elusive.optim;

/**
 * Early stopping as the Sloth paper's {@code fitFR}: a value counts as an improvement when it beats
 * the best so far by more than {@code tolerance}; after {@code patience} epochs in a row without
 * one, the run stops.
 */
public final class EarlyStopping {
    private final int patience;
    private final double tolerance;
    private double best = Double.POSITIVE_INFINITY;
    private int epochsWithout;
    private boolean stopped;

    public EarlyStopping(int patience, double tolerance) {
        this.patience = patience;
        this.tolerance = tolerance;
    }

    /** Records one epoch's value; true when it is the new best (the caller snapshots its parameters then). */
    public boolean observe(double value) {
        if (best > value + tolerance) {
            best = value;
            epochsWithout = 0;
            return true;
        }
        if (++epochsWithout >= patience) stopped = true;
        return false;
    }

    public double best() { return best; }

    public boolean stopped() { return stopped; }
}
