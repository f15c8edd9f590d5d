package org.elusive.transform;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.elusive.core.BadInputException;
import org.elusive.rows.Accuracy;
import org.elusive.rows.ChoiceRow;
import org.elusive.rows.ScoreRow;
import org.elusive.store.Tables;

/**
 * Choices → per-sample scores (docs/design.md §3.2): for each (checkpoint, task, doc) the stages of the
 * Elusive paper, from the log-probability of the correct choice to accuracy. Sums of exponentials
 * are shifted by their maximum (log-sum-exp), so continuations of thousands of nats do not underflow
 * the choice-normalised scores.
 */
public final class Scores {
    private Scores() {}

    /** Identifies one doc of one checkpoint. */
    public record DocKey(String family, String model, String revision, String task, long docId) {
        @Override public String toString() {
            return family + "/" + model + "/" + revision + "/" + task + "/doc " + docId;
        }
    }

    /**
     * Scores of every doc in {@code choices}, in order of first appearance. {@code source} (a file
     * name, may be null) prefixes error messages.
     */
    public static List<ScoreRow> compute(List<ChoiceRow> choices, String source) {
        Map<DocKey, List<ChoiceRow>> docs = new LinkedHashMap<>();
        for (ChoiceRow c : choices) {
            docs.computeIfAbsent(new DocKey(c.family(), c.model(), c.revision(), c.task(), c.docId()),
                    k -> new ArrayList<>(4)).add(c);
        }
        List<ScoreRow> out = new ArrayList<>(docs.size());
        for (Map.Entry<DocKey, List<ChoiceRow>> e : docs.entrySet()) out.add(score(e.getKey(), e.getValue(), source));
        return out;
    }

    public static List<ScoreRow> compute(List<ChoiceRow> choices) { return compute(choices, null); }

    /**
     * The scores of a choices table, the same as {@link #compute} on all its rows. Read once, doc by doc,
     * when each doc's choices are contiguous (as eval, the sweep and import-lm-eval write them), so that
     * memory holds the scores and not the choices (about 4× less); a table whose docs interleave is read
     * again, whole.
     */
    public static List<ScoreRow> fromFile(Path file) {
        String source = file.toString();
        List<ScoreRow> out = new ArrayList<>();
        Set<DocKey> done = new HashSet<>();
        List<ChoiceRow> pending = new ArrayList<>(8);
        DocKey[] current = {null};
        try {
            Tables.forEachChoice(file, false, c -> {
                DocKey key = new DocKey(c.family(), c.model(), c.revision(), c.task(), c.docId());
                if (!key.equals(current[0])) {
                    if (current[0] != null) out.add(scoreStreamed(current[0], pending, source));
                    pending.clear();
                    if (!done.add(key)) throw new Interleaved();
                    current[0] = key;
                }
                pending.add(c);
            });
            if (current[0] != null) out.add(scoreStreamed(current[0], pending, source));
        } catch (Interleaved e) {
            // a doc that looked complete may have been the first part of an interleaved one: decide on the
            // whole table, which also reports a genuinely bad doc exactly as compute does
            List<ChoiceRow> all = new ArrayList<>();
            Tables.forEachChoice(file, false, all::add);
            return compute(all, source);
        }
        return out;
    }

    /** A doc that fails may be the first part of an interleaved one: decided on the whole table. */
    private static ScoreRow scoreStreamed(DocKey key, List<ChoiceRow> rows, String source) {
        try {
            return score(key, rows, source);
        } catch (BadInputException e) {
            throw new Interleaved();
        }
    }

    /** A doc's choices are not contiguous in the file (or a doc looked bad on its own). */
    private static final class Interleaved extends RuntimeException {
        Interleaved() { super(null, null, false, false); }
    }

