package org.elusive.forecast;

/**
 * The benchmark scores of one doc from its choices' log-likelihoods, computed exactly as the scores
 * table computes them (transform.Scores: softmax shifted by the max, Brier summed over choices and
 * divided by their number, acc = the first maximal choice is the gold one), so that a predicted
 * doc and an observed one are scored by one definition. ForecastPipelineTest checks the equality.
 */
record DocOutcome(double pCorrect, double brier, boolean acc) {

    static DocOutcome of(double[] ll, int gold) {
        int k = ll.length, best = 0;
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < k; i++) {
            if (ll[i] > max) max = ll[i];
            if (ll[i] > ll[best]) best = i;
        }
        double[] p = new double[k];
        double sum = 0;
        for (int i = 0; i < k; i++) sum += p[i] = Math.exp(ll[i] - max);
        double brier = 0;
        for (int i = 0; i < k; i++) {
            p[i] /= sum;
            double d = p[i] - (i == gold ? 1 : 0);
            brier += d * d;
        }
        return new DocOutcome(p[gold], brier / k, best == gold);
    }
}
