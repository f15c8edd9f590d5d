package org.elusive.model.weights;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.ShortBuffer;

/** Dtype widening done in Java, because DJL's PyTorch engine aborts the JVM on BFLOAT16. */
final class Floats {
    private static final int CHUNK = 1 << 16;

    private Floats() {}

    /** Little-endian bf16 → a new direct native-order fp32 buffer: bf16 is the top half of an fp32. */
    static ByteBuffer bf16ToF32(ByteBuffer src) {
        ShortBuffer in = src.duplicate().order(ByteOrder.LITTLE_ENDIAN).asShortBuffer();
        ByteBuffer out = ByteBuffer.allocateDirect(in.remaining() * 4).order(ByteOrder.nativeOrder());
        IntBuffer bits = out.asIntBuffer();
        short[] s = new short[CHUNK];
        int[] w = new int[CHUNK];
        while (in.hasRemaining()) {
            int n = Math.min(CHUNK, in.remaining());
            in.get(s, 0, n);
            for (int i = 0; i < n; i++) w[i] = (s[i] & 0xFFFF) << 16;
            bits.put(w, 0, n);
        }
        return out;
    }

    /** Little-endian f64 → a new direct native-order fp32 buffer (rounded to nearest). */
    static ByteBuffer f64ToF32(ByteBuffer src) {
        DoubleBuffer in = src.duplicate().order(ByteOrder.LITTLE_ENDIAN).asDoubleBuffer();
        ByteBuffer out = ByteBuffer.allocateDirect(in.remaining() * 4).order(ByteOrder.nativeOrder());
        FloatBuffer f = out.asFloatBuffer();
        while (in.hasRemaining()) f.put((float) in.get());
        return out;
    }
}
