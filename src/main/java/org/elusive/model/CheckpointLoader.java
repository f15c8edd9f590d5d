package org.elusive.model;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.elusive.core.BadInputException;
import org.elusive.model.weights.WeightStore;
import org.elusive.catalog.CheckpointResolver;

/** A checkpoint directory (config.json + weights) → a {@link CausalLM} on a device, in a compute dtype. */
public final class CheckpointLoader {
    private CheckpointLoader() {}

    /** An architecture file's entry point: config + tensors → model. */
    @FunctionalInterface
    public interface Builder {
        Transformer build(HfConfig config, Params params, NDManager manager);
    }

    private static final Map<String, Builder> ARCHITECTURES = new TreeMap<>(Map.of(
            GptNeoX.ARCHITECTURE, (c, p, m) -> GptNeoX.build(GptNeoX.Config.from(c), p, m, true),
            Llama.ARCHITECTURE, Llama::build,
            Olmo.ARCHITECTURE, Olmo::build,
            Olmo2.ARCHITECTURE, Olmo2::build,
            Gpt2.ARCHITECTURE, Gpt2::build));

    public static java.util.Set<String> supported() { return ARCHITECTURES.keySet(); }

    /** fp16 on CUDA, fp32 on CPU (libtorch's CPU kernels are slow or missing in half precision). */
    public static DataType defaultType(Device device) {
        return device.isGpu() ? DataType.FLOAT16 : DataType.FLOAT32;
    }

    /**
     * Parses "cpu", "cuda", "cuda:N" or "gpu[:N]"; asking for a GPU the engine cannot see is bad input,
     * not a silent CPU run.
     */
    public static Device device(String spec) {
        String s = spec.trim().toLowerCase(java.util.Locale.ROOT);
        if (s.equals("cpu")) return Device.cpu();
        if (s.startsWith("cuda") || s.startsWith("gpu")) {
            int colon = s.indexOf(':');
            int id;
            try {
                id = colon < 0 ? 0 : Integer.parseInt(s.substring(colon + 1));
            } catch (NumberFormatException e) {
                throw new BadInputException("--device " + spec + ": expected cpu, cuda or cuda:N");
            }
            int gpus = Engine.getEngine("PyTorch").getGpuCount();
            if (id >= gpus) {
                throw new BadInputException("--device " + spec + ": the PyTorch engine sees " + gpus + " GPU(s)"
                        + (gpus == 0 ? " (CPU-only libtorch? PYTORCH_LIBRARY_PATH and PYTORCH_FLAVOR select a CUDA one, see docs/gpu.md)" : ""));
            }
            return Device.gpu(id);
        }
        throw new BadInputException("--device " + spec + ": expected cpu, cuda or cuda:N");
    }

    public static CausalLM load(Path dir, Device device, DataType computeType) {
        if (computeType != DataType.FLOAT32 && computeType != DataType.FLOAT16) {
            throw new BadInputException("--dtype " + computeType + ": expected fp32 or fp16");
        }
        HfConfig config = HfConfig.read(dir.resolve("config.json"));
        String arch = config.architecture();
        Builder builder = ARCHITECTURES.get(arch);
        if (builder == null) {
            throw new BadInputException(config.file() + ": key 'architectures': '" + arch + "' is not supported (supported: "
                    + String.join(", ", ARCHITECTURES.keySet()) + ")");
        }
        NDManager manager = NDManager.newBaseManager(device, "PyTorch");
        try (WeightStore store = WeightStore.open(dir)) {
            Params params = Params.load(store, manager, computeType, config.file(), p -> builder.build(config, p, null));
            return builder.build(config, params, manager);
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    public static CausalLM load(Path dir, Device device) { return load(dir, device, defaultType(device)); }

    /**
     * What a command line gives: a checkpoint directory or {@code org/name@revision} in the local HF hub
     * cache, "cpu" / "cuda[:N]", and "fp32" / "fp16" (null: the device's default).
     */
    public static CausalLM load(String checkpoint, String device, String dtype) {
        Device d = device(device);
        return load(CheckpointResolver.resolve(checkpoint), d, dtype == null ? defaultType(d) : dataType(dtype));
    }

    /** "fp32"/"float32" or "fp16"/"float16"/"half"; bf16 is refused (DJL's engine cannot compute in it). */
    public static DataType dataType(String spec) {
        return switch (spec.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "fp32", "float32", "float" -> DataType.FLOAT32;
            case "fp16", "float16", "half" -> DataType.FLOAT16;
            default -> throw new BadInputException("--dtype " + spec + ": expected fp32 or fp16"
                    + (spec.toLowerCase(java.util.Locale.ROOT).contains("bf") ? " (bf16 weights are read, but computed in fp32 or fp16)" : ""));
        };
    }
}
