package org.elusive.model;

import java.nio.file.Path;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * Loads the next checkpoint while the current one is in use, so a sweep over many checkpoints of one
 * size does not wait for each load. At most one load is in flight and at most one loaded model waits
 * to be taken, so memory holds two models at most: the one in use and the next. A model that is
 * prefetched but not taken (the caller asked for another, or closed the prefetcher) is closed.
 *
 * <p>A sweep uses it like this ({@code dirs} in the order they will be scored):
 * <pre>{@code
 * try (Prefetcher next = new Prefetcher(dir -> CheckpointLoader.load(dir, device, dtype))) {
 *     for (int i = 0; i < dirs.size(); i++) {
 *         try (CausalLM model = next.take(dirs.get(i))) {        // the prefetched model, or a load now
 *             if (i + 1 < dirs.size()) next.prefetch(dirs.get(i + 1));
 *             score(model);                                     // while dirs[i + 1] loads
 *         }
 *     }
 * }
 * }</pre>
 * A failed prefetch fails the {@link #take} of that directory with the load's own exception. On a
 * 2-core CPU the two compete for the cores; the gain is largest where loading waits on the disk or
 * the PCIe bus (a GPU node). Methods are for one thread (the sweep's); the load runs on a daemon thread.
 */
public final class Prefetcher implements AutoCloseable {

    private final Function<Path, CausalLM> loader;
    private final ExecutorService background = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "elusive-prefetch");
        t.setDaemon(true);
        return t;
    });
    private Path pendingDir;
    private Future<CausalLM> pending;

    /** {@code loader}: a directory → its model (e.g. {@code dir -> CheckpointLoader.load(dir, device, dtype)}). */
    public Prefetcher(Function<Path, CausalLM> loader) { this.loader = loader; }

    /** Starts loading {@code dir} in the background; a previous prefetch not taken is waited for and closed first. */
    public synchronized void prefetch(Path dir) {
        discardPending();
        pendingDir = dir;
        pending = background.submit(() -> loader.apply(dir));
    }

    /** The model of {@code dir}: the prefetched one (waiting for its load to end), or loaded now on this thread. */
    public synchronized CausalLM take(Path dir) {
        if (pending != null && dir.equals(pendingDir)) {
            Future<CausalLM> f = pending;
            pending = null;
            pendingDir = null;
            return await(f);
        }
        discardPending();
        return loader.apply(dir);
    }

    private void discardPending() {
        if (pending == null) return;
        Future<CausalLM> f = pending;
        pending = null;
        pendingDir = null;
        try {
            await(f).close();
        } catch (RuntimeException notTakenAnyway) {
            // the load of a model nobody asked for failed: there is nothing to close and nobody to tell
        }
    }

    private static CausalLM await(Future<CausalLM> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted while waiting for a prefetched checkpoint");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            if (e.getCause() instanceof Error err) throw err;
            throw new IllegalStateException(e.getCause());
        }
    }

    /** Closes a prefetched model nobody took (after its load ends) and stops the background thread. */
    @Override public synchronized void close() {
        try {
            discardPending();
        } finally {
            background.shutdown();
        }
    }
}
