package org.elusive.correlate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.elusive.core.BadInputException;
import org.elusive.rows.ScoreRow;
import org.elusive.transform.Score;

/**
 * The scores of one (family, task) as dense matrices: docs × checkpoints per score, checkpoints in
 * order of compute, oriented so that larger is better. A checkpoint that lacks a doc is marked
 * absent and left out of that doc's correlation. Checkpoints whose compute is not positive
 * (e.g. Pythia's step0) have no log10(compute) and are left out entirely.
 */
public final class ScoreMatrix {
    final String family, task;
    final String[] checkpoints;
    final double[] log10Compute;
    final long[] docIds;
    final List<Score> scores;
    /** values[score][doc * m + checkpoint]; NaN where absent. */
    final double[][] values;
    /** present[doc * m + checkpoint]. */
    final boolean[] present;

    /** For callers that build the matrix themselves (benchmarks, the sweep): arrays are taken as is. */
    public ScoreMatrix(String family, String task, String[] checkpoints, double[] log10Compute, long[] docIds,
            List<Score> scores, double[][] values, boolean[] present) {
        int m = checkpoints.length;
        for (int j = 1; j < m; j++) {
            if (!(log10Compute[j] >= log10Compute[j - 1])) throw new IllegalArgumentException("checkpoints not in order of compute");
        }
        if (values.length != scores.size() || present.length != docIds.length * m) throw new IllegalArgumentException("shape");
        this.family = family;
        this.task = task;
        this.checkpoints = checkpoints;
        this.log10Compute = log10Compute;
        this.docIds = docIds;
        this.scores = scores;
        this.values = values;
        this.present = present;
    }

    public String family() { return family; }

    public String task() { return task; }

    public int docs() { return docIds.length; }

    public int checkpoints() { return checkpoints.length; }

    /** One matrix per (family, task) of {@code rows}, ordered by family then task. */
    public static List<ScoreMatrix> of(List<ScoreRow> rows, List<Score> scores) {
        Map<List<String>, List<ScoreRow>> groups = new LinkedHashMap<>();
        for (ScoreRow r : rows) groups.computeIfAbsent(List.of(r.family(), r.task()), k -> new ArrayList<>()).add(r);
        List<ScoreMatrix> out = new ArrayList<>();
        groups.entrySet().stream()
                .sorted(Map.Entry.comparingByKey(Comparator.<List<String>, String>comparing(k -> k.get(0)).thenComparing(k -> k.get(1))))
                .forEach(e -> out.add(build(e.getKey().get(0), e.getKey().get(1), e.getValue(), scores)));
        return out;
    }

    private static ScoreMatrix build(String family, String task, List<ScoreRow> rows, List<Score> scores) {
        record Ckpt(String label, double compute) {}
        Map<String, Ckpt> ckpts = new HashMap<>();
        Map<Long, Integer> docIndex = new HashMap<>();
        for (ScoreRow r : rows) {
            String label = r.model() + "@" + r.revision();
            Ckpt c = ckpts.computeIfAbsent(label, l -> new Ckpt(l, r.compute()));
            if (Double.compare(c.compute(), r.compute()) != 0) {
                throw new BadInputException(family + "/" + task + ": checkpoint " + label + " has two compute values ("
                        + c.compute() + " and " + r.compute() + ")");
            }
            docIndex.putIfAbsent(r.docId(), 0);
        }
        List<Ckpt> order = ckpts.values().stream().filter(c -> c.compute() > 0 && Double.isFinite(c.compute()))
                .sorted(Comparator.comparingDouble(Ckpt::compute).thenComparing(Ckpt::label)).toList();
        int m = order.size();
        Map<String, Integer> ckptIndex = new HashMap<>();
        String[] labels = new String[m];
        double[] x = new double[m];
        for (int j = 0; j < m; j++) {
            labels[j] = order.get(j).label();
            x[j] = Math.log10(order.get(j).compute());
            ckptIndex.put(labels[j], j);
        }
        long[] docIds = docIndex.keySet().stream().mapToLong(Long::longValue).sorted().toArray();
        for (int d = 0; d < docIds.length; d++) docIndex.put(docIds[d], d);
        double[][] values = new double[scores.size()][docIds.length * m];
        for (double[] v : values) Arrays.fill(v, Double.NaN);
        boolean[] present = new boolean[docIds.length * m];
        for (ScoreRow r : rows) {
            Integer j = ckptIndex.get(r.model() + "@" + r.revision());
            if (j == null) continue;
            int cell = docIndex.get(r.docId()) * m + j;
            if (present[cell]) {
                throw new BadInputException(family + "/" + task + ": doc " + r.docId() + " appears twice for checkpoint "
                        + labels[j]);
            }
            present[cell] = true;
            for (int s = 0; s < scores.size(); s++) values[s][cell] = scores.get(s).oriented(r);
        }
        return new ScoreMatrix(family, task, labels, x, docIds, scores, values, present);
    }
}
