package org.elusive.rows;

import java.util.List;

/**
 * lm-eval's acc and acc_norm of one doc, the only place they are computed (the scorer's samples and
 * metrics, and the scores table, both read them here). acc: the first maximal log-likelihood is the
 * gold choice; acc_norm: the same on log-likelihood per character of the choice text. The first
 * maximum and the first NaN win, as {@code numpy.argmax} decides.
 */
public record Accuracy(boolean acc, boolean accNorm) {

    /** The accuracies of one doc's choices, {@code choices.get(i)} being choice i. */
    public static Accuracy of(List<ChoiceRow> choices, int gold) {
        double[] ll = new double[choices.size()];
        int[] chars = new int[choices.size()];
        for (int i = 0; i < ll.length; i++) {
            ll[i] = choices.get(i).logprob();
            chars[i] = choices.get(i).nChars();
        }
        return of(ll, chars, gold);
    }

    /** The accuracies from per-choice log-likelihoods and choice lengths in characters, by choice index. */
    public static Accuracy of(double[] logprobs, int[] nChars, int gold) {
        double[] norm = new double[logprobs.length];
        for (int i = 0; i < norm.length; i++) norm[i] = logprobs[i] / nChars[i];
        return new Accuracy(argmax(logprobs) == gold, argmax(norm) == gold);
    }

    /** numpy.argmax: the first maximal index, and the first NaN if there is one. */
    static int argmax(double[] x) {
        int best = 0;
        for (int i = 0; i < x.length; i++) {
            if (Double.isNaN(x[i])) return i;
            if (x[i] > x[best]) best = i;
        }
        return best;
    }
}
