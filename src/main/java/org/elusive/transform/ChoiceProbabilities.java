package org.elusive.transform;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.elusive.rows.ChoiceRow;

/**
 * Per-choice probabilities of each doc, for the figures that follow every choice's mass with scale (the
 * paper's {@code prob_vocab_choice={i}}, {@code log_likelihood_vocab_choice={i}} and
 * {@code prob_choices_choice={i}}): p_vocab(i) = exp(ll_i) and p_choices(i) = softmax(ll)_i, computed as
 * {@link Scores} computes p_choices_correct (scipy's softmax), so the gold choice's values equal the scores
 * table's. A doc of one continuation has no choice distribution: p_choices is NaN.
 */
public final class ChoiceProbabilities {
    private ChoiceProbabilities() {}

    /** One choice of one doc of one checkpoint. */
    public record ChoiceProbability(Scores.DocKey doc, int choice, boolean gold, double logPVocab, double pVocab,
            double pChoices) {}

    /** Every choice of {@code choices}, docs in order of first appearance, choices by index. */
    public static List<ChoiceProbability> of(List<ChoiceRow> choices) {
        Map<Scores.DocKey, ChoiceRow[]> docs = new LinkedHashMap<>();
        Map<Scores.DocKey, List<ChoiceRow>> rows = new LinkedHashMap<>();
        for (ChoiceRow c : choices) {
            rows.computeIfAbsent(new Scores.DocKey(c.family(), c.model(), c.revision(), c.task(), c.docId()), k -> new ArrayList<>()).add(c);
        }
        List<ChoiceProbability> out = new ArrayList<>();
        rows.forEach((key, list) -> {
            Scores.score(key, list, null);   // the same checks as the scores table: indices 0..K-1, one gold
            ChoiceRow[] byIndex = new ChoiceRow[list.size()];
            for (ChoiceRow c : list) byIndex[c.choice()] = c;
            docs.put(key, byIndex);
        });
        docs.forEach((key, byIndex) -> {
            double max = Double.NEGATIVE_INFINITY, sum = 0;
            for (ChoiceRow c : byIndex) max = Math.max(max, c.logprob());
            double[] e = new double[byIndex.length];
            for (int i = 0; i < e.length; i++) sum += e[i] = Math.exp(byIndex[i].logprob() - max);
            for (int i = 0; i < e.length; i++) {
                ChoiceRow c = byIndex[i];
                out.add(new ChoiceProbability(key, i, c.gold(), c.logprob(), Math.exp(c.logprob()),
                        e.length == 1 ? Double.NaN : e[i] / sum));
            }
        });
        return out;
    }
}
