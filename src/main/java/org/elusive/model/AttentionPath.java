package org.elusive.model;

import ai.djl.pytorch.jni.JniUtils;

/**
 * Which attention a forward runs: libtorch's fused scaled-dot-product attention ({@link Sdpa}), the
 * default, or the composed reference. A per-model choice ({@code --attention}); the rule is
 * {@link #fused}. Both give the same log-likelihoods to ~1e-5 in fp32 (AttentionParityTest); only
 * speed and memory differ. docs/attention.md has the measurements behind the default.
 */
public enum AttentionPath {
    /**
     * Fused wherever it can run. Measured no slower than composed at 128-token rows on CPU and 1.2–1.7×
     * less CPU time from 256 to 2048 tokens (fp32, block mask or causal); 8–39× faster on an H200 in
     * fp16; and it never materialises the [b, h, t, t] scores.
     */
    SDPA,
    /** matmul + fp32 additive mask + fp32 softmax + matmul: the reference, and the only path autograd goes through. */
    COMPOSED;

    /**
     * Whether a forward started now runs fused: SDPA, unless autograd records on this thread (DJL runs
     * TorchScript without autograd, so gradients would stop at the attention; training takes the
     * composed path whatever was chosen).
     */
    boolean fused() {
        return this == SDPA && !JniUtils.isGradMode();
    }
}
