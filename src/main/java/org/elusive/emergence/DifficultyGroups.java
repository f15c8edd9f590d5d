package org.elusive.emergence;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.elusive.core.BadInputException;

/**
 * Difficulty groups of Wu & Lo 2024 (evaluation/&lt;dataset&gt;_question_grouping{,_acc}.py) from a
 * scores table (docs/design.md §3.2): the difficulty of a question is its mean TC Brier (or mean accuracy)
 * over the checkpoints at or below the threshold compute; questions are sorted by it, ascending, with
 * a stable sort over the paper's base order, and cut into G slices at floor(linspace(0, Nq, G+1)).
 * Each checkpoint gets its mean TC Brier (or accuracy) per slice.
 *
 * <p>Base order, which decides ties: the paper sorts each model's items by the string
 * {@code task + str(doc_id)} where a benchmark has several tasks (MMLU subjects, ARC Easy/Challenge)
 * and by the integer doc_id where it has one; {@link TieOrder#AUTO} does the same. Ascending mean
 * accuracy puts the hardest questions first, as the paper's _acc scripts do.
 */
public final class DifficultyGroups {
    private DifficultyGroups() {}

    public enum TieOrder { AUTO, CONCAT, NUMERIC }

    /**
     * @param threshold  log10 of the compute limit in units of 1e21 FLOPs: checkpoints with more compute
     *                   do not count towards difficulty
     * @param groups     number of slices G
     * @param byAccuracy group by mean accuracy and report accuracy per group ({a}_{b}_acc columns)
     * @param exclude    models (HF id or model@revision) left out of the difficulty, as the paper's removed_models
     * @param undist     TC Brier from the raw probability of the gold choice, (p_vocab_correct − 1)², as the
     *                   paper's _undist files, instead of the renormalised tc_brier (_redist)
     * @param common     keep only the questions every checkpoint has (a sweep in progress) instead of
     *                   failing as the paper's scripts do
     */
    public record Options(double threshold, int groups, boolean byAccuracy, Set<String> exclude, TieOrder order,
                          boolean undist, boolean common) {
        public Options(double threshold, int groups, boolean byAccuracy, Set<String> exclude, TieOrder order) {
            this(threshold, groups, byAccuracy, exclude, order, false, false);
        }
    }

    /** The paper's removed_models of the grouping scripts (its xglm entry never matched and is left out). */
    public static final String PAPER_EXCLUDED_CSV = "microsoft/phi-1_5,microsoft/phi-2,Qwen/Qwen1.5-0.5B,"
            + "Qwen/Qwen1.5-1.8B,Qwen/Qwen1.5-4B,stabilityai/stablelm-2-1_6b";
    public static final List<String> PAPER_EXCLUDED = List.of(PAPER_EXCLUDED_CSV.split(","));

    private record Question(String task, long doc) {}

    private static final class Checkpoint {
        final String label, model, family;
        final double params, tokens, compute;
        final Map<Question, double[]> items = new HashMap<>(); // tc_brier, acc, p_vocab_choices

        Checkpoint(String label, String model, String family, double params, double tokens, double compute) {
            this.label = label; this.model = model; this.family = family;
            this.params = params; this.tokens = tokens; this.compute = compute;
        }
    }

