package org.elusive.sloth;

/**
 * Sums over the rows of a fit, several at a time, each in exactly the order of its one-at-a-time
 * form, so fusing them changes no bit of a fit.
 *
 * <p>Why: a sum over rows is a chain of dependent adds, which the JIT does not vectorise (it may not
 * reorder double adds), so one chain waits out the add latency at every row; the gradient is
 * mostly such sums (≈ 120 per benchmark and epoch for the trainable link). Running four chains of
 * different sums in one loop overlaps their latencies and loads each shared operand once. Each
 * product joins its sum in one fused multiply-add ({@link Math#fma}: one rounding, and one
 * instruction where a multiply then an add take two, which halves the work of these scalar loops;
 * every x86 since 2013 and every ARMv8 has it, without it the JDK's fallback is very slow). A product
 * of rows ({@link #dot}) keeps four interleaved partial sums (rows i ≡ 0..3 mod 4, the tail into the
 * first), combined as (s0 + s1) + (s2 + s3); a plain sum ({@link #sum}) is one chain from 0.
 */
final class RowSums {
    private RowSums() {}

    /** out[at + c·stride] += Σ_i a[i]·b[c][i] over rows i < n, for c in [from, to). */
    static void dots(double[] a, double[][] b, int from, int to, int n, double[] out, int at, int stride) {
        int c = from;
        for (; c + 3 < to; c += 4) dot4(a, b[c], b[c + 1], b[c + 2], b[c + 3], n, out, at + c * stride, stride);
        for (; c + 1 < to; c += 2) dot2(a, b[c], b[c + 1], n, out, at + c * stride, stride);
        for (; c < to; c++) out[at + c * stride] += dot(a, b[c], n);
    }

    /** out[at + c·stride] += Σ_i b[c][i] over rows i < n, for c in [from, to). */
    static void sums(double[][] b, int from, int to, int n, double[] out, int at, int stride) {
        int c = from;
        for (; c + 3 < to; c += 4) sum4(b[c], b[c + 1], b[c + 2], b[c + 3], n, out, at + c * stride, stride);
        for (; c + 1 < to; c += 2) sum2(b[c], b[c + 1], n, out, at + c * stride, stride);
        for (; c < to; c++) out[at + c * stride] += sum(b[c], n);
    }

    /**
     * out[c] = Σ_i a[i]·b[c][i] over rows i < n for c < count, each one chain from 0 in row order
     * (the order of a plain {@code s = fma(a[i], b[c][i], s)} loop), four per pass; a last pass of fewer
     * repeats its last row (chains are latency-bound, so the spare ones cost next to nothing).
     */
    static void chains(double[] a, double[][] b, int count, int n, double[] out) {
        for (int c = 0; c < count; c += 4) {
            double[] p = b[c], q = b[Math.min(c + 1, count - 1)], r = b[Math.min(c + 2, count - 1)], s = b[Math.min(c + 3, count - 1)];
            double tp = 0, tq = 0, tr = 0, ts = 0;
            for (int i = 0; i < n; i++) {
                double v = a[i];
                tp = Math.fma(v, p[i], tp);
                tq = Math.fma(v, q[i], tq);
                tr = Math.fma(v, r[i], tr);
                ts = Math.fma(v, s[i], ts);
            }
            out[c] = tp;
            if (c + 1 < count) out[c + 1] = tq;
            if (c + 2 < count) out[c + 2] = tr;
            if (c + 3 < count) out[c + 3] = ts;
        }
    }

    /** Σ_i a[i]·b[i] over rows i < n, in four interleaved partial sums. */
    static double dot(double[] a, double[] b, int n) {
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int i = 0;
        for (; i + 3 < n; i += 4) {
            s0 = Math.fma(a[i], b[i], s0);
            s1 = Math.fma(a[i + 1], b[i + 1], s1);
            s2 = Math.fma(a[i + 2], b[i + 2], s2);
            s3 = Math.fma(a[i + 3], b[i + 3], s3);
        }
        for (; i < n; i++) s0 = Math.fma(a[i], b[i], s0);
        return (s0 + s1) + (s2 + s3);
    }

    static double sum(double[] a, int n) {
        double t = 0;
        for (int i = 0; i < n; i++) t += a[i];
        return t;
    }

