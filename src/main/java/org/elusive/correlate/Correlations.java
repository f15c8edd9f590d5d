package org.elusive.correlate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import org.elusive.rows.CorrelationRow;
import org.elusive.rows.ScoreRow;
import org.elusive.store.GroupCache;
import org.elusive.store.ScoreGroups;
import org.elusive.transform.Score;

/**
 * Per-sample correlations of scores with log10(compute) across a family's checkpoints (docs/design.md §3.3),
 * the analysis behind the Elusive paper's figures: for each (family, task, doc, score, method) one
 * correlation and its scipy p-value. Docs are processed in parallel.
 */
public final class Correlations {
    private Correlations() {}

    /** All correlations of {@code rows}, ordered by family, task, doc, score, method. */
    public static List<CorrelationRow> compute(List<ScoreRow> rows, List<Method> methods, List<Score> scores) {
        List<CorrelationRow> out = new ArrayList<>();
        for (ScoreMatrix m : ScoreMatrix.of(rows, scores)) out.addAll(compute(m, methods));
        return out;
    }

    /**
     * The same rows from a scores table on disk, one (family, task) at a time: the heap holds one group's
     * matrices and the correlations, not the table's rows.
     */
    public static List<CorrelationRow> compute(ScoreGroups table, List<Method> methods, List<Score> scores) {
        List<CorrelationRow> out = new ArrayList<>();
        for (ScoreGroups.Group g : table.groups()) out.addAll(compute(ScoreMatrix.of(table, g, scores), methods));
        return out;
    }

    public static List<CorrelationRow> compute(List<ScoreRow> rows) {
        return compute(rows, Method.ALL, Score.DEFAULTS);
    }

    /** The correlations of each slice (a scaling set's or a family's task) of in-memory rows, in slice order. */
    public static List<CorrelationRow> compute(List<ScoreRow> rows, List<Slice> slices, List<Method> methods,
            List<Score> scores, boolean dropMissing) {
        List<CorrelationRow> out = new ArrayList<>();
        for (Slice s : slices) out.addAll(compute(ScoreMatrix.of(rows, s, scores), methods, dropMissing));
        return out;
    }

    /** The same from a scores table on disk, one slice in memory at a time. */
    public static List<CorrelationRow> compute(ScoreGroups table, List<Slice> slices, List<Method> methods,
            List<Score> scores, boolean dropMissing) {
        return compute(table, slices, methods, scores, dropMissing, GroupCache.NONE).rows();
    }

    /** The rows, and how many slices were correlated and how many were found in the cache. */
    public record Incremental(List<CorrelationRow> rows, int computed, int reused) {}

    /**
     * As {@link #compute(ScoreGroups, List, List, List, boolean)}, reusing the rows of every slice whose inputs
     * are unchanged since they were stored in {@code cache} (and storing the others): a sweep's table update
     * then correlates only the slices its new units touched. Entries no lookup asked for are dropped.
     */
    public static Incremental compute(ScoreGroups table, List<Slice> slices, List<Method> methods, List<Score> scores,
            boolean dropMissing, GroupCache cache) {
        List<CorrelationRow> out = new ArrayList<>();
        Map<ScoreGroups.Group, java.util.SortedMap<String, String>> fingerprints = cache == GroupCache.NONE ? null
                : table.fingerprints(scores.stream().map(Score::sourceColumn).distinct().toList());
        int computed = 0, reused = 0;
        for (Slice s : slices) {
            String digest = fingerprints == null ? null : GroupDigest.of(s, fingerprints, methods, scores, dropMissing);
            Optional<List<CorrelationRow>> hit = digest == null ? Optional.empty() : cache.get(digest);
            if (hit.isPresent()) {
                out.addAll(hit.get());
                reused++;
                continue;
            }
            List<CorrelationRow> rows = compute(ScoreMatrix.of(table, s, scores), methods, dropMissing);
            if (digest != null) cache.put(digest, rows);
            out.addAll(rows);
            computed++;
        }
        cache.retainUsed();
        return new Incremental(out, computed, reused);
    }

    /** The correlations of one (family, task) matrix, for every score it holds; a doc some checkpoint lacks is NaN. */
    public static List<CorrelationRow> compute(ScoreMatrix matrix, List<Method> methods) {
        return compute(matrix, methods, false);
    }

