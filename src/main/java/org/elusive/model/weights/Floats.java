package org.elusive.model.weights;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;

/** Dtype widening done in Java, because DJL's PyTorch engine aborts the JVM on BFLOAT16. */
final class Floats {
    private Floats() {}

    /** Little-endian bf16 → a new direct native-order fp32 buffer (bf16 is the top half of fp32). */
    static ByteBuffer bf16ToF32(ByteBuffer src) {
        ByteBuffer in = src.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        int n = in.remaining() / 2;
        ByteBuffer out = ByteBuffer.allocateDirect(n * 4).order(ByteOrder.nativeOrder());
        FloatBuffer f = out.asFloatBuffer();
        for (int i = 0; i < n; i++) f.put(i, Float.intBitsToFloat((in.getShort(in.position() + 2 * i) & 0xFFFF) << 16));
        return out;
    }

    /** Little-endian f64 → native-order fp32 (rounded to nearest). */
    static ByteBuffer f64ToF32(ByteBuffer src) {
        ByteBuffer in = src.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        int n = in.remaining() / 8;
        ByteBuffer out = ByteBuffer.allocateDirect(n * 4).order(ByteOrder.nativeOrder());
        FloatBuffer f = out.asFloatBuffer();
        for (int i = 0; i < n; i++) f.put(i, (float) in.getDouble(in.position() + 8 * i));
        return out;
    }
}
