package org.elusive.sweep;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Optional;
import java.util.SortedMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The tables and figures derived from a results directory's completed units, kept equal to them
 * across kills: they are rebuilt whenever the units they were built from ({@link BuiltFrom}) differ
 * from the done units, by one process at a time (an OS lock on {@code <out>/.aggregate.lock}, which
 * every writer of {@code <out>} and {@code <out>/figures} holds, so temp files found there under
 * it belong to killed processes and are deleted).
 */
public final class DerivedTables {
    private static final ReentrantLock IN_PROCESS = new ReentrantLock();

    private final UnitStore store;
    private final Aggregator aggregator;
    private final PrintStream log;

    public DerivedTables(Path out, Aggregator aggregator, PrintStream log) {
        this.store = new UnitStore(out);
        this.aggregator = aggregator;
        this.log = log;
    }

    /**
     * Sweeps stale temp files, then rebuilds the tables when they are not built from exactly the
     * done units; true when they are current after.
     */
    public boolean refresh() {
        boolean[] ok = {true};
        locked(() -> ok[0] = rebuildIfStale());
        return ok[0];
    }

    /**
     * {@link #refresh()} unless another process is updating the tables right now ({@code --status}
     * must not wait for a sweep's update; that update makes them current anyway).
     */
    public boolean refreshUnlessBusy() {
        Path lockFile = store.out().resolve(".aggregate.lock");
        if (!Files.exists(lockFile)) return refresh();
        Optional<UnitStore.UnitLock> held = UnitStore.tryLock(lockFile);
        if (held.isEmpty()) {
            log.println("sweep: tables are being updated by another process");
            return true;
        }
        try (UnitStore.UnitLock ignored = held.get()) {
            return rebuildIfStale();
        }
    }

    /** The caller holds the aggregate lock. */
    private boolean rebuildIfStale() {
        deleteStale();
        SortedMap<Path, UnitStore.Done> done = store.doneUnits();
        if (BuiltFrom.current(store.out(), done.values())) return true;
        try {
            long start = System.nanoTime();
            BuiltFrom.invalidate(store.out());
            String note = aggregator.update(store.out(), new ArrayList<>(done.keySet()));
            BuiltFrom.record(store.out(), done.values());
            log.printf("sweep: tables updated from %d completed units in %.1f s%s%n", done.size(),
                    (System.nanoTime() - start) / 1e9, note.isEmpty() ? "" : " (" + note + ")");
            return true;
        } catch (Exception e) {
            // the units are safe on disk; with no record, the next run or --status rebuilds
            log.println("sweep: could not update tables: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
            if (org.elusive.core.Log.verbose()) e.printStackTrace(log);
            return false;
        }
    }

    /** Deletes temp files and scratch directories that killed processes left in {@code <out>} and its figures. */
    public void sweepStale() {
        locked(this::deleteStale);
    }

    private void deleteStale() {
        AtomicFiles.sweepStale(store.out());
        AtomicFiles.sweepStale(store.out().resolve("figures"));
        AtomicFiles.sweepStale(EngineAggregator.groupCache(store.out()));
    }

    /** Runs the action holding the directory's aggregate lock (against other processes and other threads). */
    void locked(Runnable action) {
        Path lockFile = store.out().resolve(".aggregate.lock");
        IN_PROCESS.lock();
        try {
            Files.createDirectories(store.out());
            try (FileChannel ch = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                    FileLock ignored = ch.lock()) {
                action.run();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lock " + lockFile, e);
        } finally {
            IN_PROCESS.unlock();
        }
    }
}
