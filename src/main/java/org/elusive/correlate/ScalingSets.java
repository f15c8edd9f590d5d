package org.elusive.correlate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.elusive.catalog.Checkpoint;
import org.elusive.catalog.ScalingSet;
import org.elusive.core.BadInputException;
import org.elusive.rows.CorrelationRow;
import org.elusive.rows.ScoreRow;
import org.elusive.store.ScoreGroups;

/**
 * Which (scaling set, task) slices of a table to correlate (docs/analyses.md, "Scaling sets"). A
 * checkpoint of a set is matched by HF id and revision; one whose registry compute is 0 (Amber's ckpt_000,
 * Pythia's step0) is not required, as no correlation can use it (log10 0 is not finite; the paper drops
 * it too).
 *
 * <ul>
 *   <li>{@link Mode#NAMED}: sets named by the user: each must have checkpoints in the table; in each task
 *       where any of its checkpoints are, it must have all of them. Otherwise an error naming the set and
 *       what is missing.</li>
 *   <li>{@link Mode#COMPLETE}: of the given sets, each (set, task) whose checkpoints the task has, all of
 *       them (a sweep in progress: a set appears once its last checkpoint is done).</li>
 *   <li>{@link Mode#DEFAULT}: as COMPLETE over every set of the registry; when there is none, one slice
 *       per (family, task) of the table, as without scaling sets.</li>
 * </ul>
 */
public final class ScalingSets {
    private ScalingSets() {}

    /** How strictly the sets must be covered by the table (see the class comment). */
    public enum Mode { NAMED, COMPLETE, DEFAULT }

    /**
     * @param table each task → its checkpoints by label ({@code model@revision}), with the table's compute
     * @param families each task → the families of the table in it, for the fallback
     */
    public static List<Slice> select(Map<String, Map<String, ScoreGroups.Checkpoint>> table,
            Map<String, List<String>> families, List<ScalingSet> sets, Mode mode) {
        boolean named = mode == Mode.NAMED;
        List<Slice> out = new ArrayList<>();
        for (ScalingSet set : sets) {
            boolean anywhere = false;
            for (var task : table.entrySet()) {
                List<String> missing = missing(set, task.getValue());
                boolean some = set.checkpoints().stream().anyMatch(c -> task.getValue().containsKey(c.spec()));
                anywhere |= some;
                if (named && some && !missing.isEmpty()) {
                    throw new BadInputException("scaling set " + set.name() + " (" + set.file() + "): task " + task.getKey()
                            + " lacks " + missing.size() + " of its checkpoints: " + String.join(", ", missing));
                }
                if (some && missing.isEmpty()) out.add(slice(set, task.getKey(), task.getValue()));
            }
            if (named && !anywhere) {
                throw new BadInputException("scaling set " + set.name() + " (" + set.file() + "): the table has none of its "
                        + set.checkpoints().size() + " checkpoints: "
                        + set.checkpoints().stream().map(Checkpoint::spec).collect(Collectors.joining(", ")));
            }
        }
        if (!out.isEmpty() || mode != Mode.DEFAULT) return out;
        Map<String, java.util.SortedSet<String>> tasksOf = new TreeMap<>();   // family, then task: the order without sets
        families.forEach((task, fams) -> fams.forEach(f -> tasksOf.computeIfAbsent(f, k -> new java.util.TreeSet<>()).add(task)));
        tasksOf.forEach((family, tasks) -> tasks.forEach(task -> out.add(new Slice(family, task, family, List.of()))));
        return out;
    }

    /** The set's checkpoints with compute that the task lacks. */
    private static List<String> missing(ScalingSet set, Map<String, ScoreGroups.Checkpoint> task) {
        return set.checkpoints().stream().filter(c -> c.compute() > 0 && !task.containsKey(c.spec())).map(Checkpoint::spec).toList();
    }

    private static Slice slice(ScalingSet set, String task, Map<String, ScoreGroups.Checkpoint> present) {
        Map<String, ScoreGroups.Checkpoint> members = new LinkedHashMap<>();
        for (Checkpoint c : set.checkpoints()) {
            ScoreGroups.Checkpoint p = present.get(c.spec());
            if (p != null) members.put(c.spec(), p);
        }
        return new Slice(set.name(), task, null, List.copyOf(members.values()));
    }

