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
import org.elusive.store.ScoreGroups;
import org.elusive.store.ScoreGroups.Checkpoint;
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
        Map<String, Checkpoint> ckpts = new HashMap<>();
        Map<Long, Integer> docIndex = new HashMap<>();
        for (ScoreRow r : rows) {
            Checkpoint c = ckpts.computeIfAbsent(r.model() + "@" + r.revision(), l -> new Checkpoint(r.model(), r.revision(), r.compute()));
            if (Double.compare(c.compute(), r.compute()) != 0) {
                throw new BadInputException(family + "/" + task + ": checkpoint " + c.label() + " has two compute values ("
                        + c.compute() + " and " + r.compute() + ")");
            }
            docIndex.putIfAbsent(r.docId(), 0);
        }
        List<Checkpoint> order = ordered(ckpts.values());
        Map<String, Integer> ckptIndex = new HashMap<>();
        for (int j = 0; j < order.size(); j++) ckptIndex.put(order.get(j).label(), j);
        long[] docIds = docIndex.keySet().stream().mapToLong(Long::longValue).sorted().toArray();
        for (int d = 0; d < docIds.length; d++) docIndex.put(docIds[d], d);
        Filler fill = new Filler(family, task, order, docIds, scores);
        double[] v = new double[scores.size()];
        for (ScoreRow r : rows) {
            Integer j = ckptIndex.get(r.model() + "@" + r.revision());
            if (j == null) continue;
            for (int s = 0; s < v.length; s++) v[s] = scores.get(s).sourceOf(r);
            fill.accept(j, docIndex.get(r.docId()), v);
        }
        return fill.matrix();
    }

    /**
     * The matrix of one (family, task) of a scores table, filled cell by cell from the file: the heap
     * holds this group's arrays only, whatever the size of the table.
     */
    public static ScoreMatrix of(ScoreGroups table, ScoreGroups.Group g, List<Score> scores) {
        return of(table, new Slice(g.family(), g.task(), g.family(), List.of()), scores);
    }

    /**
     * The matrix of one slice of a scores table, named for the slice: the checkpoints of its family, or its
     * members. Docs are those any member has (the columns of the paper's pivot), checkpoints without compute
     * included; the heap holds this slice's arrays only.
     */
    public static ScoreMatrix of(ScoreGroups table, Slice slice, List<Score> scores) {
        ScoreGroups.Group g = slice.group();
        List<Checkpoint> members = slice.family() != null ? table.checkpoints(g) : slice.members();
        List<Checkpoint> order = ordered(members);
        Filler fill = new Filler(slice.name(), g.task(), order, table.docIds(g, members), scores);
        table.cells(g, order, fill.docIds, scores.stream().map(Score::sourceColumn).toList(), fill);
        return fill.matrix();
    }

    /** The matrix of one slice of in-memory rows (the rows of its task and members, or of its family). */
    public static ScoreMatrix of(List<ScoreRow> rows, Slice slice, List<Score> scores) {
        java.util.Set<String> labels = new java.util.HashSet<>();
        for (Checkpoint c : slice.members()) labels.add(c.label());
        List<ScoreRow> mine = rows.stream().filter(r -> r.task().equals(slice.task()) && (slice.family() != null
                ? r.family().equals(slice.family()) : labels.contains(r.model() + "@" + r.revision()))).toList();
        return build(slice.name(), slice.task(), mine, scores);
    }

    /** Checkpoints with a log10(compute), in order of compute (ties by label, so the order is total). */
    private static List<Checkpoint> ordered(java.util.Collection<Checkpoint> ckpts) {
        return ckpts.stream().filter(c -> c.compute() > 0 && Double.isFinite(c.compute()))
                .sorted(Comparator.comparingDouble(Checkpoint::compute).thenComparing(Checkpoint::label)).toList();
    }

    /** Fills the arrays of one matrix from (checkpoint, doc, raw values) cells, each cell at most once. */
    private static final class Filler implements ScoreGroups.CellVisitor {
        final String family, task;
        final String[] labels;
        final double[] x;
        final long[] docIds;
        final List<Score> scores;
        final double[][] values;
        final boolean[] present;

        Filler(String family, String task, List<Checkpoint> order, long[] docIds, List<Score> scores) {
            this.family = family;
            this.task = task;
            int m = order.size();
            labels = new String[m];
            x = new double[m];
            for (int j = 0; j < m; j++) {
                labels[j] = order.get(j).label();
                x[j] = Math.log10(order.get(j).compute());
            }
            this.docIds = docIds;
            this.scores = scores;
            values = new double[scores.size()][docIds.length * m];
            for (double[] v : values) Arrays.fill(v, Double.NaN);
            present = new boolean[docIds.length * m];
        }

        @Override public void accept(int j, int d, double[] raw) {
            int cell = d * labels.length + j;
            if (present[cell]) {
                throw new BadInputException(family + "/" + task + ": doc " + docIds[d] + " appears twice for checkpoint " + labels[j]);
            }
            present[cell] = true;
            for (int s = 0; s < raw.length; s++) values[s][cell] = scores.get(s).orient(scores.get(s).fromSource(raw[s]));
        }

        ScoreMatrix matrix() { return new ScoreMatrix(family, task, labels, x, docIds, scores, values, present); }
    }
}
