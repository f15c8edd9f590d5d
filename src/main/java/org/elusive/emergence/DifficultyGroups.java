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
     * @param flops      FLOPs (1E21) per checkpoint label from a model metadata table ({@link ModelMetadata#flops}),
     *                   which the threshold then compares instead of the scores' compute; empty for none
     */
    public record Options(double threshold, int groups, boolean byAccuracy, Set<String> exclude, TieOrder order,
                          boolean undist, boolean common, Map<String, Double> flops) {
        public Options(double threshold, int groups, boolean byAccuracy, Set<String> exclude, TieOrder order) {
            this(threshold, groups, byAccuracy, exclude, order, false, false, Map.of());
        }

        public Options(double threshold, int groups, boolean byAccuracy, Set<String> exclude, TieOrder order,
                       boolean undist, boolean common) {
            this(threshold, groups, byAccuracy, exclude, order, undist, common, Map.of());
        }
    }

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
        Columns c = Columns.of(scores, o);
        if (scores.size() == 0) throw new BadInputException(scores.source() + ": no rows");
        List<Checkpoint> cks = readCheckpoints(scores, c, o);
        List<Question> questions = sharedQuestions(scores, cks, o);
        sortInBaseOrder(questions, o.order());
        int nq = questions.size();
        if (o.groups() > nq) {
            throw new BadInputException("--groups " + o.groups() + " exceeds the " + nq + " questions of " + scores.source());
        }
        int metric = o.byAccuracy() ? 1 : 0;
        List<Question> sorted = byDifficulty(questions, judges(scores, cks, o), metric);
        return table(cks, questions, sorted, bounds(nq, o.groups()), o.byAccuracy(), c.san() >= 0);
    }

    /** Column indexes of the scores table; the optional ones are -1 when absent. */
    private record Columns(int model, int compute, int task, int doc, int brier, int acc,
                           int rev, int family, int params, int tokens, int san) {
        static Columns of(Table scores, Options o) {
            int cModel = scores.require("model", "the checkpoint's model id");
            int cCompute = scores.require("compute", "training FLOPs of the checkpoint");
            int cTask = scores.require("task", "the task of the question");
            int cDoc = scores.require("doc_id", "the question's index");
            int cBrier = o.undist() ? scores.require("p_vocab_correct", "probability of the gold choice, for --undist")
                    : scores.require("tc_brier", "TC Brier score of the question");
            int cAcc = scores.require("acc", "accuracy on the question");
            List<String> names = scores.columns();
            return new Columns(cModel, cCompute, cTask, cDoc, cBrier, cAcc, names.indexOf("revision"),
                    names.indexOf("family"), names.indexOf("params"), names.indexOf("tokens"),
                    names.indexOf("p_vocab_choices"));
        }
    }

    /** The checkpoints in the order they first appear, each with its (tc_brier, acc, p_vocab_choices) per question. */
    private static List<Checkpoint> readCheckpoints(Table scores, Columns c, Options o) {
        Map<String, Checkpoint> checkpoints = new LinkedHashMap<>();
        for (int r = 0; r < scores.size(); r++) {
            String model = scores.string(r, c.model());
            String rev = c.rev() < 0 ? "" : scores.string(r, c.rev());
            String label = rev.isEmpty() || rev.equals("main") ? model : model + "@" + rev;
            final int row = r;
            Checkpoint ck = checkpoints.computeIfAbsent(label, k -> new Checkpoint(k, model,
                    c.family() < 0 ? null : scores.string(row, c.family()),
                    c.params() < 0 ? Double.NaN : scores.number(row, c.params()),
                    c.tokens() < 0 ? Double.NaN : scores.number(row, c.tokens()),
                    scores.number(row, c.compute())));
            double doc = scores.number(r, c.doc());
            if (Double.isNaN(doc) || doc != Math.rint(doc)) {
                throw new BadInputException(scores.source() + ": line " + (r + 2) + ", column 'doc_id': expected an integer");
            }
            Question q = new Question(scores.string(r, c.task()), (long) doc);
            double brier = scores.number(r, c.brier());
            if (o.undist()) brier = (brier - 1) * (brier - 1);
            double[] v = {brier, scores.number(r, c.acc()), c.san() < 0 ? Double.NaN : scores.number(r, c.san())};
            if (ck.items.put(q, v) != null) {
                throw new BadInputException(scores.source() + ": line " + (r + 2) + ": checkpoint " + label
                        + " has task " + q.task() + " doc " + q.doc() + " twice");
            }
        }
        return new ArrayList<>(checkpoints.values());
    }

    /**
     * The questions every checkpoint has, in the first checkpoint's order. Without --common-questions a
     * checkpoint that lacks one is an error, as in the paper's scripts; each checkpoint's compute is
     * checked in the same pass so the first bad checkpoint is the one reported.
     */
    private static List<Question> sharedQuestions(Table scores, List<Checkpoint> cks, Options o) {
        Checkpoint ref = cks.get(0);
        List<Question> questions = new ArrayList<>(ref.items.keySet());
        for (Checkpoint ck : cks) {
            if (Double.isNaN(ck.compute) && !o.flops().containsKey(ck.label)) {
                throw new BadInputException(scores.source() + ": checkpoint " + ck.label + " has no 'compute'");
            }
            if (o.common()) {
                questions.removeIf(q -> !ck.items.containsKey(q));
                continue;
            }
            String gap = lacking(ck, ref);
            if (gap == null) gap = lacking(ref, ck);
            if (gap != null) {
                throw new BadInputException(scores.source() + ": checkpoints differ in their questions: " + gap
                        + " (every checkpoint must have every question; --common-questions keeps the shared ones)");
            }
        }
        if (questions.isEmpty()) throw new BadInputException(scores.source() + ": no question is shared by every checkpoint");
        return questions;
    }

    /** The paper's base order, which decides ties in the stable difficulty sort (see the class comment). */
    private static void sortInBaseOrder(List<Question> questions, TieOrder order) {
        boolean multiTask = questions.stream().map(Question::task).distinct().count() > 1;
        boolean concat = order == TieOrder.CONCAT || (order == TieOrder.AUTO && multiTask);
        questions.sort(concat ? Comparator.comparing((Question q) -> q.task() + q.doc())
                : Comparator.comparingLong(Question::doc).thenComparing(Question::task));
    }

    /**
     * The checkpoints that measure difficulty: not excluded and with FLOPs (1E21) not above 10^T. The
     * FLOPs are the metadata's where it names the checkpoint, else the scores' compute / 1e21. A
     * metadata row with no FLOPs counts, as in the paper's grouping scripts, where
     * {@code model_size > uplimit} is False for NaN.
     */
    private static List<Checkpoint> judges(Table scores, List<Checkpoint> cks, Options o) {
        double limit = Math.pow(10, o.threshold());
        List<Checkpoint> judges = new ArrayList<>();
        for (Checkpoint ck : cks) {
            boolean excluded = o.exclude().contains(ck.model) || o.exclude().contains(ck.label);
            double flops = o.flops().getOrDefault(ck.label, ck.compute / 1e21);
            if (!(flops > limit) && !excluded) judges.add(ck);
        }
        if (judges.isEmpty()) {
            throw new BadInputException(scores.source() + ": no checkpoint at or below 10^" + o.threshold()
                    + " x 1e21 FLOPs to measure difficulty with");
        }
        return judges;
    }

    /** The questions sorted by their mean metric over the judges, ascending; ties keep the base order. */
    private static List<Question> byDifficulty(List<Question> questions, List<Checkpoint> judges, int metric) {
        Map<Question, Double> difficulty = new HashMap<>();
        for (Question q : questions) {
            double sum = 0;
            for (Checkpoint ck : judges) sum += ck.items.get(q)[metric];
            difficulty.put(q, sum / judges.size());
        }
        List<Question> sorted = new ArrayList<>(questions);
        sorted.sort(Comparator.comparingDouble(difficulty::get)); // List.sort is stable, as Python's sorted
        return sorted;
    }

    /** Slice bounds floor(linspace(0, nq, groups + 1)), the last exactly nq. */
    private static int[] bounds(int nq, int groups) {
        int[] bounds = new int[groups + 1];
        double step = (double) nq / groups; // numpy.linspace: i * (stop - start) / div, last = stop
        for (int i = 0; i < groups; i++) bounds[i] = (int) Math.floor(i * step);
        bounds[groups] = nq;
        return bounds;
    }

    /** One row per checkpoint: its metadata, the metric (and p_vocab_choices) per slice, then the overall means. */
    private static Table.Builder table(List<Checkpoint> cks, List<Question> questions, List<Question> sorted,
                                       int[] bounds, boolean byAccuracy, boolean san) {
        int groups = bounds.length - 1, nq = questions.size(), metric = byAccuracy ? 1 : 0;
        String suffix = byAccuracy ? "_acc" : "_brier";
        List<String> columns = new ArrayList<>(List.of(GroupColumns.MODEL, "Model Family", "Model Size (B)",
                "Pretraining Data Size (T)", GroupColumns.FLOPS));
        for (int g = 0; g < groups; g++) {
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
            for (int g = 0; g < groups; g++) {
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
