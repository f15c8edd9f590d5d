package org.elusive.model.weights;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

class Bf16Test {
    @Test
    void widensEveryValueAcrossChunkBoundaries() {
        int n = (1 << 16) * 2 + 3; // more than two chunks, with a remainder
        ByteBuffer in = ByteBuffer.allocate(n * 2 + 2).order(ByteOrder.LITTLE_ENDIAN);
        in.putShort((short) 0x7777); // a leading value outside the slice: position must be honoured
        for (int i = 0; i < n; i++) in.putShort((short) (Float.floatToRawIntBits(i - 1000.0f) >>> 16));
        in.position(2);
        ByteBuffer out = Bf16.widen(in.slice());
        assertEquals(n * 4, out.capacity());
        out.order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < n; i++) {
            float expected = Float.intBitsToFloat(Float.floatToRawIntBits(i - 1000.0f) & 0xFFFF0000);
            assertEquals(expected, out.getFloat(i * 4), "element " + i);
        }
        assertEquals(Float.NEGATIVE_INFINITY, Bf16.widen(ByteBuffer.wrap(new byte[] {(byte) 0x80, (byte) 0xFF})).order(ByteOrder.LITTLE_ENDIAN).getFloat(0));
        assertEquals(0, Bf16.widen(ByteBuffer.allocate(0)).capacity());
    }
}
