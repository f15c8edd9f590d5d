package org.elusive.model;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.LibUtils;
import ai.djl.util.Utils;
import ai.djl.util.cuda.CudaUtils;
import java.io.IOException;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a run on this machine would use: Java, DJL, the libtorch it loads (version, flavour, path),
 * CUDA devices and their memory, offline mode and the cache directories the natives are extracted
 * into. The first thing to look at on a new node, and what to paste into a bug report.
 */
public final class Environment {
    /** One line of the report. */
    public record Fact(String name, String value) {}

    private Environment() {}

    /** Facts that need no native code (safe to print before anything can fail to load). */
    public static List<Fact> basics(Map<String, String> env) {
        List<Fact> f = new ArrayList<>();
        f.add(new Fact("java", System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ", "
                + System.getProperty("java.home") + ")"));
        f.add(new Fact("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch") + ", " + Runtime.getRuntime().availableProcessors() + " cpus, max heap "
                + Runtime.getRuntime().maxMemory() / (1 << 20) + " MiB"));
        f.add(new Fact("djl", Engine.getDjlVersion() + ", needs libtorch " + Libtorch.required()
                + " (jni flavours " + String.join(", ", Libtorch.FLAVORS) + ")"));
        f.add(new Fact("offline", Utils.isOfflineMode() + " (ai.djl.offline=" + System.getProperty("ai.djl.offline")
                + "; ELUSIVE_ONLINE=1 lets DJL download natives)"));
        f.add(new Fact("djl cache", Utils.getCacheDir() + " (DJL_CACHE_DIR=" + env.getOrDefault("DJL_CACHE_DIR", "unset") + ")"));
        f.add(new Fact("engine cache", Utils.getEngineCacheDir() + " (ENGINE_CACHE_DIR=" + env.getOrDefault("ENGINE_CACHE_DIR", "unset")
                + ") " + sizeOf(Utils.getEngineCacheDir())));
        for (String v : List.of("PYTORCH_LIBRARY_PATH", "PYTORCH_FLAVOR", "PYTORCH_VERSION", "CUDA_VISIBLE_DEVICES", "MKL_CBWR")) {
            f.add(new Fact(v, env.getOrDefault(v, "unset")));
        }
        String lib = env.get("PYTORCH_LIBRARY_PATH");
        if (lib != null && Files.isDirectory(Path.of(lib))) {
            f.add(new Fact("libtorch there", Libtorch.versionAt(Path.of(lib)).orElse("version unknown (no ../version.py or ../build-version)")));
        }
        f.add(new Fact("nvidia driver", driver()));
        return f;
    }

    /** Facts from the loaded engine; loads libtorch (and throws when it cannot). */
    public static List<Fact> engine() {
        Engine e = Engine.getEngine("PyTorch");
        List<Fact> f = new ArrayList<>();
        f.add(new Fact("libtorch", e.getVersion() + " at " + LibUtils.getLibtorchPath()));
        int gpus = e.getGpuCount();
        String cuda = CudaUtils.hasCuda() ? "CUDA runtime " + CudaUtils.getCudaVersionString()
                : "no usable CUDA (no runtime, no driver, or a driver too old for the runtime: see DJL's warning, if any)";
        f.add(new Fact("gpus", gpus + " visible to the engine; " + cuda));
        for (int i = 0; i < gpus; i++) {
            String mem;
            try {
                MemoryUsage m = CudaUtils.getGpuMemory(Device.gpu(i));
                mem = (m.getMax() - m.getCommitted()) / (1 << 20) + " MiB free of " + m.getMax() / (1 << 20) + " MiB";
            } catch (RuntimeException ex) {
                mem = "memory unknown (" + ex.getMessage() + ")";
            }
            f.add(new Fact("cuda:" + i, "compute capability " + CudaUtils.getComputeCapability(i) + ", " + mem));
        }
        return f;
    }

    private static String driver() {
        Path p = Path.of("/proc/driver/nvidia/version");
        try {
            return Files.isReadable(p) ? Files.readAllLines(p).get(0).replaceAll("\\s+", " ").trim() : "none (" + p + " absent)";
        } catch (IOException | IndexOutOfBoundsException e) {
            return "unreadable (" + p + ")";
        }
    }

    /** The size of what DJL extracted, so a quota'd home can see why it filled up. */
    private static String sizeOf(Path dir) {
        if (!Files.isDirectory(dir)) return "(absent)";
        try (var files = Files.walk(dir)) {
            long bytes = files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
            return "(" + bytes / (1 << 20) + " MiB)";
        } catch (IOException | java.io.UncheckedIOException e) {
            return "(size unknown)";
        }
    }
}
