package org.elusive.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Rows after a prefilled prefix get the hidden states of the whole sequence: every architecture
 * (partial and full rotary, grouped kv heads, q/k norms, clipping, learned positions), both attention
 * paths, a batch of two rows with a block mask (one row two segments that each continue the prefix,
 * the other one segment and padding).
 */
class PrefixCacheTest {
    static final int P = 21, T = 24;
    /** Row 0: segments of 9 and 15 tokens; row 1: 13 tokens, then 11 padding. */
    static final int[][] SEGMENTS = {{9, 15}, {13}};

    @ParameterizedTest
    @ValueSource(strings = {"gpt_neox-fp32", "gpt_neox_seq-fp32", "llama-fp32", "olmo-fp32", "olmo2-fp32", "gpt2-fp32"})
    void rowsAfterAPrefixMatchTheWholeSequence(String name) {
        try (Transformer model = (Transformer) CheckpointLoader.load(Fixture.dir(name), Device.cpu(), DataType.FLOAT32);
             NDManager m = NDManager.newBaseManager(Device.cpu())) {
            Random rnd = new Random(3);
            long[] prefix = ids(rnd, model, P);
            long[][] rows = {ids(rnd, model, T), ids(rnd, model, T)};
            for (AttentionPath path : AttentionPath.values()) {
                model.attention(path);
                double max = 0;
                try (PrefixCache cache = model.prefill(m.create(new long[][] {prefix}))) {
                    assertEquals(P, cache.length());
                    assertEquals(model.config().numLayers(), cache.keys().size());
                    NDArray got = model.hidden(m.create(rows), m.create(positions()), blockMask(m), cache);
                    float[] h = got.toFloatArray();
                    int d = model.config().hiddenSize();
                    for (int r = 0; r < rows.length; r++) {
                        int at = 0;
                        for (int len : SEGMENTS[r]) {
                            float[] whole = wholeSequence(model, m, prefix, Arrays.copyOfRange(rows[r], at, at + len));
                            for (int j = 0; j < len; j++) {
                                for (int k = 0; k < d; k++) {
                                    max = Math.max(max, Math.abs(h[(r * T + at + j) * d + k] - whole[(P + j) * d + k]));
                                }
                            }
                            at += len;
                        }
                    }
                }
                System.out.printf("%s %s: prefix + rows vs whole sequence max |dh| = %.3g%n", name, path, max);
                assertTrue(max < 1e-4, name + " " + path + ": " + max);
            }
        }
    }

    /** Plain rows (no mask: causal within the row) after the prefix: the CPU's split attention takes its causal branch. */
    @ParameterizedTest
    @ValueSource(strings = {"gpt_neox-fp32", "llama-fp32"})
    void plainRowsAfterAPrefixMatchTheWholeSequence(String name) {
        try (Transformer model = (Transformer) CheckpointLoader.load(Fixture.dir(name), Device.cpu(), DataType.FLOAT32);
             NDManager m = NDManager.newBaseManager(Device.cpu())) {
            Random rnd = new Random(5);
            long[] prefix = ids(rnd, model, P);
            long[][] rows = {ids(rnd, model, T), ids(rnd, model, T)};
            long[][] pos = new long[rows.length][T];
            for (long[] p : pos) for (int j = 0; j < T; j++) p[j] = P + j;
            for (AttentionPath path : AttentionPath.values()) {
                model.attention(path);
                double max = 0;
                try (PrefixCache cache = model.prefill(m.create(new long[][] {prefix}))) {
                    float[] h = model.hidden(m.create(rows), m.create(pos), null, cache).toFloatArray();
                    int d = model.config().hiddenSize();
                    for (int r = 0; r < rows.length; r++) {
                        float[] whole = wholeSequence(model, m, prefix, rows[r]);
                        for (int j = 0; j < T * d; j++) max = Math.max(max, Math.abs(h[r * T * d + j] - whole[P * d + j]));
                    }
                }
                System.out.printf("%s %s plain rows: prefix + rows vs whole sequence max |dh| = %.3g%n", name, path, max);
                assertTrue(max < 1e-4, name + " " + path + ": " + max);
            }
        }
    }

    private static float[] wholeSequence(Transformer model, NDManager m, long[] prefix, long[] segment) {
        long[] all = new long[prefix.length + segment.length];
        System.arraycopy(prefix, 0, all, 0, prefix.length);
        System.arraycopy(segment, 0, all, prefix.length, segment.length);
        return model.hidden(m.create(new long[][] {all}), null, null).toFloatArray();
    }

    static long[] ids(Random rnd, Transformer model, int n) {
        long[] out = new long[n];
        for (int i = 0; i < n; i++) out[i] = rnd.nextInt(model.config().vocabSize());
        return out;
    }

    /** Each segment's positions continue after the prefix; padding continues too (its values are never read). */
    static long[][] positions() {
        long[][] pos = new long[SEGMENTS.length][T];
        for (int r = 0; r < SEGMENTS.length; r++) {
            int j = 0;
            for (int len : SEGMENTS[r]) for (int p = 0; p < len; p++) pos[r][j++] = P + p;
            while (j < T) pos[r][j++] = P;
        }
        return pos;
    }

    /** Within a row, a token sees earlier tokens of its own segment; padding sees only itself. */
    static NDArray blockMask(NDManager m) {
        boolean[] bits = new boolean[SEGMENTS.length * T * T];
        for (int r = 0; r < SEGMENTS.length; r++) {
            int[] seg = new int[T];
            Arrays.fill(seg, -1);
            int j = 0;
            for (int s = 0; s < SEGMENTS[r].length; s++) for (int p = 0; p < SEGMENTS[r][s]; p++) seg[j++] = s;
            for (int q = 0; q < T; q++) {
                for (int k = 0; k <= q; k++) bits[(r * T + q) * T + k] = seg[q] < 0 ? k == q : seg[k] == seg[q];
            }
        }
        return m.create(bits, new Shape(SEGMENTS.length, T, T));
    }
}
