package org.elusive.model.weights;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;

/** fp64 narrowing done in Java (bf16 widening is {@link Bf16}). */
final class Floats {
    private Floats() {}

    /** Little-endian f64 → a new direct native-order fp32 buffer (rounded to nearest). */
    static ByteBuffer f64ToF32(ByteBuffer src) {
        DoubleBuffer in = src.duplicate().order(ByteOrder.LITTLE_ENDIAN).asDoubleBuffer();
        ByteBuffer out = ByteBuffer.allocateDirect(in.remaining() * 4).order(ByteOrder.nativeOrder());
        FloatBuffer f = out.asFloatBuffer();
        while (in.hasRemaining()) f.put((float) in.get());
        return out;
    }
}
