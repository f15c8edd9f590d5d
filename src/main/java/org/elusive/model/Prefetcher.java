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
 * {@code T} is what a load gives: a {@link CausalLM}, or the sweep's model with its tokenizer.
 *
 * <p>A sweep uses it like this ({@code dirs} in the order they will be scored):
 * <pre>{@code
 * try (Prefetcher<CausalLM> next = new Prefetcher<>(dir -> CheckpointLoader.load(dir, device, dtype))) {
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
public final class Prefetcher<T extends AutoCloseable> implements AutoCloseable {

    private final Function<Path, T> loader;
    private final ExecutorService background = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "elusive-prefetch");
        t.setDaemon(true);
        return t;
    });
    private Path pendingDir;
    private Future<T> pending;

    /** {@code loader}: a directory → its model (e.g. {@code dir -> CheckpointLoader.load(dir, device, dtype)}). */
    public Prefetcher(Function<Path, T> loader) { this.loader = loader; }

    /** Starts loading {@code dir} in the background; a previous prefetch not taken is waited for and closed first. */
    public synchronized void prefetch(Path dir) {
        discardPending();
        pendingDir = dir;
        pending = background.submit(() -> loader.apply(dir));
    }

    /** The model of {@code dir}: the prefetched one (waiting for its load to end), or loaded now on this thread. */
    public synchronized T take(Path dir) {
        if (pending != null && dir.equals(pendingDir)) {
            Future<T> f = pending;
            pending = null;
            pendingDir = null;
            return await(f);
        }
        discardPending();
        return loader.apply(dir);
    }

    private void discardPending() {
        if (pending == null) return;
        Future<T> f = pending;
        pending = null;
        pendingDir = null;
        try {
            await(f).close();
        } catch (Exception notTakenAnyway) {
            // the load (or the close) of a model nobody asked for failed: nobody is waiting to be told
        }
    }

    private static <T> T await(Future<T> f) {
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
