package org.elusive.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.elusive.GcChurn;
import org.elusive.model.weights.SafetensorsWriter;
import org.elusive.model.weights.WeightStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo trains GPT-NeoX with this forward code and saves HF checkpoints: both must work. */
class GptNeoXTrainingTest {

    @TempDir Path tmp;

    static final GptNeoX.Config CONFIG = new GptNeoX.Config(64, 32, 2, 4, 64, 0.25, 10000, true, 1e-5, 32,
            "gelu", true, false, 0, 0);

    @Test
    void shapesListEveryCheckpointTensor() {
        HfConfig hf = HfConfig.read(Fixture.dir("gpt_neox-fp32").resolve("config.json"));
        Map<String, long[]> shapes = GptNeoX.shapes(GptNeoX.Config.from(hf));
        try (WeightStore store = WeightStore.open(Fixture.dir("gpt_neox-fp32"))) {
            assertEquals(new java.util.TreeSet<>(store.names()), new java.util.TreeSet<>(shapes.keySet()));
            for (var e : shapes.entrySet()) assertArrayEquals(store.info(e.getKey()).shape(), e.getValue(), e.getKey());
        }
    }

    private static Map<String, NDArray> randomParameters(NDManager m, GptNeoX.Config config) {
        Map<String, NDArray> params = new LinkedHashMap<>();
        GptNeoX.shapes(config).forEach((name, shape) -> {
            NDArray p = name.contains("layernorm") || name.contains("layer_norm")
                    ? (name.endsWith("weight") ? m.ones(new Shape(shape)) : m.zeros(new Shape(shape)))
                    : m.randomNormal(0, 0.2f, new Shape(shape), DataType.FLOAT32);
            p.setRequiresGradient(true);
            params.put(name, p);
        });
        return params;
    }

    /** The backward pass must not read memory that Java has freed (see {@link Scalars}). */
    @Test
    void gradientsDoNotDependOnTheGarbageCollector() throws Exception {
        GptNeoX.Config tanhGelu = new GptNeoX.Config(64, 32, 2, 4, 64, 0.25, 10000, true, 1e-5, 32,
                "gelu_new", true, false, 0, 0);
        for (GptNeoX.Config config : new GptNeoX.Config[] {CONFIG, tanhGelu}) {
            try (NDManager m = NDManager.newBaseManager(Device.cpu())) {
                m.getEngine().setRandomSeed(5);
                Map<String, NDArray> params = randomParameters(m, config);
                Transformer model = GptNeoX.fromParameters(config, params);
                NDArray ids = m.randomInteger(0, 64, new Shape(2, 12), DataType.INT64);
                NDArray targets = m.randomInteger(0, 64, new Shape(24), DataType.INT64);
                Map<String, float[]> quiet = new LinkedHashMap<>();
                for (int run = 0; run < 6; run++) {
                    try (GcChurn churn = run == 0 ? null : new GcChurn()) {
                        for (NDArray p : params.values()) p.getGradient().subi(p.getGradient());
                        try (GradientCollector gc = Engine.getEngine("PyTorch").newGradientCollector()) {
                            NDArray loss = loss(model, ids, targets);
                            Thread.sleep(5);
                            gc.backward(loss);
                        }
                    }
                    for (var e : params.entrySet()) {
                        float[] g = e.getValue().getGradient().toFloatArray();
                        if (run == 0) quiet.put(e.getKey(), g);
                        else assertArrayEquals(quiet.get(e.getKey()), g, 0, config.hiddenAct() + " " + e.getKey() + " run " + run);
                    }
                }
            }
        }
    }

    @Test
    void gradientsReachEveryParameterAndSgdLowersTheLoss() throws IOException {
        try (NDManager m = NDManager.newBaseManager(Device.cpu())) {
            m.getEngine().setRandomSeed(3);
            Map<String, NDArray> params = randomParameters(m, CONFIG);
            Transformer model = GptNeoX.fromParameters(CONFIG, params);
            NDArray ids = m.randomInteger(0, 64, new Shape(2, 12), DataType.INT64);
            NDArray targets = m.randomInteger(0, 64, new Shape(24), DataType.INT64);
            float before;
            try (GradientCollector gc = Engine.getEngine("PyTorch").newGradientCollector()) {
                NDArray loss = loss(model, ids, targets);
                before = loss.getFloat();
                gc.backward(loss);
            }
            for (var e : params.entrySet()) {
                NDArray g = e.getValue().getGradient();
                assertTrue(g.abs().sum().getFloat() > 0, "no gradient for " + e.getKey());
                e.getValue().subi(g.mul(0.5f));
            }
            float after = loss(model, ids, targets).getFloat();
            assertTrue(after < before, before + " -> " + after);

            // saved as an HF checkpoint, it loads back into the same model
            Files.writeString(tmp.resolve("config.json"), CONFIG.toJson().toPrettyString());
            SafetensorsWriter.write(tmp.resolve("model.safetensors"), model.parameters());
            try (CausalLM loaded = CheckpointLoader.load(tmp, Device.cpu(), DataType.FLOAT32)) {
                assertEquals(GptNeoX.ARCHITECTURE, loaded.config().architecture());
                NDArray a = model.hidden(ids, null, null), b = loaded.hidden(ids, null, null);
                assertTrue(a.sub(b).abs().max().getFloat() < 1e-6);
            }
        }
    }

    private static NDArray loss(Transformer model, NDArray ids, NDArray targets) {
        NDArray h = model.hidden(ids, null, null);
        NDArray lp = model.logSoftmax(h.reshape(-1, 32));
        return lp.mul(targets.oneHot(64)).sum().neg().div(Scalars.of(lp, targets.size()));
    }
}
