package org.elusive.scoring;

import java.util.List;
import org.elusive.rows.ChoiceRow;
import org.elusive.task.Request;

/** All choices of one request, scored: one {@link ChoiceRow} per choice, in choice order. */
public record ScoredDoc(Request request, List<ChoiceRow> choices) {

    public double[] logprobs() {
        return choices.stream().mapToDouble(ChoiceRow::logprob).toArray();
    }

    /** lm-eval's acc: the first maximal log-likelihood is the gold choice (numpy.argmax). */
    public boolean acc() { return argmax(logprobs()) == request.gold(); }

    /** lm-eval's acc_norm: the same on log-likelihood per character of the choice text. */
    public boolean accNorm() {
        double[] ll = logprobs();
        for (int i = 0; i < ll.length; i++) ll[i] /= choices.get(i).nChars();
        return argmax(ll) == request.gold();
    }

    static int argmax(double[] v) {
        int best = 0;
        for (int i = 1; i < v.length; i++) if (v[i] > v[best] || (Double.isNaN(v[i]) && !Double.isNaN(v[best]))) best = i;
        return best;
    }
}
