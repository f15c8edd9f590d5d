package org.elusive.sweep;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.LongSupplier;

/**
 * When and on which thread a sweep brings its derived tables up to date while it scores. Updates run
 * on one background thread, so scoring never waits for them (on a GPU node the device would idle while
 * the CPU rebuilds); at most one runs at a time; one starts only when at least {@code everyUnits} units
 * landed since the last start and {@code interval} has passed since it (each update reads every done
 * unit, so updating after every unit would make a sweep's total update time grow with its square), or
 * when an update ends and that much has landed meanwhile; and
 * the last update runs on the caller's thread at the end, so a finished sweep leaves current tables.
 * Updates take the directory's aggregate lock ({@link DerivedTables}), which serialises them with
 * {@code --status} and {@code --aggregate} processes too.
 */
final class TableUpdates implements AutoCloseable {
    private final Runnable update;
    private final int everyUnits;
    private final long intervalNanos;
    private final LongSupplier clock;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "elusive-table-updates");
        t.setDaemon(true);   // a sweep that fails must not be kept alive by an update
        return t;
    });
    private Future<?> running = CompletableFuture.completedFuture(null);
    private long lastStart;
    private int landed;
    private boolean busy, stopped;

    /** @param everyUnits 0: only at the end */
    /** @param update brings the tables up to date (e.g. {@link DerivedTables#refresh}) */
    TableUpdates(Runnable update, int everyUnits, Duration interval, LongSupplier clock) {
        this.update = update;
        this.everyUnits = everyUnits;
        this.intervalNanos = interval.toNanos();
        this.clock = clock;
        this.lastStart = clock.getAsLong();
    }

    TableUpdates(DerivedTables tables, int everyUnits, Duration interval) {
        this(tables::refresh, everyUnits, interval, System::nanoTime);
    }

    /** A unit landed: starts an update in the background when one is due and none is running. */
    synchronized void unitLanded() {
        landed++;
        startIfDue();
    }

    /**
     * Starts an update when enough units landed, the interval has passed and none runs. Also called when an
     * update ends, so units that landed during it are not left waiting for the next unit.
     */
    private synchronized void startIfDue() {
        long now = clock.getAsLong();
        if (busy || stopped || everyUnits == 0 || landed < everyUnits || now - lastStart < intervalNanos) return;
        landed = 0;
        lastStart = now;
        busy = true;
        running = worker.submit(() -> {
            try {
                update.run();
            } finally {
                ended();
            }
        });
    }

    private synchronized void ended() {
        busy = false;
        startIfDue();
    }

    /** Waits for the updates in flight to end, then brings the tables up to date on this thread. */
    void finish() {
        synchronized (this) {
            stopped = true;
        }
        await();
        update.run();
    }

    /** Waits until no update is running (one that ends may start a follow-up: wait for that too). */
    void await() {
        while (true) {
            Future<?> f;
            synchronized (this) {
                if (!busy) return;
                f = running;
            }
            try {
                f.get();
            } catch (ExecutionException e) {   // refresh reports its own failures; a lock error lands here
                System.err.println("sweep: background table update failed: " + e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Lets an update in flight finish (its lock and temp files stay consistent), then stops the thread. */
    @Override public void close() {
        synchronized (this) {
            stopped = true;
        }
        await();
        worker.shutdown();
    }
}
