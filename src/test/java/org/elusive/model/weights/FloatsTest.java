package org.elusive.model.weights;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Every conversion against libtorch's own {@code .to(dtype)} (the kernels torch runs), exhaustively where a type has 2^16 values. */
class FloatsTest {

    /** All 65,536 bf16 bit patterns, little-endian. */
    private static ByteBuffer everyBf16() {
        ByteBuffer b = ByteBuffer.allocate(2 << 16).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < 1 << 16; i++) b.putShort((short) i);
        return b.flip();
    }

    private static ByteBuffer convert(String stored, ByteBuffer src, DataType target) {
        int n = src.remaining() / Floats.width(stored);
        ByteBuffer dst = ByteBuffer.allocateDirect(n * (target == DataType.FLOAT16 ? 2 : 4)).order(ByteOrder.nativeOrder());
        Floats.convert(stored, src, target, dst);
        assertEquals(0, dst.remaining());
        assertEquals(0, src.remaining());
        return dst.flip();
    }

    /** libtorch's conversion of fp32 values to {@code target}, as raw bits. */
    private static ByteBuffer torch(NDManager m, float[] values, DataType target) {
        try (NDArray a = m.create(values); NDArray t = a.toType(target, true)) {
            return t.toByteBuffer().order(ByteOrder.nativeOrder());
        }
    }

    @Test
    void bf16ToFp32IsTheTopHalfOfEveryPattern() {
        ByteBuffer out = convert("BF16", everyBf16(), DataType.FLOAT32);
        for (int i = 0; i < 1 << 16; i++) assertEquals(i << 16, out.getInt(4 * i), "bf16 " + Integer.toHexString(i));
    }

    /** bf16 → fp16 is bf16 → fp32 (exact) → fp16 in torch: subnormals, overflow to inf and ties to even, bit for bit. */
    @Test
    void bf16ToFp16EqualsTorchOnEveryPattern() {
        float[] widened = new float[1 << 16];
        for (int i = 0; i < widened.length; i++) widened[i] = Float.intBitsToFloat(i << 16);
        ByteBuffer ours = convert("BF16", everyBf16(), DataType.FLOAT16);
        int subnormal = 0, inf = 0, nan = 0;
        try (NDManager m = NDManager.newBaseManager(Device.cpu())) {
            ByteBuffer ref = torch(m, widened, DataType.FLOAT16);
            for (int i = 0; i < widened.length; i++) {
                short a = ours.getShort(2 * i), b = ref.getShort(2 * i);
                String what = "bf16 0x" + Integer.toHexString(i) + " = " + widened[i];
                if (Float.isNaN(widened[i])) {
                    assertTrue(isHalfNaN(a) && isHalfNaN(b), what);
                    nan++;
                } else {
                    assertEquals(b, a, what);
                    if ((a & 0x7C00) == 0 && (a & 0x3FF) != 0) subnormal++;
                    if ((a & 0x7FFF) == 0x7C00) inf++;
                }
            }
        }
        // the cases that make rounding hard really were among them
        assertTrue(subnormal > 1000 && inf > 1000 && nan > 200, subnormal + " " + inf + " " + nan);
    }

    @Test
    void fp16ToFp32EqualsTorchOnEveryPattern() {
        ByteBuffer ours = convert("F16", everyBf16(), DataType.FLOAT32);
        try (NDManager m = NDManager.newBaseManager(Device.cpu());
             NDArray half = m.create(everyBf16(), new Shape(1 << 16), DataType.FLOAT16);
             NDArray f = half.toType(DataType.FLOAT32, true)) {
            float[] ref = f.toFloatArray();
            for (int i = 0; i < ref.length; i++) {
                float a = ours.getFloat(4 * i);
                if (Float.isNaN(ref[i])) assertTrue(Float.isNaN(a), "fp16 " + i);
                else assertEquals(Float.floatToRawIntBits(ref[i]), Float.floatToRawIntBits(a), "fp16 0x" + Integer.toHexString(i));
            }
        }
    }

    /** fp32 → fp16 on the edges (ties, the subnormal and overflow boundaries) and a million random patterns. */
    @Test
    void fp32ToFp16EqualsTorch() {
        Random r = new Random(7);
        float[] values = new float[1 << 20];
        float[] edges = {0f, -0f, 65504f, 65519.99f, 65520f, -65520f, 6.1035156e-5f, 5.9604645e-8f, 2.9802322e-8f,
            2.9802326e-8f, 1.0009766f, 1.0004883f, 1.0014648f, Float.MIN_VALUE, Float.MAX_VALUE,
            Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY};
        System.arraycopy(edges, 0, values, 0, edges.length);
        for (int i = edges.length; i < values.length; i++) {
            // half the patterns in fp16's range, where rounding happens, half anywhere
            int bits = r.nextInt();
            values[i] = i % 2 == 0 ? Float.intBitsToFloat(bits) : Float.intBitsToFloat((bits & 0x8FFFFFFF) | 0x30000000);
        }
        ByteBuffer src = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) src.putFloat(v);
        ByteBuffer ours = convert("F32", src.flip(), DataType.FLOAT16);
        try (NDManager m = NDManager.newBaseManager(Device.cpu())) {
            ByteBuffer ref = torch(m, values, DataType.FLOAT16);
            for (int i = 0; i < values.length; i++) {
                short a = ours.getShort(2 * i), b = ref.getShort(2 * i);
                if (Float.isNaN(values[i])) assertTrue(isHalfNaN(a) && isHalfNaN(b));
                else assertEquals(b, a, "fp32 " + values[i] + " (0x" + Integer.toHexString(Float.floatToRawIntBits(values[i])) + ")");
            }
        }
    }

    @Test
    void fp64NarrowsLikeACast() {
        double[] d = {0.1, -1e300, 1e-50, 3.14159265358979, 65519.0, Double.NaN};
        ByteBuffer src = ByteBuffer.allocate(d.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        for (double v : d) src.putDouble(v);
        ByteBuffer f32 = convert("F64", src.flip(), DataType.FLOAT32);
        ByteBuffer f16 = convert("F64", src.rewind(), DataType.FLOAT16);
        for (int i = 0; i < d.length; i++) {
            assertEquals(Float.floatToIntBits((float) d[i]), Float.floatToIntBits(f32.getFloat(4 * i)));
            assertEquals(Floats.f32ToF16((float) d[i]), f16.getShort(2 * i));
        }
    }

    /** Chunks are 65,536 elements: a tensor of two chunks and a remainder, read from a sliced position, converts whole. */
    @Test
    void convertsAcrossChunkBoundariesFromAnyPosition() {
        int n = Floats.CHUNK * 2 + 3;
        ByteBuffer in = ByteBuffer.allocate(n * 2 + 2).order(ByteOrder.LITTLE_ENDIAN);
        in.putShort((short) 0x7777); // a leading value outside the range: the position must be honoured
        for (int i = 0; i < n; i++) in.putShort((short) (Float.floatToRawIntBits(i - 1000.0f) >>> 16));
        in.position(2);
        ByteBuffer out = convert("BF16", in, DataType.FLOAT32);
        for (int i = 0; i < n; i++) {
            float expected = Float.intBitsToFloat(Float.floatToRawIntBits(i - 1000.0f) & 0xFFFF0000);
            assertEquals(expected, out.getFloat(i * 4), "element " + i);
        }
    }

    private static boolean isHalfNaN(short h) { return (h & 0x7C00) == 0x7C00 && (h & 0x3FF) != 0; }
}
