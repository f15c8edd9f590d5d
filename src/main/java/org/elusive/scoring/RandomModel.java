package org.elusive.scoring;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.elusive.core.BadInputException;
import org.elusive.model.AttentionPath;
import org.elusive.model.CausalLM;
import org.elusive.model.GptNeoX;
import org.elusive.model.HfConfig;
import org.elusive.model.ModelConfig;
import org.elusive.model.PrefixCache;
import org.elusive.model.Transformer;

/**
 * A GPT-NeoX of a given shape with random weights (N(0, 0.02), norms at one), for benchmarks: the
 * same forward code as a loaded checkpoint, no download. Shapes: the embedded {@code bench/*.json}
 * (tiny, pythia-14m, pythia-70m, pythia-160m, pythia-410m) or any GPT-NeoX config.json.
 */
public final class RandomModel implements CausalLM {
    private final Transformer model;
    private final NDManager manager;

    private RandomModel(Transformer model, NDManager manager) {
        this.model = model;
        this.manager = manager;
    }

    public static HfConfig config(String nameOrFile) {
        Path file = Path.of(nameOrFile);
        if (Files.isRegularFile(file)) return HfConfig.read(file);
        try (InputStream in = RandomModel.class.getResourceAsStream("/bench/" + nameOrFile + ".json")) {
            if (in == null) {
                throw new BadInputException("--config " + nameOrFile + ": neither a config.json file nor one of "
                        + "tiny, pythia-14m, pythia-70m, pythia-160m, pythia-410m");
            }
            return new HfConfig(Path.of("bench/" + nameOrFile + ".json"), new ObjectMapper().readTree(in));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static RandomModel create(HfConfig config, Device device, DataType type, long seed) {
        if (!GptNeoX.ARCHITECTURE.equals(config.architecture())) {
            throw new BadInputException(config.file() + ": key 'architectures': random-weight benchmarks build "
                    + GptNeoX.ARCHITECTURE + " only, not " + config.architecture());
        }
        GptNeoX.Config c = GptNeoX.Config.from(config);
        Engine.getEngine("PyTorch").setRandomSeed((int) seed);
        NDManager manager = NDManager.newBaseManager(device, "PyTorch");
        Map<String, NDArray> tensors = new LinkedHashMap<>();
        for (var e : GptNeoX.shapes(c).entrySet()) {
            Shape shape = new Shape(e.getValue());
            boolean normWeight = e.getKey().endsWith("layernorm.weight") || e.getKey().endsWith("final_layer_norm.weight");
            boolean bias = e.getKey().endsWith(".bias");
            NDArray a = normWeight ? manager.ones(shape) : bias ? manager.zeros(shape)
                    : manager.randomNormal(0f, 0.02f, shape, DataType.FLOAT32);
            tensors.put(e.getKey(), a.toType(type, false));
        }
        return new RandomModel(GptNeoX.fromParameters(c, tensors), manager);
    }

    /** The attention later forwards use (bench --attention). */
    public void attention(AttentionPath path) { model.attention(path); }

    /** Parameter count (all tensors, as the registries count). */
    public long params() {
        long n = 0;
        for (NDArray a : model.parameters().values()) n += a.getShape().size();
        return n;
    }

    @Override public ModelConfig config() { return model.config(); }

    @Override public NDManager manager() { return manager; }

    @Override public NDArray hidden(NDArray ids, NDArray positionIds, NDArray attentionMask) {
        return model.hidden(ids, positionIds, attentionMask);
    }

    @Override public PrefixCache prefill(NDArray ids) { return model.prefill(ids); }

    @Override public NDArray hidden(NDArray ids, NDArray positionIds, NDArray attentionMask, PrefixCache prefix) {
        return model.hidden(ids, positionIds, attentionMask, prefix);
    }

    @Override public NDArray hiddenAt(NDArray ids, NDArray positionIds, NDArray attentionMask, PrefixCache prefix,
            NDArray select) {
        return model.hiddenAt(ids, positionIds, attentionMask, prefix, select);
    }

    @Override public NDArray logSoftmax(NDArray hiddenRows) { return model.logSoftmax(hiddenRows); }

    @Override public void close() {
        model.close();
        manager.close();
    }
}
