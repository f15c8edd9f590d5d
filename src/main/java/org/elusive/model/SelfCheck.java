package org.elusive.model;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One forward of a tiny GPT-NeoX with random weights (the embedded {@code bench/tiny.json} shape)
 * on a device and dtype, compared with the same weights in fp32 on the CPU: a wrong libtorch, a
 * broken driver or a kernel that misbehaves shows up as a difference far above rounding, before a
 * sweep spends hours producing it.
 */
public final class SelfCheck {
    /** The largest |Δ log-prob| the device may show: fp32 kernels differ in summation order only; fp16 rounds weights and activations. */
    public static double tolerance(DataType type) { return type == DataType.FLOAT16 ? 0.05 : 1e-4; }

    /** @param maxAbsDiff largest |Δ log-prob| over every position and vocabulary entry (infinite when a value is not finite) */
    public record Result(Device device, DataType type, double maxAbsDiff, double tolerance) {
        public boolean ok() { return maxAbsDiff <= tolerance; }
    }

    private static final int TOKENS = 12;

    private SelfCheck() {}

    public static Result run(Device device, DataType type) {
        GptNeoX.Config c = GptNeoX.Config.from(tinyConfig());
        try (NDManager cpu = NDManager.newBaseManager(Device.cpu(), "PyTorch");
                NDManager dev = NDManager.newBaseManager(device, "PyTorch")) {
            Map<String, NDArray> reference = new LinkedHashMap<>(), onDevice = new LinkedHashMap<>();
            for (var e : GptNeoX.shapes(c).entrySet()) {
                // norms at one, biases random too: every parameter must reach the output
                boolean normWeight = e.getKey().endsWith("layernorm.weight") || e.getKey().endsWith("final_layer_norm.weight");
                NDArray a = cpu.randomNormal(normWeight ? 1f : 0f, 0.02f, new Shape(e.getValue()), DataType.FLOAT32);
                reference.put(e.getKey(), a);
                NDArray d = a.toDevice(device, true).toType(type, false);
                d.attach(dev);
                onDevice.put(e.getKey(), d);
            }
            float[] expected = logProbs(GptNeoX.fromParameters(c, reference), cpu, c.vocabSize());
            float[] actual = logProbs(GptNeoX.fromParameters(c, onDevice), cpu, c.vocabSize());
            return new Result(device, type, maxAbsDiff(expected, actual), tolerance(type));
        }
    }

    /** fp32 log-probs of every position of a fixed token sequence, on the CPU. */
    private static float[] logProbs(Transformer model, NDManager cpu, int vocab) {
        try (NoGrad scoring = NoGrad.enter(); NDManager call = cpu.newSubManager()) {
            long[] ids = new long[TOKENS];
            for (int i = 0; i < TOKENS; i++) ids[i] = (i * 7919L + 13) % vocab;
            NDArray hidden = model.hidden(call.create(ids, new Shape(1, TOKENS)), null, null);
            NDArray rows = hidden.reshape(TOKENS, hidden.getShape().get(2));
            return model.logSoftmax(rows).toDevice(Device.cpu(), false).toFloatArray();
        }
    }

    /** Largest |a[i] - b[i]|; infinite when any value is NaN or infinite (a NaN must never pass). */
    static double maxAbsDiff(float[] a, float[] b) {
        if (a.length != b.length) return Double.POSITIVE_INFINITY;
        double max = 0;
        for (int i = 0; i < a.length; i++) {
            if (!Float.isFinite(a[i]) || !Float.isFinite(b[i])) return Double.POSITIVE_INFINITY;
            max = Math.max(max, Math.abs((double) a[i] - b[i]));
        }
        return max;
    }

    private static HfConfig tinyConfig() {
        try (InputStream in = SelfCheck.class.getResourceAsStream("/bench/tiny.json")) {
            return new HfConfig(Path.of("bench/tiny.json"), new ObjectMapper().readTree(in));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the embedded bench/tiny.json", e);
        }
    }
}
