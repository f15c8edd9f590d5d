package org.elusive.model;

import ai.djl.pytorch.jni.JniUtils;

/**
 * Autograd off on the calling thread for a scope, restored on close: what every forward that only
 * scores runs under.
 *
 * <p>Why explicit: autograd mode is per thread in libtorch, and DJL turns it off only on the thread
 * that starts the engine. A scoring thread that did not (the engine started beside the request
 * building, or on a prefetching thread) would otherwise record autograd graphs and, since
 * {@link AttentionPath#fused} reads the mode to tell training from scoring, leave the fused
 * attention for the composed one: the same numbers, several times slower.
 */
public final class NoGrad implements AutoCloseable {
    private final boolean was;

    private NoGrad() {
        was = JniUtils.isGradMode();
        if (was) JniUtils.setGradMode(false);
    }

    /** Turns autograd off on this thread until {@link #close}. */
    public static NoGrad enter() { return new NoGrad(); }

    @Override public void close() {
        if (was) JniUtils.setGradMode(true);
    }
}
