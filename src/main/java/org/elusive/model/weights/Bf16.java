package org.elusive.model.weights;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.ShortBuffer;

/** bfloat16 is the top half of a float32: widening is a shift, done in Java because DJL cannot hold BFLOAT16. */
public final class Bf16 {
    private Bf16() {}

    /** Little-endian bf16 bytes → a new direct little-endian fp32 buffer. */
    public static ByteBuffer widen(ByteBuffer bf16) {
        ShortBuffer in = bf16.duplicate().order(ByteOrder.LITTLE_ENDIAN).asShortBuffer();
        ByteBuffer out = ByteBuffer.allocateDirect(in.remaining() * 4).order(ByteOrder.LITTLE_ENDIAN);
        FloatBuffer f = out.asFloatBuffer();
        while (in.hasRemaining()) f.put(Float.intBitsToFloat((in.get() & 0xffff) << 16));
        return out;
    }
}
