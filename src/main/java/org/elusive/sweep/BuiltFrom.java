package org.elusive.sweep;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;

/**
 * The record {@code <out>/aggregates.json} of exactly which units (fingerprint and commit time)
 * the derived tables and figures were built from. A kill between a unit's commit mark and the end
 * of the table update would otherwise leave tables that silently lack that unit for good: a rerun
 * finds every unit done and has nothing to trigger a rebuild. The record is deleted before an
 * update starts and written only after the last figure is in place, so "record equals the done
 * units" implies the tables are complete and current; anything else means rebuild.
 */
record BuiltFrom(List<Entry> units) {
    static final String FILE = "aggregates.json";

    /** One unit as committed: its manifest entry's identity. */
    record Entry(String unit, String fingerprint, String finished) {}

    static BuiltFrom of(Collection<UnitStore.Done> done) {
        return new BuiltFrom(done.stream().map(d -> new Entry(d.unit(), d.fingerprint(), d.finished()))
                .sorted(java.util.Comparator.comparing(Entry::unit)).toList());
    }

    /**
     * Are the tables under {@code out} built from exactly these done units? With no record, only
     * when there is nothing to build and no table to be stale (a directory that never had tables).
     */
    static boolean current(Path out, Collection<UnitStore.Done> done) {
        Path f = out.resolve(FILE);
        if (!Files.exists(f)) return done.isEmpty() && !Files.exists(out.resolve("scores.parquet"));
        try {
            return UnitStore.JSON.readValue(f.toFile(), BuiltFrom.class).equals(of(done));
        } catch (IOException e) {
            return false;   // a torn or foreign record proves nothing: rebuild
        }
    }

    /** Called before an update touches any table: from here until {@link #record}, the tables are suspect. */
    static void invalidate(Path out) {
        try {
            Files.deleteIfExists(out.resolve(FILE));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + out.resolve(FILE), e);
        }
    }

    static void record(Path out, Collection<UnitStore.Done> done) {
        try {
            AtomicFiles.writeString(out.resolve(FILE), UnitStore.JSON.writeValueAsString(of(done)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
