package org.elusive.sweep;

import ai.djl.Device;
import ai.djl.ndarray.types.DataType;
import ai.djl.util.cuda.CudaUtils;
import java.io.IOException;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import org.elusive.model.weights.WeightStore;

/**
 * Whether the next checkpoint may load while the current one scores: only when both models fit. The
 * check asks for room for the next model <em>and</em> the current one on top of what is free now, although
 * the current one is already resident: the second model's worth is the margin for scoring's
 * activations, the loader's staging buffers and whatever else the machine runs. Conservative on purpose:
 * a prefetch that pushes the node into swap or the GPU out of memory costs far more than it saves.
 */
final class ModelMemory {
    private ModelMemory() {}

    /**
     * Bytes of the checkpoint's weights once loaded in {@code compute}: every tensor of its headers
     * (only headers are read) at the compute width, whatever the stored width (bf16 on disk is widened
     * to fp32 on CPU). Tensors the model does not use count too, which only errs on the safe side.
     */
    static long estimate(Path dir, DataType compute) {
        int width = compute == DataType.FLOAT16 ? 2 : 4;
        long elements = 0;
        try (WeightStore store = WeightStore.open(dir)) {
            for (String name : store.names()) {
                long n = 1;
                for (long d : store.info(name).shape()) n *= d;
                elements += n;
            }
        }
        return elements * width;
    }

    /** Free memory where the model goes: MemAvailable on CPU, the device's free memory on CUDA; empty when unknown. */
    static OptionalLong available(Device device) {
        if (device.isGpu()) {
            try {
                MemoryUsage m = CudaUtils.getGpuMemory(device);
                return OptionalLong.of(m.getMax() - m.getUsed());
            } catch (RuntimeException | LinkageError noCudaRuntime) {
                return OptionalLong.empty();   // DJL cannot ask the driver: no check (docs/sweeps.md)
            }
        }
        try {
            return memAvailable(Files.readAllLines(Path.of("/proc/meminfo")));
        } catch (IOException | RuntimeException notLinux) {
            return OptionalLong.empty();
        }
    }

    /** The {@code MemAvailable:} line of /proc/meminfo (in kB there), in bytes. */
    static OptionalLong memAvailable(List<String> meminfo) {
        for (String line : meminfo) {
            String[] f = line.trim().split("\\s+");
            if (f.length >= 2 && f[0].equals("MemAvailable:")) return OptionalLong.of(Long.parseLong(f[1]) * 1024);
        }
        return OptionalLong.empty();
    }

    /**
     * Why {@code dir} must not be prefetched ({@code next} and {@code current} bytes from {@link #estimate}),
     * as the one line the sweep logs; empty when it fits or when the free memory is unknown.
     */
    static Optional<String> refusal(Path dir, long next, long current, OptionalLong available) {
        if (available.isEmpty() || next + current <= available.getAsLong()) return Optional.empty();
        return Optional.of(String.format(Locale.ROOT, "prefetch: not loading %s ahead: it needs %s beside the current model's %s, %s free",
                dir, gib(next), gib(current), gib(available.getAsLong())));
    }

    private static String gib(long bytes) { return String.format(Locale.ROOT, "%.2f GiB", bytes / (double) (1L << 30)); }
}