    /** {@link #dot} of a with each of p, q, r, s in one pass (16 independent chains). */
    private static void dot4(double[] a, double[] p, double[] q, double[] r, double[] s, int n, double[] out, int at, int stride) {
        double p0 = 0, p1 = 0, p2 = 0, p3 = 0, q0 = 0, q1 = 0, q2 = 0, q3 = 0;
        double r0 = 0, r1 = 0, r2 = 0, r3 = 0, s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int i = 0;
        for (; i + 3 < n; i += 4) {
            double a0 = a[i], a1 = a[i + 1], a2 = a[i + 2], a3 = a[i + 3];
            p0 = Math.fma(a0, p[i], p0);
            p1 = Math.fma(a1, p[i + 1], p1);
            p2 = Math.fma(a2, p[i + 2], p2);
            p3 = Math.fma(a3, p[i + 3], p3);
            q0 = Math.fma(a0, q[i], q0);
            q1 = Math.fma(a1, q[i + 1], q1);
            q2 = Math.fma(a2, q[i + 2], q2);
            q3 = Math.fma(a3, q[i + 3], q3);
            r0 = Math.fma(a0, r[i], r0);
            r1 = Math.fma(a1, r[i + 1], r1);
            r2 = Math.fma(a2, r[i + 2], r2);
            r3 = Math.fma(a3, r[i + 3], r3);
            s0 = Math.fma(a0, s[i], s0);
            s1 = Math.fma(a1, s[i + 1], s1);
            s2 = Math.fma(a2, s[i + 2], s2);
            s3 = Math.fma(a3, s[i + 3], s3);
        }
        for (; i < n; i++) {
            p0 = Math.fma(a[i], p[i], p0);
            q0 = Math.fma(a[i], q[i], q0);
            r0 = Math.fma(a[i], r[i], r0);
            s0 = Math.fma(a[i], s[i], s0);
        }
        out[at] += (p0 + p1) + (p2 + p3);
        out[at + stride] += (q0 + q1) + (q2 + q3);
        out[at + 2 * stride] += (r0 + r1) + (r2 + r3);
        out[at + 3 * stride] += (s0 + s1) + (s2 + s3);
    }

    /** {@link #dot} of a with each of p and q in one pass (8 independent chains). */
    private static void dot2(double[] a, double[] p, double[] q, int n, double[] out, int at, int stride) {
        double p0 = 0, p1 = 0, p2 = 0, p3 = 0, q0 = 0, q1 = 0, q2 = 0, q3 = 0;
        int i = 0;
        for (; i + 3 < n; i += 4) {
            double a0 = a[i], a1 = a[i + 1], a2 = a[i + 2], a3 = a[i + 3];
            p0 = Math.fma(a0, p[i], p0);
            p1 = Math.fma(a1, p[i + 1], p1);
            p2 = Math.fma(a2, p[i + 2], p2);
            p3 = Math.fma(a3, p[i + 3], p3);
            q0 = Math.fma(a0, q[i], q0);
            q1 = Math.fma(a1, q[i + 1], q1);
            q2 = Math.fma(a2, q[i + 2], q2);
            q3 = Math.fma(a3, q[i + 3], q3);
        }
        for (; i < n; i++) {
            p0 = Math.fma(a[i], p[i], p0);
            q0 = Math.fma(a[i], q[i], q0);
        }
        out[at] += (p0 + p1) + (p2 + p3);
        out[at + stride] += (q0 + q1) + (q2 + q3);
    }

    /** {@link #sum} of p, q, r, s in one pass (4 independent chains). */
    private static void sum4(double[] p, double[] q, double[] r, double[] s, int n, double[] out, int at, int stride) {
        double tp = 0, tq = 0, tr = 0, ts = 0;
        for (int i = 0; i < n; i++) {
            tp += p[i];
            tq += q[i];
            tr += r[i];
            ts += s[i];
        }
        out[at] += tp;
        out[at + stride] += tq;
        out[at + 2 * stride] += tr;
        out[at + 3 * stride] += ts;
    }

    /** {@link #sum} of p and q in one pass. */
    private static void sum2(double[] p, double[] q, int n, double[] out, int at, int stride) {
        double tp = 0, tq = 0;
        for (int i = 0; i < n; i++) {
            tp += p[i];
            tq += q[i];
        }
        out[at] += tp;
        out[at + stride] += tq;
    }
}
