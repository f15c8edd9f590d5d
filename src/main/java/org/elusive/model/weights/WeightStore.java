package org.elusive.model.weights;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import org.elusive.core.BadInputException;

/**
 * The named tensors of a checkpoint directory; only headers are read when it opens. Tensors are handed
 * out as FLOAT32 or FLOAT16 only: bf16 on disk is converted in Java, because DJL's PyTorch engine aborts
 * the JVM on BFLOAT16.
 */
public interface WeightStore extends AutoCloseable {

    Set<String> names();

    TensorInfo info(String name);

    /** Loads one tensor converted to {@code target} (FLOAT32 or FLOAT16). Unknown name: BadInputException naming the file. */
    NDArray load(String name, NDManager manager, DataType target);

    /**
     * Loads {@code names} in parallel (file order, bounded threads), each converted straight into its
     * destination; on a GPU manager each tensor goes to the device as soon as it is read, so host memory
     * holds a bounded number of tensors, not the model. All or nothing: on failure nothing stays attached.
     */
    Map<String, NDArray> loadAll(Collection<String> names, NDManager manager, DataType target);

    @Override void close();

    /** Opens whatever weight format the directory holds: safetensors (single or sharded) first, then pytorch_model*.bin. */
    static WeightStore open(Path dir) {
        if (Files.exists(dir.resolve(SafetensorsStore.SINGLE)) || Files.exists(dir.resolve(SafetensorsStore.INDEX))) {
            return SafetensorsStore.open(dir);
        }
        if (Files.exists(dir.resolve(TorchBinStore.SINGLE)) || Files.exists(dir.resolve(TorchBinStore.INDEX))) {
            return TorchBinStore.open(dir);
        }
        throw new BadInputException(dir + ": no weights found (expected model.safetensors, "
                + "model.safetensors.index.json, pytorch_model.bin or pytorch_model.bin.index.json)");
    }
}
