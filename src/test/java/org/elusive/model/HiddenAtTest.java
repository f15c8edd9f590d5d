package org.elusive.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The last layer run at the read positions only gives the hidden states the whole forward gives
 * there: every architecture (parallel and sequential residual, post-norms, grouped heads, learned
 * positions), both attention paths, rows with and without a cached prefix, block-masked and plain
 * causal, with repeated slots (a row with fewer reads repeats one).
 */
class HiddenAtTest {
    static final int P = PrefixCacheTest.P, T = PrefixCacheTest.T;
    /** Per row: positions read, ascending, then a repeat; the last slot of row 1 is padding's own position. */
    static final long[][] SELECT = {{0, 8, 9, 23, 23}, {4, 12, 12, 12, 20}};

    @ParameterizedTest
    @ValueSource(strings = {"gpt_neox-fp32", "gpt_neox_seq-fp32", "llama-fp32", "olmo-fp32", "olmo2-fp32", "gpt2-fp32"})
    void selectedPositionsMatchTheWholeForward(String name) {
        try (Transformer model = (Transformer) CheckpointLoader.load(Fixture.dir(name), Device.cpu(), DataType.FLOAT32);
             NDManager m = NDManager.newBaseManager(Device.cpu())) {
            Random rnd = new Random(11);
            long[] prefix = PrefixCacheTest.ids(rnd, model, P);
            long[][] rows = {PrefixCacheTest.ids(rnd, model, T), PrefixCacheTest.ids(rnd, model, T)};
            NDArray select = m.create(SELECT);
            for (AttentionPath path : AttentionPath.values()) {
                model.attention(path);
                for (boolean cached : new boolean[] {false, true}) {
                    for (boolean masked : new boolean[] {false, true}) {
                        try (PrefixCache cache = cached ? model.prefill(m.create(new long[][] {prefix})) : null) {
                            NDArray ids = m.create(rows), pos = m.create(PrefixCacheTest.positions());
                            NDArray mask = masked ? PrefixCacheTest.blockMask(m) : null;
                            NDArray whole = model.hidden(ids, pos, mask, cache);
                            NDArray at = model.hiddenAt(ids, pos, mask, cache, select);
                            String what = name + " " + path + (cached ? " prefix" : "") + (masked ? " masked" : " causal");
                            assertArrayEquals(new long[] {2, SELECT[0].length, model.config().hiddenSize()}, at.getShape().getShape(), what);
                            double max = maxGap(whole, at, model.config().hiddenSize());
                            System.out.printf("%s: last layer at the selected positions vs whole forward max |dh| = %.3g%n", what, max);
                            assertTrue(max < 1e-5, what + ": " + max);
                        }
                    }
                }
            }
        }
    }

    private static double maxGap(NDArray whole, NDArray at, int d) {
        float[] w = whole.toFloatArray(), a = at.toFloatArray();
        double max = 0;
        for (int r = 0; r < SELECT.length; r++) {
            for (int j = 0; j < SELECT[r].length; j++) {
                int p = (int) SELECT[r][j];
                for (int k = 0; k < d; k++) max = Math.max(max, Math.abs(w[(r * T + p) * d + k] - a[(r * SELECT[r].length + j) * d + k]));
            }
        }
        return max;
    }
}
