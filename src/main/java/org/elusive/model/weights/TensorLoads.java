package org.elusive.model.weights;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;

/**
 * Tensors from {@link TensorFiles} onto a manager's device. On CPU the tensor a read fills is the weight
 * (no second copy). On any other device it is a host tensor that goes to the device and is freed at
 * once; a byte budget bounds how many such host tensors exist at a time, so host memory is bounded by
 * {@link #HOST_IN_FLIGHT} (or the largest tensor), whatever the model's size.
 */
final class TensorLoads {
    private TensorLoads() {}

    /**
     * The readers, shared by every load of the JVM (a sweep loads hundreds of checkpoints, a prefetch
     * runs beside a load): their per-thread staging buffers are made once, not once per checkpoint.
     * At most 8: enough to overlap reads with conversion; more would only contend for the disk.
     */
    private static final ExecutorService READERS = Executors.newFixedThreadPool(
            Math.max(1, Math.min(8, Runtime.getRuntime().availableProcessors())), r -> {
                Thread t = new Thread(r, "elusive-load");
                t.setDaemon(true);
                return t;
            });
    /** Host bytes read but not yet on the device (non-CPU managers only). */
    private static final long HOST_IN_FLIGHT = 1L << 30;
    private static final long MIB = 1L << 20;

    static NDArray one(TensorFiles files, String name, NDManager manager, DataType target) {
        if (onCpu(manager)) return files.read(name, manager, target);
        try (NDManager host = NDManager.newBaseManager(Device.cpu(), manager.getEngine().getEngineName())) {
            return toDevice(files.read(name, host, target), manager);
        }
    }

    static Map<String, NDArray> all(TensorFiles files, Collection<String> names, NDManager manager, DataType target) {
        List<TensorFiles.Stored> order = new ArrayList<>();
        for (String n : names) order.add(files.stored(n)); // unknown names fail here, before any read
        // file by file, front to back: the disk (or page cache) sees sequential reads
        order.sort(Comparator.comparing((TensorFiles.Stored s) -> s.info().file()).thenComparingLong(TensorFiles.Stored::offset));
        boolean cpu = onCpu(manager);
        int bytesPer = target == DataType.FLOAT16 ? 2 : 4;
        long largest = order.stream().mapToLong(s -> s.numel() * bytesPer).max().orElse(0);
        Semaphore inFlight = new Semaphore(cpu ? Integer.MAX_VALUE : mib(Math.max(largest, HOST_IN_FLIGHT)));
        NDManager host = cpu ? manager : NDManager.newBaseManager(Device.cpu(), manager.getEngine().getEngineName());
        Map<String, Future<NDArray>> futures = new LinkedHashMap<>();
        try {
            for (TensorFiles.Stored s : order) {
                int permits = cpu ? 0 : mib(s.numel() * bytesPer);
                futures.put(s.info().name(), READERS.submit(() -> {
                    inFlight.acquire(permits);
                    try {
                        NDArray a = files.read(s.info().name(), host, target);
                        return cpu ? a : toDevice(a, manager);
                    } finally {
                        inFlight.release(permits);
                    }
                }));
            }
            Map<String, NDArray> out = new LinkedHashMap<>();
            for (String n : names) out.put(n, await(futures.get(n)));
            return out;
        } catch (RuntimeException | Error e) {
            discard(futures.values());
            throw e;
        } finally {
            if (!cpu) host.close();
        }
    }

    private static boolean onCpu(NDManager manager) { return Device.cpu().equals(manager.getDevice()); }

    private static int mib(long bytes) { return (int) Math.min(Integer.MAX_VALUE / 2, (bytes + MIB - 1) / MIB); }

    /** The host tensor's copy on the manager's device, owned by that manager; the host tensor is freed. */
    private static NDArray toDevice(NDArray host, NDManager manager) {
        try (host) {
            NDArray d = host.toDevice(manager.getDevice(), false);
            d.attach(manager);
            return d;
        }
    }

    private static NDArray await(Future<NDArray> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted while loading weights");
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof RuntimeException r) throw r;
            if (c instanceof Error err) throw err;
            throw new IllegalStateException(c);
        }
    }

    /**
     * Cancels what has not started (no interrupts: an interrupted FileChannel read closes the channel)
     * and frees every tensor already read, waiting for the reads under way.
     */
    private static void discard(Collection<Future<NDArray>> futures) {
        futures.forEach(f -> f.cancel(false));
        for (Future<NDArray> f : futures) {
            if (f.isCancelled()) continue;
            try {
                f.get().close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (ExecutionException | CancellationException ignored) {
                // this tensor failed too: nothing to free
            }
        }
    }
}
