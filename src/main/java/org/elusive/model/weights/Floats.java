package org.elusive.model.weights;

import ai.djl.ndarray.types.DataType;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.ShortBuffer;

/**
 * Element conversions from a checkpoint's storage type to a compute type, done in Java because DJL's
 * PyTorch engine aborts the JVM on BFLOAT16. Every conversion equals torch's {@code .to(dtype)} bit for
 * bit on every finite value and infinity (NaN stays NaN; torch's vector kernels may keep other payload
 * bits): bf16 → fp32 is exact (bf16 is the top half of an fp32), bf16 → fp16 is bf16 → fp32 → fp16 as
 * torch does it, fp32 → fp16 rounds to nearest even with subnormals and overflow to infinity.
 */
final class Floats {
    private Floats() {}

    /** Elements converted per step: bulk gets and puts on typed views are what makes this memory-bound. */
    static final int CHUNK = 1 << 16;

    /** 65,536 entries: a bf16 has so few values that a table is the fastest exact bf16 → fp16. */
    private static final short[] BF16_TO_F16 = new short[1 << 16];
    private static final int[] F16_TO_F32 = new int[1 << 16];

    static {
        for (int i = 0; i < 1 << 16; i++) {
            BF16_TO_F16[i] = f32ToF16(Float.intBitsToFloat(i << 16));
            F16_TO_F32[i] = Float.floatToRawIntBits(f16ToF32((short) i));
        }
    }

    /** Bytes per element of a stored type (safetensors names); 0 for types that never become weights. */
    static int width(String stored) {
        return switch (stored) {
            case "F64", "I64" -> 8;
            case "F32", "I32" -> 4;
            case "F16", "BF16", "I16" -> 2;
            case "I8", "U8", "BOOL" -> 1;
            default -> 0;
        };
    }

    /** Whether {@code stored} can be loaded as a weight (converted to fp32 or fp16). */
    static boolean isFloat(String stored) {
        return switch (stored) {
            case "F64", "F32", "F16", "BF16" -> true;
            default -> false;
        };
    }

    /** Stored bytes that already are the target's bytes: copied as they are, no conversion pass. */
    static boolean sameBits(String stored, DataType target) {
        return stored.equals("F32") && target == DataType.FLOAT32 || stored.equals("F16") && target == DataType.FLOAT16;
    }

    /**
     * Converts every element remaining in {@code src} (little-endian, {@code stored} type, a whole number
     * of elements) into {@code dst} (FLOAT32 or FLOAT16, in dst's byte order); both positions advance.
     */
    static void convert(String stored, ByteBuffer src, DataType target, ByteBuffer dst) {
        ByteBuffer in = src.slice().order(ByteOrder.LITTLE_ENDIAN);
        ByteBuffer out = dst.slice().order(dst.order());
        int n = in.remaining() / width(stored);
        boolean toHalf = target == DataType.FLOAT16;
        if (sameBits(stored, target)) {
            out.put(in);
        } else {
            switch (stored) {
                case "BF16" -> { if (toHalf) bf16ToF16(in.asShortBuffer(), out.asShortBuffer()); else bf16ToF32(in.asShortBuffer(), out.asIntBuffer()); }
                case "F16" -> f16ToF32(in.asShortBuffer(), out.asIntBuffer());
                case "F32" -> f32ToF16(in.asFloatBuffer(), out.asShortBuffer());
                case "F64" -> { if (toHalf) f64ToF16(in.asDoubleBuffer(), out.asShortBuffer()); else f64ToF32(in.asDoubleBuffer(), out.asFloatBuffer()); }
                default -> throw new IllegalArgumentException("not a floating-point type: " + stored);
            }
        }
        src.position(src.position() + n * width(stored));
        dst.position(dst.position() + n * (toHalf ? 2 : 4));
    }

    private static void bf16ToF32(ShortBuffer in, IntBuffer out) {
        short[] s = new short[Math.min(CHUNK, in.remaining())];
        int[] w = new int[s.length];
        for (int n; (n = Math.min(s.length, in.remaining())) > 0; ) {
            in.get(s, 0, n);
            for (int i = 0; i < n; i++) w[i] = s[i] << 16;
            out.put(w, 0, n);
        }
    }

    private static void bf16ToF16(ShortBuffer in, ShortBuffer out) {
        short[] s = new short[Math.min(CHUNK, in.remaining())];
        for (int n; (n = Math.min(s.length, in.remaining())) > 0; ) {
            in.get(s, 0, n);
            for (int i = 0; i < n; i++) s[i] = BF16_TO_F16[s[i] & 0xFFFF];
            out.put(s, 0, n);
        }
    }

    private static void f16ToF32(ShortBuffer in, IntBuffer out) {
        short[] s = new short[Math.min(CHUNK, in.remaining())];
        int[] w = new int[s.length];
        for (int n; (n = Math.min(s.length, in.remaining())) > 0; ) {
            in.get(s, 0, n);
            for (int i = 0; i < n; i++) w[i] = F16_TO_F32[s[i] & 0xFFFF];
            out.put(w, 0, n);
        }
    }

    private static void f32ToF16(FloatBuffer in, ShortBuffer out) {
        float[] f = new float[Math.min(CHUNK, in.remaining())];
        short[] s = new short[f.length];
        for (int n; (n = Math.min(f.length, in.remaining())) > 0; ) {
            in.get(f, 0, n);
            for (int i = 0; i < n; i++) s[i] = f32ToF16(f[i]);
            out.put(s, 0, n);
        }
    }

    /** As torch: fp64 → fp32 (nearest even), which the fp16 path then rounds again, like {@code c10::Half(float)}. */
    private static void f64ToF32(DoubleBuffer in, FloatBuffer out) {
        while (in.hasRemaining()) out.put((float) in.get());
    }

    private static void f64ToF16(DoubleBuffer in, ShortBuffer out) {
        while (in.hasRemaining()) out.put(f32ToF16((float) in.get()));
    }

    /**
     * {@code c10::detail::fp16_ieee_from_fp32_value}, transcribed: the float additions do the rounding to
     * nearest even (Java float arithmetic is IEEE single, so the bits are torch's); NaN → sign | 0x7E00.
     */
    static short f32ToF16(float f) {
        float base = (Math.abs(f) * 0x1.0p+112f) * 0x1.0p-110f;
        int w = Float.floatToRawIntBits(f);
        int shl1 = w + w;
        int sign = w & 0x80000000;
        int bias = shl1 & 0xFF000000;
        if (Integer.compareUnsigned(bias, 0x71000000) < 0) bias = 0x71000000;
        base = Float.intBitsToFloat((bias >>> 1) + 0x07800000) + base;
        int bits = Float.floatToRawIntBits(base);
        int nonsign = ((bits >>> 13) & 0x7C00) + (bits & 0x0FFF);
        return (short) ((sign >>> 16) | (Integer.compareUnsigned(shl1, 0xFF000000) > 0 ? 0x7E00 : nonsign));
    }

    /** fp16 → fp32 is exact; a NaN keeps its payload and comes out quiet, as from the CPU's conversion. */
    static float f16ToF32(short h) {
        int sign = (h & 0x8000) << 16, exp = (h >>> 10) & 0x1F, mant = h & 0x3FF;
        if (exp == 0x1F) return Float.intBitsToFloat(sign | 0x7F800000 | (mant == 0 ? 0 : 0x00400000 | mant << 13));
        if (exp == 0) {
            float v = mant * 0x1.0p-24f; // subnormal: exact, mant < 2^10
            return sign == 0 ? v : -v;
        }
        return Float.intBitsToFloat(sign | (exp + 112) << 23 | mant << 13);
    }
}