    /**
     * The correlations of one matrix, for every score it holds. A doc that some checkpoint lacks gets NaN, as
     * the paper's pivot leaves a NaN score that scipy propagates; with {@code dropMissing} it is correlated
     * over the checkpoints that have it.
     */
    public static List<CorrelationRow> compute(ScoreMatrix matrix, List<Method> methods, boolean dropMissing) {
        Result r = correlate(matrix, methods, dropMissing);
        List<CorrelationRow> out = new ArrayList<>(matrix.docs() * matrix.scores.size() * methods.size());
        for (int d = 0; d < matrix.docs(); d++) {
            for (int s = 0; s < matrix.scores.size(); s++) {
                String score = matrix.scores.get(s).column();
                for (Method method : methods) {
                    int k = method.ordinal();
                    out.add(new CorrelationRow(matrix.family, matrix.task, matrix.docIds[d], score, method.id(),
                            r.statistic[s][k][d], r.pValue[s][k][d], r.nModels[d]));
                }
            }
        }
        return out;
    }

    /** Raw results: statistic[score][method.ordinal()][doc], pValue likewise, nModels[doc]. */
    public record Result(double[][][] statistic, double[][][] pValue, int[] nModels) {}

    /** The correlations of a matrix as arrays, without building rows (what the benchmark measures). */
    public static Result correlate(ScoreMatrix matrix, List<Method> methods) {
        return correlate(matrix, methods, false);
    }

    /** As {@link #correlate(ScoreMatrix, List)}; {@code dropMissing}: a doc is correlated over the checkpoints that have it. */
    public static Result correlate(ScoreMatrix matrix, List<Method> methods, boolean dropMissing) {
        int docs = matrix.docs(), m = matrix.checkpoints(), scores = matrix.scores.size();
        boolean pearson = methods.contains(Method.PEARSON), spearman = methods.contains(Method.SPEARMAN),
                kendall = methods.contains(Method.KENDALL);
        double[][][] stat = new double[scores][3][], p = new double[scores][3][];
        for (int s = 0; s < scores; s++) {
            for (Method method : methods) {
                stat[s][method.ordinal()] = new double[docs];
                p[s][method.ordinal()] = new double[docs];
            }
        }
        int[] nModels = new int[docs];
        Axis full = m >= 2 ? new Axis(matrix.log10Compute, m) : null;
        ThreadLocal<Worker> workers = ThreadLocal.withInitial(() -> new Worker(m));
        IntStream.range(0, docs).parallel().forEach(d -> {
            Worker w = workers.get();
            int base = d * m, n = 0;
            for (int j = 0; j < m; j++) {
                if (matrix.present[base + j]) w.cols[n++] = j;
            }
            nModels[d] = n;
            Axis axis = n < 2 || (n < m && !dropMissing) ? null : n == m ? full : w.subAxis(matrix.log10Compute, n);
            for (int s = 0; s < scores; s++) {
                if (axis == null) {
                    Arrays.fill(w.correlator.statistic, Double.NaN);
                    Arrays.fill(w.correlator.pValue, Double.NaN);
                } else {
                    double[] v = matrix.values[s];
                    for (int i = 0; i < n; i++) w.y[i] = v[base + w.cols[i]];
                    w.correlator.correlate(axis, w.y, pearson, spearman, kendall);
                }
                for (Method method : methods) {
                    int k = method.ordinal();
                    stat[s][k][d] = w.correlator.statistic[k];
                    p[s][k][d] = w.correlator.pValue[k];
                }
            }
        });
        return new Result(stat, p, nModels);
    }

    /** Per-thread scratch. */
    private static final class Worker {
        final Correlator correlator = new Correlator();
        final int[] cols;
        final double[] y, x;

        Worker(int m) {
            cols = new int[m];
            y = new double[m];
            x = new double[m];
        }

        Axis subAxis(double[] log10Compute, int n) {
            for (int i = 0; i < n; i++) x[i] = log10Compute[cols[i]];
            return new Axis(x, n);
        }
    }

    /** Groups rows by (family, task, score, method), keeping first-appearance order. */
    static Map<List<String>, List<CorrelationRow>> groups(List<CorrelationRow> rows) {
        Map<List<String>, List<CorrelationRow>> g = new LinkedHashMap<>();
        for (CorrelationRow r : rows) {
            g.computeIfAbsent(List.of(r.family(), r.task(), r.score(), r.method()), k -> new ArrayList<>()).add(r);
        }
        return g;
    }
}
