package org.elusive.forecast;

import org.elusive.transform.Scores;

/**
 * The benchmark scores of one doc from its choices' log-likelihoods, computed exactly as the scores
 * table computes them (transform.Scores: softmax shifted by the max, Brier summed over choices and
 * divided by their number, acc = the first maximal choice is the gold one), so that a predicted
 * doc and an observed one are scored by one definition. ForecastPipelineTest checks the equality.
 */
record DocOutcome(double pCorrect, double brier, boolean acc) {

    static DocOutcome of(double[] ll, int gold) {
        int best = 0;
        for (int i = 1; i < ll.length; i++) if (ll[i] > ll[best]) best = i;
        double[] p = Scores.softmax(ll);
        return new DocOutcome(p[gold], Scores.squaredError(p, gold) / ll.length, best == gold);
    }
}
