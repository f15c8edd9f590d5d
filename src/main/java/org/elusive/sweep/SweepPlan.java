package org.elusive.sweep;

import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import org.elusive.catalog.Checkpoint;

/**
 * The units of a sweep in their canonical order (checkpoints sorted by {@link Unit#CHECKPOINT_ORDER},
 * tasks in the order given), and the plan file {@code <out>/plan.json}: the union of the units every
 * run into that directory asked for, so that {@code --status} can list pending units.
 */
public final class SweepPlan {
    private SweepPlan() {}

    public static List<Unit> units(List<Checkpoint> checkpoints, List<String> tasks) {
        List<Checkpoint> sorted = new ArrayList<>(new LinkedHashSet<>(checkpoints));
        sorted.sort(Unit.CHECKPOINT_ORDER);
        List<Unit> units = new ArrayList<>();
        for (Checkpoint c : sorted) for (String t : new LinkedHashSet<>(tasks)) units.add(new Unit(c, t));
        return units;
    }

    /** The units of one shard: every task of the checkpoints whose index in the sorted list it owns. */
    public static List<Unit> shard(List<Unit> units, Shard shard) {
        List<Unit> mine = new ArrayList<>();
        int index = -1;
        Checkpoint previous = null;
        for (Unit u : units) {
            if (!u.checkpoint().equals(previous)) {
                index++;
                previous = u.checkpoint();
            }
            if (shard.owns(index)) mine.add(u);
        }
        return mine;
    }

    record Entry(String family, String model, String revision, long params, double tokens, String task) {
        Unit unit() { return new Unit(new Checkpoint(family, model, revision, params, tokens), task); }

        static Entry of(Unit u) {
            Checkpoint c = u.checkpoint();
            return new Entry(c.family(), c.model(), c.revision(), c.params(), c.tokens(), u.task());
        }
    }

    static Path file(Path out) { return out.resolve("plan.json"); }

    /** Adds units to the plan file; the caller holds the sweep's aggregate lock. */
    static void merge(Path out, List<Unit> units) {
        TreeMap<String, Unit> all = new TreeMap<>();
        for (Unit u : read(out)) all.put(u.id(), u);
        for (Unit u : units) all.put(u.id(), u);
        List<Unit> list = new ArrayList<>(all.values());
        list.sort(Comparator.comparing(Unit::checkpoint, Unit.CHECKPOINT_ORDER).thenComparing(Unit::task));
        try {
            String json = UnitStore.JSON.writeValueAsString(list.stream().map(Entry::of).toList());
            AtomicFiles.writeString(file(out), json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static List<Unit> read(Path out) {
        Path f = file(out);
        if (!Files.exists(f)) return List.of();
        try {
            List<Entry> entries = UnitStore.JSON.readValue(f.toFile(), new TypeReference<List<Entry>>() {});
            Set<Unit> units = new LinkedHashSet<>();
            for (Entry e : entries) units.add(e.unit());
            return new ArrayList<>(units);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + f, e);
        }
    }
}
