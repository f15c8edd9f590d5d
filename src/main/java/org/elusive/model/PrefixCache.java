package org.elusive.model;

import ai.djl.ndarray.NDArray;
import java.util.List;

/**
 * Every layer's keys and values for one token prefix (positions 0..length-1), as {@link CausalLM#prefill}
 * computed them: what a later row's tokens attend to instead of recomputing the prefix.
 *
 * <p>Why keys after rotary: a key's rotation depends only on its own position, which the prefix
 * fixes, so the stored keys are exactly those the full sequence would compute. The arrays stay on
 * the model's device in its compute dtype and belong to the manager of the prefill call's input;
 * {@link #close} frees them as soon as the last row that needs them has run.
 *
 * @param keys   per layer, [1, kvHeads, length, headDim] (a model's own layout; callers never look inside)
 * @param values per layer, like keys
 */
public record PrefixCache(List<NDArray> keys, List<NDArray> values, int length) implements AutoCloseable {

    public PrefixCache {
        if (keys.size() != values.size()) throw new IllegalArgumentException(keys.size() + " key layers, " + values.size() + " value layers");
        keys = List.copyOf(keys);
        values = List.copyOf(values);
    }

    @Override public void close() {
        for (NDArray a : keys) a.close();
        for (NDArray a : values) a.close();
    }
}
