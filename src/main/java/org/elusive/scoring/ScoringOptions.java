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
 */
public record ScoringOptions(int batchTokens, boolean pack, int maxLength, int readChunk) {

    public ScoringOptions {
        if (batchTokens < 1) throw new IllegalArgumentException("batchTokens must be >= 1: " + batchTokens);
        if (maxLength < 0) throw new IllegalArgumentException("maxLength must be >= 0: " + maxLength);
        if (readChunk < 1) throw new IllegalArgumentException("readChunk must be >= 1: " + readChunk);
    }

    public static ScoringOptions defaults() { return new ScoringOptions(4096, true, 0, 512); }

    public ScoringOptions withBatchTokens(int n) { return new ScoringOptions(n, pack, maxLength, readChunk); }

    public ScoringOptions withPack(boolean p) { return new ScoringOptions(batchTokens, p, maxLength, readChunk); }

    public ScoringOptions withMaxLength(int n) { return new ScoringOptions(batchTokens, pack, n, readChunk); }

    /** What goes into a sweep's fingerprint: the options that change results (maxLength truncates; batching and packing do not). */
    public String fingerprint() { return "maxLength=" + maxLength; }
}
