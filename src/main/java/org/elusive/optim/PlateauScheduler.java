package org.elusive.optim;

/**
 * torch's {@code ReduceLROnPlateau} for one run, as the Sloth paper uses it: mode min, a relative
 * threshold of 1e-4, no cooldown; after more than {@code patience} epochs without improvement the
 * learning rate is multiplied by {@code factor}, unless that would change it by less than 1e-8.
 */
public final class PlateauScheduler {
    private static final double THRESHOLD = 1e-4, MIN_CHANGE = 1e-8;

    private final double factor;
    private final int patience;
    private double learningRate, best = Double.POSITIVE_INFINITY;
    private int badEpochs;

    public PlateauScheduler(double learningRate, double factor, int patience) {
        this.learningRate = learningRate;
        this.factor = factor;
        this.patience = patience;
    }

    public double learningRate() { return learningRate; }

    /** Records one epoch's loss, lowering the learning rate after a plateau. */
    public void observe(double loss) {
        if (loss < best * (1 - THRESHOLD)) {
            best = loss;
            badEpochs = 0;
        } else if (++badEpochs > patience) {
            double lowered = learningRate * factor;
            if (learningRate - lowered > MIN_CHANGE) learningRate = lowered;
            badEpochs = 0;
        }
    }
}
