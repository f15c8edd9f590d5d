package org.elusive.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The fused path (torch's scaled_dot_product_attention through TorchScript) against the composed
 * reference, through whole models: partial rotary (GPT-NeoX), grouped kv heads (Llama, OLMo-2),
 * clipping (OLMo-1), q/k norms (OLMo-2), learned positions (GPT-2).
 */
class AttentionParityTest {

    /** Two rows packed as the scorer packs them: segments restart positions, later segments see the first. */
    static final int[][] SEGMENTS = {{14, 9, 21, 11, 9}, {30, 17, 6}}; // row 1 ends in 11 padding tokens
    static final int T = 64;

    @ParameterizedTest
    @ValueSource(strings = {"gpt_neox-fp32", "gpt_neox_seq-fp32", "llama-fp32", "olmo-fp32", "olmo2-fp32", "gpt2-fp32"})
    void fusedMatchesComposedOnPackedRows(String name) {
        try (Transformer model = (Transformer) CheckpointLoader.load(Fixture.dir(name), Device.cpu(), DataType.FLOAT32);
             NDManager m = NDManager.newBaseManager(Device.cpu())) {
            long[][] ids = randomIds(model.config().vocabSize(), 7);
            NDArray idsNd = m.create(ids), pos = m.create(positions()), mask = blockMask(m);
            float[] composed = nextTokenLogprobs(model, AttentionPath.COMPOSED, idsNd, pos, mask, ids);
            float[] fused = nextTokenLogprobs(model, AttentionPath.SDPA, idsNd, pos, mask, ids);
            double err = maxDiff(composed, fused, true);
            System.out.printf("%s packed: fused vs composed max |dlogp| = %.3g%n", name, err);
            assertTrue(err < 1e-5, name + ": " + err);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"gpt_neox-fp32", "llama-fp32", "olmo2-fp32", "gpt2-fp32"})
    void fusedMatchesComposedPlainCausal(String name) {
        try (Transformer model = (Transformer) CheckpointLoader.load(Fixture.dir(name), Device.cpu(), DataType.FLOAT32);
             NDManager m = NDManager.newBaseManager(Device.cpu())) {
            long[][] ids = randomIds(model.config().vocabSize(), 11);
            NDArray idsNd = m.create(ids);
            float[] composed = nextTokenLogprobs(model, AttentionPath.COMPOSED, idsNd, null, null, ids);
            float[] fused = nextTokenLogprobs(model, AttentionPath.SDPA, idsNd, null, null, ids);
            double err = maxDiff(composed, fused, false);
            System.out.printf("%s causal: fused vs composed max |dlogp| = %.3g%n", name, err);
            assertTrue(err < 1e-5, name + ": " + err);
        }
    }

    /** fp16 compute (the CUDA default) with the mask in the compute dtype: the paths agree to fp16 rounding. */
    @ParameterizedTest
    @ValueSource(strings = {"gpt_neox-fp32", "llama-fp32"})
    void fp16PathsAgree(String name) {
        try (Transformer model = (Transformer) CheckpointLoader.load(Fixture.dir(name), Device.cpu(), DataType.FLOAT16);
             NDManager m = NDManager.newBaseManager(Device.cpu())) {
            long[][] ids = randomIds(model.config().vocabSize(), 5);
            NDArray idsNd = m.create(ids), pos = m.create(positions()), mask = blockMask(m);
            float[] composed = nextTokenLogprobs(model, AttentionPath.COMPOSED, idsNd, pos, mask, ids);
            float[] fused = nextTokenLogprobs(model, AttentionPath.SDPA, idsNd, pos, mask, ids);
            double err = maxDiff(composed, fused, true);
            System.out.printf("%s fp16 packed: fused vs composed max |dlogp| = %.3g%n", name, err);
            assertTrue(err < 2e-2, name + ": " + err);
        }
    }

    /** transformers' golden numbers hold on both paths (padding mask, every architecture). */
    @ParameterizedTest
    @ValueSource(strings = {"gpt_neox-fp32", "gpt_neox_seq-fp32", "llama-fp32", "olmo-fp32", "olmo2-fp32", "gpt2-fp32",
            "gpt_neox-fp16", "llama-bf16"})
    void bothPathsMatchTransformers(String name) {
        Fixture f = Fixture.load(name);
        try (Transformer model = (Transformer) CheckpointLoader.load(f.dir(), Device.cpu(), DataType.FLOAT32);
             NDManager m = NDManager.newBaseManager(Device.cpu())) {
            for (AttentionPath path : AttentionPath.values()) {
                model.attention(path);
                double err = f.maxError(model, m);
                System.out.printf("%s %s fp32 max |err| = %.3g%n", name, path, err);
                assertTrue(err < 1e-4, name + " " + path + ": max error " + err);
            }
        }
    }

    /** The TorchScript call runs without autograd, so gradients must never be asked to flow through it. */
    @Test
    void autogradAlwaysTakesTheComposedPath() {
        assertTrue(AttentionPath.SDPA.fused());
        assertFalse(AttentionPath.COMPOSED.fused());
        try (GradientCollector gc = Engine.getEngine("PyTorch").newGradientCollector()) {
            assertFalse(AttentionPath.SDPA.fused());
        }
        assertTrue(AttentionPath.SDPA.fused());
    }

    private static float[] nextTokenLogprobs(Transformer model, AttentionPath path, NDArray ids, NDArray pos, NDArray mask,
            long[][] tokens) {
        model.attention(path);
        try (NDManager c = ids.getManager().newSubManager()) {
            NDArray hidden = model.hidden(ids, pos, mask);
            hidden.attach(c);
            NDArray lp = model.logSoftmax(hidden.reshape(-1, hidden.getShape().get(2)));
            lp.attach(c);
            long[] next = new long[tokens.length * T];
            for (int r = 0; r < tokens.length; r++) for (int j = 0; j + 1 < T; j++) next[r * T + j] = tokens[r][j + 1];
            return lp.gather(c.create(next, new Shape(next.length, 1)), 1).toFloatArray();
        }
    }

    /** Over real tokens (the padding tail of row 1 is excluded when {@code packed}). */
    private static double maxDiff(float[] a, float[] b, boolean packed) {
        double max = 0;
        for (int r = 0; r < SEGMENTS.length; r++) {
            int real = packed ? java.util.Arrays.stream(SEGMENTS[r]).sum() : T;
            for (int j = 0; j + 1 < real; j++) max = Math.max(max, Math.abs(a[r * T + j] - b[r * T + j]));
        }
        return max;
    }

    private static long[][] randomIds(int vocab, long seed) {
        Random rnd = new Random(seed);
        long[][] ids = new long[SEGMENTS.length][T];
        for (long[] row : ids) for (int j = 0; j < T; j++) row[j] = rnd.nextInt(vocab);
        return ids;
    }

    private static long[][] positions() {
        long[][] pos = new long[SEGMENTS.length][T];
        for (int r = 0; r < SEGMENTS.length; r++) {
            int j = 0;
            for (int len : SEGMENTS[r]) for (int p = 0; p < len; p++) pos[r][j++] = p;
        }
        return pos;
    }

    /** Segment s > 0 sees segment 0 and itself, causally; padding sees only itself (the scorer's layout). */
    private static NDArray blockMask(NDManager m) {
        boolean[] bits = new boolean[SEGMENTS.length * T * T];
        for (int r = 0; r < SEGMENTS.length; r++) {
            int[] seg = new int[T];
            java.util.Arrays.fill(seg, -1);
            int j = 0;
            for (int s = 0; s < SEGMENTS[r].length; s++) for (int p = 0; p < SEGMENTS[r][s]; p++) seg[j++] = s;
            for (int q = 0; q < T; q++) {
                for (int k = 0; k <= q; k++) {
                    boolean visible = seg[q] < 0 ? k == q : seg[k] == 0 || seg[k] == seg[q];
                    bits[(r * T + q) * T + k] = visible;
                }
            }
        }
        return m.create(bits, new Shape(SEGMENTS.length, T, T));
    }
}
