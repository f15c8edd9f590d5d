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

    /**
     * Runs one token prefix and keeps what later rows need of it, so a prefix shared by many rows is
     * computed once: its tokens sit at positions 0..P-1 under plain causal attention.
     *
     * @param ids int64 [1, P]
     * @return every layer's keys and values, on the model's device, owned by the manager of {@code ids}
     */
    PrefixCache prefill(NDArray ids);

    /**
     * {@link #hidden(NDArray, NDArray, NDArray)} for rows that each continue {@code prefix}: every row
     * token may attend to every prefix token, and within the row to the keys {@code attentionMask}
     * allows. Positions continue after the prefix ({@code positionIds} are the caller's, required), so
     * each token's hidden state is the one it has in the whole sequence. A null prefix: the plain call.
     */
    NDArray hidden(NDArray ids, NDArray positionIds, NDArray attentionMask, PrefixCache prefix);

    /**
     * {@link #hidden(NDArray, NDArray, NDArray, PrefixCache)} at the positions the caller reads only:
     * {@code select} int64 [batch, s] holds s positions of each row (a row with fewer reads repeats
     * one), and the result is [batch, s, hidden], slot j of row r the hidden state at position
     * select[r][j]. A model may compute less for it: every layer but the last is needed whole (its
     * outputs are the next layer's keys and values), but the last layer's queries, attention output
     * and MLP matter only there. This default computes everything and gathers.
     */
    default NDArray hiddenAt(NDArray ids, NDArray positionIds, NDArray attentionMask, PrefixCache prefix, NDArray select) {
        return Layers.take(hidden(ids, positionIds, attentionMask, prefix), 1, select);
    }

    /** fp32 log-softmax over the vocabulary for the given hidden rows: [n, hidden] → [n, vocab]. */
    NDArray logSoftmax(NDArray hiddenRows);

    @Override void close();
}
