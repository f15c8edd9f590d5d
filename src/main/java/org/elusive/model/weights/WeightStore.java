package org.elusive.model.weights;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.elusive.core.BadInputException;

/**
 * The named tensors of a checkpoint directory, read lazily and memory-mapped. Tensors are handed out
 * as FLOAT32 or FLOAT16 only: bf16 on disk is widened in Java, because DJL's PyTorch engine aborts the
 * JVM on BFLOAT16.
 */
public interface WeightStore extends AutoCloseable {

    Set<String> names();

    TensorInfo info(String name);

    /** Loads one tensor converted to {@code target} (FLOAT32 or FLOAT16). Unknown name: BadInputException naming the file. */
    NDArray load(String name, NDManager manager, DataType target);

    @Override void close();

    /** Opens whatever weight format the directory holds: safetensors (single or sharded) first, then pytorch_model*.bin. */
    static WeightStore open(Path dir) {
        if (Files.exists(dir.resolve("model.safetensors")) || Files.exists(dir.resolve("model.safetensors.index.json"))) {
            return SafetensorsStore.open(dir);
        }
        if (Files.exists(dir.resolve("pytorch_model.bin")) || Files.exists(dir.resolve("pytorch_model.bin.index.json"))) {
            return TorchBinStore.open(dir);
        }
        throw new BadInputException(dir + ": no weights found (expected model.safetensors, "
                + "model.safetensors.index.json, pytorch_model.bin or pytorch_model.bin.index.json)");
    }
}