    public static Table.Builder compute(Table scores, Options o) {
        if (o.groups() < 1) throw new BadInputException("--groups: expected a positive number, got " + o.groups());
        int cModel = scores.require("model", "the checkpoint's model id");
        int cCompute = scores.require("compute", "training FLOPs of the checkpoint");
        int cTask = scores.require("task", "the task of the question");
        int cDoc = scores.require("doc_id", "the question's index");
        int cBrier = o.undist() ? scores.require("p_vocab_correct", "probability of the gold choice, for --undist")
                : scores.require("tc_brier", "TC Brier score of the question");
        int cAcc = scores.require("acc", "accuracy on the question");
        int cRev = scores.columns().indexOf("revision");
        int cFamily = scores.columns().indexOf("family");
        int cParams = scores.columns().indexOf("params");
        int cTokens = scores.columns().indexOf("tokens");
        int cSan = scores.columns().indexOf("p_vocab_choices");
        if (scores.size() == 0) throw new BadInputException(scores.source() + ": no rows");

        Map<String, Checkpoint> checkpoints = new LinkedHashMap<>();
        for (int r = 0; r < scores.size(); r++) {
            String model = scores.string(r, cModel);
            String rev = cRev < 0 ? "" : scores.string(r, cRev);
            String label = rev.isEmpty() || rev.equals("main") ? model : model + "@" + rev;
            final int row = r;
            Checkpoint ck = checkpoints.computeIfAbsent(label, k -> new Checkpoint(k, model,
                    cFamily < 0 ? null : scores.string(row, cFamily),
                    cParams < 0 ? Double.NaN : scores.number(row, cParams),
                    cTokens < 0 ? Double.NaN : scores.number(row, cTokens),
                    scores.number(row, cCompute)));
            double doc = scores.number(r, cDoc);
            if (Double.isNaN(doc) || doc != Math.rint(doc)) {
                throw new BadInputException(scores.source() + ": line " + (r + 2) + ", column 'doc_id': expected an integer");
            }
            Question q = new Question(scores.string(r, cTask), (long) doc);
            double brier = scores.number(r, cBrier);
            if (o.undist()) brier = (brier - 1) * (brier - 1);
            double[] v = {brier, scores.number(r, cAcc), cSan < 0 ? Double.NaN : scores.number(r, cSan)};
            if (ck.items.put(q, v) != null) {
                throw new BadInputException(scores.source() + ": line " + (r + 2) + ": checkpoint " + label
                        + " has task " + q.task() + " doc " + q.doc() + " twice");
            }
        }

        List<Checkpoint> cks = new ArrayList<>(checkpoints.values());
        List<Question> questions = new ArrayList<>(cks.get(0).items.keySet());
        for (Checkpoint ck : cks) {
            if (Double.isNaN(ck.compute)) {
                throw new BadInputException(scores.source() + ": checkpoint " + ck.label + " has no 'compute'");
            }
            if (o.common()) {
                questions.removeIf(q -> !ck.items.containsKey(q));
                continue;
            }
            Checkpoint ref = cks.get(0);
            String gap = lacking(ck, ref);
            if (gap == null) gap = lacking(ref, ck);
            if (gap != null) {
                throw new BadInputException(scores.source() + ": checkpoints differ in their questions: " + gap
                        + " (every checkpoint must have every question; --common-questions keeps the shared ones)");
            }
        }
        if (questions.isEmpty()) throw new BadInputException(scores.source() + ": no question is shared by every checkpoint");
        boolean multiTask = questions.stream().map(Question::task).distinct().count() > 1;
        boolean concat = o.order() == TieOrder.CONCAT || (o.order() == TieOrder.AUTO && multiTask);
        questions.sort(concat ? Comparator.comparing((Question q) -> q.task() + q.doc())
                : Comparator.comparingLong(Question::doc).thenComparing(Question::task));
        int nq = questions.size();
        if (o.groups() > nq) {
            throw new BadInputException("--groups " + o.groups() + " exceeds the " + nq + " questions of " + scores.source());
        }

        double limit = Math.pow(10, o.threshold());
        List<Checkpoint> judges = new ArrayList<>();
        for (Checkpoint ck : cks) {
            boolean excluded = o.exclude().contains(ck.model) || o.exclude().contains(ck.label);
            if (!(ck.compute / 1e21 > limit) && !excluded) judges.add(ck);
        }
        if (judges.isEmpty()) {
            throw new BadInputException(scores.source() + ": no checkpoint at or below 10^" + o.threshold()
                    + " x 1e21 FLOPs to measure difficulty with");
        }
        int metric = o.byAccuracy() ? 1 : 0;
        Map<Question, Double> difficulty = new HashMap<>();
        for (Question q : questions) {
            double sum = 0;
            for (Checkpoint ck : judges) sum += ck.items.get(q)[metric];
            difficulty.put(q, sum / judges.size());
        }
        List<Question> sorted = new ArrayList<>(questions);
        sorted.sort(Comparator.comparingDouble(difficulty::get)); // List.sort is stable, as Python's sorted

        int[] bounds = new int[o.groups() + 1];
        double step = (double) nq / o.groups(); // numpy.linspace: i * (stop - start) / div, last = stop
        for (int i = 0; i < o.groups(); i++) bounds[i] = (int) Math.floor(i * step);
        bounds[o.groups()] = nq;

        boolean san = cSan >= 0;
        String suffix = o.byAccuracy() ? "_acc" : "_brier";
        List<String> columns = new ArrayList<>(List.of(GroupColumns.MODEL, "Model Family", "Model Size (B)",
                "Pretraining Data Size (T)", GroupColumns.FLOPS));
        for (int g = 0; g < o.groups(); g++) {
            columns.add(bounds[g] + "_" + bounds[g + 1] + suffix);
            if (san) columns.add(bounds[g] + "_" + bounds[g + 1] + "_san");
        }
        columns.add("acc");
        columns.add("brier");
        if (san) columns.add("san");
        Table.Builder out = new Table.Builder(columns);
        for (Checkpoint ck : cks) {
            List<Object> row = new ArrayList<>(List.of(ck.label, ck.family == null ? "" : ck.family,
                    ck.params / 1e9, ck.tokens / 1e12, ck.compute / 1e21));
            for (int g = 0; g < o.groups(); g++) {
                row.add(mean(ck, sorted, bounds[g], bounds[g + 1], metric));
                if (san) row.add(mean(ck, sorted, bounds[g], bounds[g + 1], 2));
            }
            row.add(mean(ck, questions, 0, nq, 1));
            row.add(mean(ck, questions, 0, nq, 0));
            if (san) row.add(mean(ck, questions, 0, nq, 2));
            out.add(row.toArray());
        }
        return out;
    }

    private static double mean(Checkpoint ck, List<Question> order, int from, int to, int metric) {
        double sum = 0;
        for (int i = from; i < to; i++) sum += ck.items.get(order.get(i))[metric];
        return sum / (to - from);
    }

    /** "X lacks task t doc d" for a question {@code b} has and {@code a} lacks, or null. */
    private static String lacking(Checkpoint a, Checkpoint b) {
        for (Question q : b.items.keySet()) {
            if (!a.items.containsKey(q)) return a.label + " lacks task " + q.task() + " doc " + q.doc();
        }
        return null;
    }
}
