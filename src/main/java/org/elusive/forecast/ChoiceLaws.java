package org.elusive.forecast;

import java.util.ArrayList;
import java.util.List;

/**
 * The methods that fit laws per doc on the choices' log-likelihoods (a choices table is needed), each
 * fitted as {@link PooledLaws} over the benchmark's docs, anchored at the largest training compute:
 *
 * <ul>
 * <li>{@code correct_only}: a law for log p_vocab(correct); the incorrect choices frozen at their values
 *     at the last training checkpoint; then the scores table's transformations (softmax over the
 *     choices, Brier, argmax);
 * <li>{@code per_choice}: the Elusive paper's conjecture, a law for every choice, the correct ones
 *     pooled together and the incorrect ones together (they move in opposite directions); renormalised
 *     over the choices; accuracy by argmax, and {@code per_choice_expected} the same laws with accuracy
 *     as its expectation, the mean predicted p_choices(correct);
 * <li>{@code margin}: a law for the margin log p(correct) − max log p(incorrect), the one number that
 *     decides acc; accuracy = the share of docs whose predicted margin is positive.
 * </ul>
 * A predicted log-likelihood is capped at 0 (a probability is at most 1).
 */
final class ChoiceLaws {
    static final String CORRECT_ONLY = "correct_only", PER_CHOICE = "per_choice",
            PER_CHOICE_EXPECTED = "per_choice_expected", MARGIN = "margin";

    private ChoiceLaws() {}

    static List<Forecast> correctOnly(Panel p, Split s, double[] xs) {
        int[] train = s.trainIndices();
        double[] x = trainX(p, train);
        PooledLaws law = PooledLaws.fit(correctSeries(p, train), x, s.x0(p));
        double[][] frozen = p.logprobs()[s.lastTrain()];
        Forecast f = Forecast.empty(CORRECT_ONLY, xs.length);
        for (int i = 0; i < xs.length; i++) {
            Means m = new Means();
            for (int d = 0; d < p.docs(); d++) {
                double[] ll = frozen[d].clone();
                ll[p.gold()[d]] = Math.min(0, law.value(d, xs[i]));
                m.add(DocOutcome.of(ll, p.gold()[d]));
            }
            m.into(f, i, false);
        }
        return List.of(f);
    }

    static List<Forecast> perChoice(Panel p, Split s, double[] xs) {
        int[] train = s.trainIndices();
        double[] x = trainX(p, train);
        double x0 = s.x0(p);
        PooledLaws correct = PooledLaws.fit(correctSeries(p, train), x, x0);
        List<double[]> incorrect = new ArrayList<>();
        for (int d = 0; d < p.docs(); d++) {
            for (int c = 0; c < p.nChoices()[d]; c++) {
                if (c == p.gold()[d]) continue;
                double[] y = new double[train.length];
                for (int t = 0; t < train.length; t++) y[t] = p.logprobs()[train[t]][d][c];
                incorrect.add(y);
            }
        }
        PooledLaws wrong = PooledLaws.fit(incorrect.toArray(double[][]::new), x, x0);
        Forecast argmax = Forecast.empty(PER_CHOICE, xs.length), expected = Forecast.empty(PER_CHOICE_EXPECTED, xs.length);
        for (int i = 0; i < xs.length; i++) {
            Means m = new Means();
            int series = 0; // the incorrect series in the order they were added: doc, then choice
            for (int d = 0; d < p.docs(); d++) {
                double[] ll = new double[p.nChoices()[d]];
                for (int c = 0; c < ll.length; c++) {
                    ll[c] = Math.min(0, c == p.gold()[d] ? correct.value(d, xs[i]) : wrong.value(series++, xs[i]));
                }
                m.add(DocOutcome.of(ll, p.gold()[d]));
            }
            m.into(argmax, i, false);
            m.into(expected, i, true);
        }
        return List.of(argmax, expected);
    }

    static List<Forecast> margin(Panel p, Split s, double[] xs) {
        int[] train = s.trainIndices();
        double[][] y = new double[p.docs()][train.length];
        for (int d = 0; d < p.docs(); d++) {
            for (int t = 0; t < train.length; t++) y[d][t] = margin(p.logprobs()[train[t]][d], p.gold()[d]);
        }
        PooledLaws law = PooledLaws.fit(y, trainX(p, train), s.x0(p));
        Forecast f = Forecast.empty(MARGIN, xs.length);
        for (int i = 0; i < xs.length; i++) {
            int right = 0;
            for (int d = 0; d < p.docs(); d++) if (law.value(d, xs[i]) > 0) right++;
            f.acc()[i] = (double) right / p.docs();
        }
        return List.of(f);
    }

    /** log p(gold) − the largest log p of another choice: positive exactly when the gold choice wins alone. */
    static double margin(double[] ll, int gold) {
        double best = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < ll.length; c++) if (c != gold) best = Math.max(best, ll[c]);
        return ll[gold] - best;
    }

    private static double[][] correctSeries(Panel p, int[] train) {
        double[][] y = new double[p.docs()][train.length];
        for (int d = 0; d < p.docs(); d++) {
            for (int t = 0; t < train.length; t++) y[d][t] = p.logprobs()[train[t]][d][p.gold()[d]];
        }
        return y;
    }

    private static double[] trainX(Panel p, int[] train) {
        double[] x = new double[train.length];
        for (int t = 0; t < train.length; t++) x[t] = p.checkpoints().get(train[t]).x();
        return x;
    }

    /** Running means of the predicted docs' scores at one compute. */
    private static final class Means {
        double acc, brier, p;
        int n;

        void add(DocOutcome o) {
            acc += o.acc() ? 1 : 0;
            brier += o.brier();
            p += o.pCorrect();
            n++;
        }

        /** Writes the means into forecast slot i; {@code expected}: accuracy as the mean p_choices(correct). */
        void into(Forecast f, int i, boolean expected) {
            f.acc()[i] = (expected ? p : acc) / n;
            f.brier()[i] = brier / n;
            f.pCorrect()[i] = p / n;
        }
    }
}
