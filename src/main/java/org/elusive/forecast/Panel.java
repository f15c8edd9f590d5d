package org.elusive.forecast;

import java.util.List;

/**
 * One benchmark of one scaling set, as the forecasts need it: the checkpoints in order of compute and,
 * per checkpoint and doc, the observed scores (acc, Brier, p_choices(correct)) and, from a choices
 * table, every choice's log-likelihood. Only docs that every checkpoint has are kept, so every mean
 * is over the same docs.
 *
 * @param logprobs {@code [checkpoint][doc][choice]}, null when the panel was read from a scores table
 * @param acc      {@code [checkpoint][doc]}, 0 or 1; likewise {@code brier} and {@code pCorrect}
 */
public record Panel(String set, String benchmark, List<Checkpoint> checkpoints, long[] docIds, int[] nChoices, int[] gold,
                    double[][][] logprobs, double[][] acc, double[][] brier, double[][] pCorrect) {

    /** One checkpoint; x = log10(compute) is the axis of every law here. */
    public record Checkpoint(String model, String revision, double compute) {
        public String label() { return model + "@" + revision; }
        public double x() { return Math.log10(compute); }
    }

    public boolean hasChoices() { return logprobs != null; }

    /** Every doc has a correct and at least one incorrect choice (not so for a loglikelihood task such as LAMBADA). */
    public boolean multipleChoice() {
        for (int k : nChoices) if (k < 2) return false;
        return true;
    }

    public int docs() { return docIds.length; }

    /** Chance accuracy: the mean over docs of 1 / (number of choices); the floor of the accuracy laws. */
    public double chance() {
        double s = 0;
        for (int d = 0; d < docIds.length; d++) s += 1.0 / nChoices[d];
        return s / docIds.length;
    }

    /** Mean over docs of a {@code [checkpoint][doc]} matrix at one checkpoint. */
    public static double mean(double[][] v, int checkpoint) {
        double s = 0;
        for (double x : v[checkpoint]) s += x;
        return s / v[checkpoint].length;
    }
}
