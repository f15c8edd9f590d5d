package org.elusive.eval;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.types.DataType;
import java.nio.file.Files;
import java.nio.file.Path;
import org.elusive.model.CheckpointLoader;

/**
 * A device as the user named it ("cpu", "cuda", "cuda:1": the name goes into results files as given)
 * and the device it resolved to; a GPU the engine cannot see is refused when the name is parsed.
 */
public record DeviceSpec(String name, Device device) {

    public static DeviceSpec parse(String name) { return new DeviceSpec(name, CheckpointLoader.device(name)); }

    /**
     * cuda when the PyTorch engine sees a GPU, else cpu. A host without an NVIDIA driver (no
     * {@code /proc/driver/nvidia}, no {@code /dev/nvidiactl}) is cpu without asking: the engine could
     * not see a GPU there, and not starting it here lets libtorch load beside the request building
     * ({@link Warmup}) instead of ahead of it. Elsewhere this starts the engine: call it only to score.
     */
    public static DeviceSpec auto() {
        if (!Files.exists(Path.of("/proc/driver/nvidia")) && !Files.exists(Path.of("/dev/nvidiactl"))) return parse("cpu");
        return parse(Engine.getEngine("PyTorch").getGpuCount() > 0 ? "cuda" : "cpu");
    }

    /** fp16 on CUDA, fp32 on CPU. */
    public DataType defaultType() { return CheckpointLoader.defaultType(device); }

    @Override public String toString() { return name; }
}
