package org.elusive.model.weights;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.IntBuffer;
import java.nio.ShortBuffer;

/** bfloat16 is the top half of a float32: widening is a shift, done in Java because DJL cannot hold BFLOAT16. */
public final class Bf16 {
    private static final int CHUNK = 1 << 16;

    private Bf16() {}

    /** Little-endian bf16 bytes → a new direct little-endian fp32 buffer (bulk copies in chunks: GBs of weights). */
    public static ByteBuffer widen(ByteBuffer bf16) {
        ShortBuffer in = bf16.duplicate().order(ByteOrder.LITTLE_ENDIAN).asShortBuffer();
        ByteBuffer out = ByteBuffer.allocateDirect(in.remaining() * 4).order(ByteOrder.LITTLE_ENDIAN);
        IntBuffer bits = out.asIntBuffer();
        short[] s = new short[Math.min(CHUNK, in.remaining())];
        int[] w = new int[s.length];
        while (in.hasRemaining()) {
            int n = Math.min(s.length, in.remaining());
            in.get(s, 0, n);
            for (int i = 0; i < n; i++) w[i] = (s[i] & 0xFFFF) << 16;
            bits.put(w, 0, n);
        }
        return out;
    }
}
