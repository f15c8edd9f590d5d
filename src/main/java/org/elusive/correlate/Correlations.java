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
        return compute(table, methods, scores, GroupCache.NONE).rows();
    }

    /** The rows, and how many groups were computed and how many were found in the cache. */
    public record Incremental(List<CorrelationRow> rows, int computed, int reused) {}

    /**
     * As {@link #compute(ScoreGroups, List, List)}, reusing the rows of every group whose inputs are
     * unchanged since they were stored in {@code cache} (and storing the others): a sweep's table update
     * then correlates only the groups its new units touched. Entries of groups that no longer exist as
     * they were are dropped from the cache.
     */
    public static Incremental compute(ScoreGroups table, List<Method> methods, List<Score> scores, GroupCache cache) {
        List<CorrelationRow> out = new ArrayList<>();
        Map<ScoreGroups.Group, String> fingerprints = cache == GroupCache.NONE ? null
                : table.fingerprints(scores.stream().map(Score::column).toList());
        int computed = 0, reused = 0;
        for (ScoreGroups.Group g : fingerprints == null ? table.groups() : List.copyOf(fingerprints.keySet())) {
            String digest = fingerprints == null ? null : GroupDigest.of(g, fingerprints.get(g), methods, scores);
            Optional<List<CorrelationRow>> hit = digest == null ? Optional.empty() : cache.get(digest);
            if (hit.isPresent()) {
                out.addAll(hit.get());
                reused++;
                continue;
            }
            List<CorrelationRow> rows = compute(ScoreMatrix.of(table, g, scores), methods);
            if (digest != null) cache.put(digest, rows);
            out.addAll(rows);
            computed++;
        }
        cache.retainUsed();
        return new Incremental(out, computed, reused);
    }

    public static List<CorrelationRow> compute(List<ScoreRow> rows) {
        return compute(rows, Method.ALL, Score.DEFAULTS);
    }

    /** The correlations of one (family, task) matrix, for every score it holds. */
    public static List<CorrelationRow> compute(ScoreMatrix matrix, List<Method> methods) {
        Result r = correlate(matrix, methods);
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
            Axis axis = n < 2 ? null : n == m ? full : w.subAxis(matrix.log10Compute, n);
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
