package org.elusive.scoring;

/**
 * How the scorer batches its work. None of these change the numbers it produces (tested): they only
 * trade memory for speed.
 *
 * @param batchTokens padded tokens per forward call (rows × longest row); a row longer than this
 *                    still runs, alone
 * @param pack        pack the choices of a request that share a context into one row (off: one row
 *                    per choice, as lm-eval computes them)
 * @param maxLength   the model's maximum sequence length for lm-eval's left truncation; 0 = the
 *                    checkpoint's {@code max_position_embeddings}
 * @param readChunk   continuation positions per vocabulary projection (bounds the [n, vocab] fp32 block)
 * @param rowTokens   packed rows are filled up to this many tokens (and at most {@code batchTokens});
 *                    an input longer than that gets a row of its own length. {@link #AUTO_ROW_TOKENS}
 *                    (0): chosen per run from the shared prefixes and the hidden size ({@link RowCap})
 * @param prefixCache with {@code pack}: a prefix that several rows would each repeat (an MMLU subject's
 *                    few-shot block) is computed once and its keys and values reused by those rows
 */
public record ScoringOptions(int batchTokens, boolean pack, int maxLength, int readChunk, int rowTokens, boolean prefixCache) {

    /**
     * Row cap chosen per run. Dense attention costs row length squared per row, while shorter rows
     * repeat a shared few-shot prefix more often, so the best cap depends on the work: {@link RowCap}
     * picks about {@code P + sqrt(P² + 6·d·P)} tokens for a shared prefix of P tokens and hidden size
     * d, within [256, 2048] and the batch budget. On CPU with a Pythia-160m shape (2-core machine
     * shared with other jobs, so noisy): MMLU-5-shot-shaped work (40 questions per subject) computes
     * 28% fewer tokens in 2,048-token rows than in 1,024 and ran 13% faster there when the machine was
     * lightly loaded; HellaSwag-shaped work shares nothing across documents and ran 10–16% faster in
     * 256–512-token rows. A fixed 1,024 was the previous compromise.
     */
    public static final int AUTO_ROW_TOKENS = 0;

    public ScoringOptions {
        if (batchTokens < 1) throw new IllegalArgumentException("batchTokens must be >= 1: " + batchTokens);
        if (maxLength < 0) throw new IllegalArgumentException("maxLength must be >= 0: " + maxLength);
        if (readChunk < 1) throw new IllegalArgumentException("readChunk must be >= 1: " + readChunk);
        if (rowTokens < 0) throw new IllegalArgumentException("rowTokens must be >= 0: " + rowTokens);
    }

    public static ScoringOptions defaults() { return new ScoringOptions(4096, true, 0, 512, AUTO_ROW_TOKENS, true); }

    public ScoringOptions withBatchTokens(int n) { return new ScoringOptions(n, pack, maxLength, readChunk, rowTokens, prefixCache); }

    public ScoringOptions withPack(boolean p) { return new ScoringOptions(batchTokens, p, maxLength, readChunk, rowTokens, prefixCache); }

    public ScoringOptions withMaxLength(int n) { return new ScoringOptions(batchTokens, pack, n, readChunk, rowTokens, prefixCache); }

    public ScoringOptions withRowTokens(int n) { return new ScoringOptions(batchTokens, pack, maxLength, readChunk, n, prefixCache); }

    public ScoringOptions withPrefixCache(boolean c) { return new ScoringOptions(batchTokens, pack, maxLength, readChunk, rowTokens, c); }

    /** The row cap the packer uses for a model of this hidden size: a row never exceeds a batch (except an over-long input). */
    RowCap rowCap(int hiddenSize) { return new RowCap(rowTokens, batchTokens, hiddenSize); }

    /**
     * What goes into a sweep's fingerprint: the options that change results (maxLength truncates; batching
     * and packing do not), and how a log-likelihood is summed: lm-eval's float32 sum; units stored by
     * earlier versions summed in double and are redone.
     */
    public String fingerprint() { return "maxLength=" + maxLength + ";ll=float32-torch"; }
}