    /** The scores of one doc from its choices (any order; indices must be 0..K-1, exactly one gold). */
    public static ScoreRow score(DocKey key, List<ChoiceRow> rows, String source) {
        int k = rows.size();
        double[] ll = new double[k];
        int[] chars = new int[k];
        boolean[] seen = new boolean[k];
        int gold = -1, golds = 0;
        boolean greedyGold = false;
        for (ChoiceRow r : rows) {
            int i = r.choice();
            if (i < 0 || i >= k || seen[i]) {
                throw bad(source, key, "choice indices " + choiceIndices(rows) + " (expected 0.." + (k - 1) + ", each once)");
            }
            seen[i] = true;
            ll[i] = r.logprob();
            chars[i] = r.nChars();
            if (r.gold()) {
                golds++;
                gold = i;
                greedyGold = r.greedy();
            }
        }
        if (golds != 1) throw bad(source, key, golds + " gold choices (expected exactly one)");

        double[] p = softmax(ll);
        double brier = squaredError(p, gold);
        double pCorrect = p[gold];
        ChoiceRow first = rows.get(0);
        if (k == 1) return oneContinuation(first, ll[0], greedyGold);
        Accuracy a = Accuracy.of(ll, chars, gold);
        return new ScoreRow(first.family(), first.model(), first.revision(), first.params(), first.tokens(),
                first.compute(), first.task(), first.docId(), k, gold,
                ll[gold], Math.exp(ll[gold]), sumExp(ll, -1), sumExp(ll, gold), pCorrect,
                brier / k, (pCorrect - 1) * (pCorrect - 1),
                a.acc() ? 1 : 0, a.accNorm() ? 1 : 0, greedyGold);
    }

    /**
     * A doc scored as one continuation (LAMBADA and other loglikelihood tasks): lm-eval's {@code acc} is
     * {@code is_greedy}, whether greedy decoding produces the continuation. There are no other choices to
     * normalise over, so p_vocab_incorrect, p_choices_correct, brier, tc_brier and acc_norm are NaN (the
     * paper computes none of them for these tasks), not the trivial 0 and 1 a one-way softmax gives.
     */
    private static ScoreRow oneContinuation(ChoiceRow c, double ll, boolean greedy) {
        double nan = Double.NaN;
        return new ScoreRow(c.family(), c.model(), c.revision(), c.params(), c.tokens(), c.compute(), c.task(), c.docId(),
                1, 0, ll, Math.exp(ll), Math.exp(ll), nan, nan, nan, nan, greedy ? 1 : 0, nan, greedy);
    }

    /** Σ_{i≠skip} exp(x_i) = exp(m)·Σ exp(x_i - m) with m the max, so no term overflows. */
    static double sumExp(double[] x, int skip) {
        double m = max(x, skip);
        if (m == Double.NEGATIVE_INFINITY || Double.isInfinite(m)) return Math.exp(m);
        double s = 0;
        for (int i = 0; i < x.length; i++) if (i != skip) s += Math.exp(x[i] - m);
        return Math.exp(m) * s;
    }

    /**
     * The choices' probabilities as scipy.special.softmax computes them (shift by the max, divide by the
     * sum), so that docs whose log-probs differ by the same amounts get bit-identical scores: ties in
     * Spearman and Kendall depend on it.
     */
    public static double[] softmax(double[] ll) {
        double max = max(ll, -1);
        double[] p = new double[ll.length];
        double sum = 0;
        for (int i = 0; i < ll.length; i++) sum += p[i] = Math.exp(ll[i] - max);
        for (int i = 0; i < ll.length; i++) p[i] /= sum;
        return p;
    }

    /** Σ_i (p_i − [i = gold])², in choice order: the Brier score times the number of choices. */
    public static double squaredError(double[] p, int gold) {
        double sum = 0;
        for (int i = 0; i < p.length; i++) {
            double d = p[i] - (i == gold ? 1 : 0);
            sum += d * d;
        }
        return sum;
    }

    private static double max(double[] x, int skip) {
        double m = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < x.length; i++) if (i != skip && x[i] > m) m = x[i];
        return m;
    }

    private static String choiceIndices(List<ChoiceRow> rows) {
        int[] idx = rows.stream().mapToInt(ChoiceRow::choice).sorted().toArray();
        return Arrays.toString(idx);
    }

    private static BadInputException bad(String source, DocKey key, String what) {
        return new BadInputException((source == null ? "" : source + ": ") + key + ": " + what);
    }
}
