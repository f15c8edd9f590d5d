package org.elusive.model;

import ai.djl.Device;
import ai.djl.pytorch.jni.JniUtils;
import java.util.Locale;
import org.elusive.BadInputException;

/**
 * Which attention kernel a forward runs: the composed reference or libtorch's fused
 * scaled-dot-product attention ({@link Sdpa}). Chosen per model ({@code --attention}); AUTO's rule
 * is {@link #use}. Both give the same log-likelihoods to ~1e-6 in fp32 (AttentionParityTest); only
 * the speed differs. docs/attention.md has the measurements behind the rule.
 */
public enum AttentionPath {
    /** matmul + fp32 additive mask + fp32 softmax + matmul: the reference, and the only path autograd goes through. */
    COMPOSED,
    /** torch's scaled_dot_product_attention whenever autograd is off. */
    SDPA,
    /** SDPA where it was measured faster, else composed; see {@link #use}. */
    AUTO;

    /** "auto", "composed" or "sdpa" (any case). */
    public static AttentionPath parse(String spec) {
        try {
            return valueOf(spec.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new BadInputException("--attention " + spec + ": expected auto, composed or sdpa");
        }
    }

    /**
     * Whether a forward of {@code length} tokens per row on {@code device} runs fused. Never while
     * autograd records (the TorchScript call runs without it, so gradients would stop there). AUTO:
     * on CUDA always (flash for plain causal, memory-efficient for a mask; the composed path there
     * would materialise [b, h, t, t] scores); on CPU from {@link #CPU_MIN_LENGTH} tokens, where the
     * flash kernel's tiling beats the composed softmax pass over the scores.
     */
    boolean use(Device device, long length) {
        if (this == COMPOSED || JniUtils.isGradMode()) return false;
        return this == SDPA || device.isGpu() || length >= CPU_MIN_LENGTH;
    }

    /** Below this many tokens per row the composed path was as fast or faster on CPU (docs/attention.md). */
    static final long CPU_MIN_LENGTH = 0;
}
