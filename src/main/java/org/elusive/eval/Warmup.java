package org.elusive.eval;

import ai.djl.engine.Engine;
import org.elusive.store.Tables;

/**
 * Loads the two native libraries an eval needs, libtorch and DuckDB's, on a background thread while
 * the caller builds its requests. Why: both loads are single-threaded (libtorch's shared objects,
 * ~0.35 s here; DuckDB's driver unpacks its library from the jar on every run, ~0.5 s), and until the
 * first forward the process uses one core of several; done on the main thread they sat on the
 * critical path before the scoring and after it. Nothing waits for the thread: whoever needs a
 * library first loads it (DJL and the JDBC driver register guard their own initialisation), and a
 * failure here is left for that caller to meet and report.
 */
public final class Warmup {
    private Warmup() {}

    /** Starts the loads. */
    public static void start() { daemon("elusive-warmup", Warmup::load); }

    /** Runs {@code task} on a thread of its own that never holds the process open (a failed eval exits at once). */
    static void daemon(String name, Runnable task) {
        Thread t = new Thread(task, name);
        t.setDaemon(true);
        t.start();
    }

    private static void load() {
        try {
            Engine.getEngine("PyTorch");
            Tables.preload();
        } catch (RuntimeException | LinkageError e) {
            // left for the caller that needs the library, which reports it with its context
        }
    }
}
