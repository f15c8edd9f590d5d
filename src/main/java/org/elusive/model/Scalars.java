package org.elusive.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * Scalar operands for ops that autograd differentiates.
 *
 * <p>Why: DJL's {@code x.mul(0.5f)} (and div, pow, … with a {@code Number}) wraps the number in a
 * tensor over a Java direct buffer and closes that tensor as soon as the op returns. Autograd keeps
 * the scalar to compute the backward pass, but not the buffer under it: once the garbage collector
 * frees the buffer, backward reads whatever the memory holds by then, and gradients turn to garbage
 * at random (seen in Sloth fits under GC pressure). A tensor from {@link #of} lives in libtorch's
 * own memory, which autograd's reference keeps alive. It is FLOAT32 like DJL's float scalars, so
 * results are bit for bit those of the {@code Number} form, in every dtype. Outside autograd (scoring,
 * the optimiser steps) the op reads its scalar before it returns, so the {@code Number} form is safe there.
 */
public final class Scalars {
    private Scalars() {}

    /** A 0-dimensional FLOAT32 tensor holding {@code v}, on {@code like}'s manager and device. */
    public static NDArray of(NDArray like, float v) {
        return like.getManager().full(new Shape(), v, DataType.FLOAT32);
    }
}