    /**
     * The rows of each set's checkpoints, labelled with the set's name in the family column (a checkpoint in
     * two sets appears twice), for figures drawn per set; a set none of whose checkpoints are in the rows
     * is bad input naming it.
     */
    public static List<ScoreRow> relabel(List<ScoreRow> rows, List<ScalingSet> sets) {
        List<ScoreRow> out = new ArrayList<>();
        for (ScalingSet set : sets) {
            java.util.Set<String> members = new java.util.HashSet<>();
            set.checkpoints().forEach(c -> members.add(c.model() + "@" + c.revision()));
            int before = out.size();
            for (ScoreRow r : rows) {
                if (!members.contains(r.model() + "@" + r.revision())) continue;
                out.add(r.withFamily(set.name()));
            }
            if (out.size() == before) throw new BadInputException("--sets " + set.name() + ": none of its " + set.checkpoints().size()
                    + " checkpoints is in the table");
        }
        return out;
    }

    /**
     * The rows of a correlations table whose {@code family} (a set's name) is one of {@code names}; empty
     * names: all rows. A name the table lacks is an error naming it and the sets the table has.
     */
    public static List<CorrelationRow> only(List<CorrelationRow> rows, List<String> names) {
        if (names == null || names.isEmpty()) return rows;
        java.util.Set<String> present = new java.util.TreeSet<>();
        rows.forEach(r -> present.add(r.family()));
        List<String> absent = names.stream().filter(n -> !present.contains(n)).toList();
        if (!absent.isEmpty()) {
            throw new BadInputException("--sets " + String.join(",", absent) + ": not in the correlations table (its sets: "
                    + String.join(", ", present) + ")");
        }
        java.util.Set<String> keep = java.util.Set.copyOf(names);
        return rows.stream().filter(r -> keep.contains(r.family())).toList();
    }

    /** One slice per (family, task): correlations across each family's checkpoints, without scaling sets. */
    public static List<Slice> byFamily(Map<String, List<String>> families) {
        return select(Map.of(), families, List.of(), Mode.DEFAULT);
    }

    /** The task → checkpoints map of in-memory rows. */
    public static Map<String, Map<String, ScoreGroups.Checkpoint>> checkpoints(List<ScoreRow> rows) {
        Map<String, Map<String, ScoreGroups.Checkpoint>> out = new TreeMap<>();
        for (ScoreRow r : rows) {
            out.computeIfAbsent(r.task(), t -> new LinkedHashMap<>()).putIfAbsent(r.model() + "@" + r.revision(),
                    new ScoreGroups.Checkpoint(r.model(), r.revision(), r.compute()));
        }
        return out;
    }

    /** The task → families map of in-memory rows. */
    public static Map<String, List<String>> families(List<ScoreRow> rows) {
        Map<String, java.util.Set<String>> out = new TreeMap<>();
        for (ScoreRow r : rows) out.computeIfAbsent(r.task(), t -> new java.util.TreeSet<>()).add(r.family());
        Map<String, List<String>> lists = new TreeMap<>();
        out.forEach((t, f) -> lists.put(t, List.copyOf(f)));
        return lists;
    }

    /** The task → families map of a scores table on disk. */
    public static Map<String, List<String>> families(ScoreGroups table) {
        Map<String, List<String>> out = new TreeMap<>();
        for (ScoreGroups.Group g : table.groups()) out.computeIfAbsent(g.task(), t -> new ArrayList<>()).add(g.family());
        return out;
    }

    /** The task → checkpoints map of a scores table on disk. */
    public static Map<String, Map<String, ScoreGroups.Checkpoint>> checkpoints(ScoreGroups table) {
        Map<String, Map<String, ScoreGroups.Checkpoint>> out = new TreeMap<>();
        for (String task : table.tasks()) {
            Map<String, ScoreGroups.Checkpoint> byLabel = new LinkedHashMap<>();
            for (ScoreGroups.Checkpoint c : table.checkpoints(new ScoreGroups.Group(null, task))) byLabel.put(c.label(), c);
            out.put(task, byLabel);
        }
        return out;
    }
}
