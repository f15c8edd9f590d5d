package org.elusive.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/**
 * A decoder-only language model on the DJL PyTorch engine.
 *
 * <p>Callers may pack several sequences into one row: {@code positionIds} restart per sequence and
 * {@code attentionMask} says which key each query may see, so packed rows give the same numbers as
 * unpacked ones. Only the positions the caller asks for go through the vocabulary projection.
 */
public interface CausalLM extends AutoCloseable {

    ModelConfig config();

    /** The manager that owns the weights; per-call work should use a sub-manager of it. */
    NDManager manager();

    /**
     * @param ids           int64 [batch, length]
     * @param positionIds   int64 [batch, length]
     * @param attentionMask boolean [batch, length, length] (query, key), true = may attend; null = plain causal
     * @return final hidden states (after the last norm), compute dtype, [batch, length, hidden]
     */
    NDArray hidden(NDArray ids, NDArray positionIds, NDArray attentionMask);

    /** fp32 log-softmax over the vocabulary for the given hidden rows: [n, hidden] → [n, vocab]. */
    NDArray logSoftmax(NDArray hiddenRows);

    @Override void close();
}
