package org.elusive.scoring;

import java.nio.IntBuffer;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The tokens lm-eval 0.4.13's HF backend computes for the same requests, for comparison in the bench:
 * one forward row per distinct {@code context + continuation[:-1]} (its logits cache groups requests
 * by that key and reads every target of a group from one row), left-truncated to the model's maximum
 * length. It projects every one of those positions through the vocabulary; padding to the longest row
 * of its batches comes on top and is not counted here.
 */
public final class LmEvalWork {
    private LmEvalWork() {}

    public static long tokens(List<List<Encoder.Pair>> requests, int maxLength) {
        Set<IntBuffer> keys = new HashSet<>();
        long total = 0;
        for (List<Encoder.Pair> r : requests) {
            for (Encoder.Pair p : r) {
                int[] ctx = p.context(), cont = p.continuation();
                int[] key = new int[ctx.length + cont.length - 1];
                System.arraycopy(ctx, 0, key, 0, ctx.length);
                System.arraycopy(cont, 0, key, ctx.length, cont.length - 1);
                if (keys.add(IntBuffer.wrap(key))) total += Math.min(maxLength, key.length);
            }
        }
        return total;
    }
}
