package org.elusive.sloth;

/**
 * The paper's trainable increasing link (its {@code IncreasingNN}), one per benchmark: tanh →
 * Linear(1,H) → tanh → Linear(H,H) → tanh → Linear(H,1) → sigmoid, its weights kept ≥ 0 by the
 * trainer; forward and backward over all rows of one benchmark at once, each layer a loop over the
 * rows (contiguous, so the JIT vectorises it). The hidden layers of the last forward stay here for
 * the backward.
 */
final class LinkLayers {
    private final Layout l;
    private final int n, h;
    // one array per hidden unit: the JIT (JDK 17) vectorises x[i] loops, not x[offset + i] ones (5× apart)
    private final double[] a0, s, dO, dA0;
    private final double[][] h1, h2, dH1, dH2;

    LinkLayers(Layout l, int n) {
        this.l = l;
        this.n = n;
        this.h = l.h();
        a0 = new double[n];
        s = new double[n];
        dO = new double[n];
        dA0 = new double[n];
        h1 = new double[h][n];
        h2 = new double[h][n];
        dH1 = new double[h][n];
        dH2 = new double[h][n];
    }

    /** g_j(z) for every row into {@code g}. */
    void forward(double[] w, int j, double[] z, double[] g) {
        int w1 = l.w1() + j * h, b1 = l.b1() + j * h, w2 = l.w2() + j * h * h, b2 = l.b2() + j * h, w3 = l.w3() + j * h;
        double[] a = a0, sum = s;
        for (int i = 0; i < n; i++) a[i] = tanh(z[i]);
        for (int m = 0; m < h; m++) {
            double wm = w[w1 + m], bm = w[b1 + m];
            double[] hm = h1[m];
            // |a| < 1, so the input is within |wm| + |bm|
            if (Math.abs(wm) + Math.abs(bm) <= IN_RANGE) for (int i = 0; i < n; i++) hm[i] = rational(wm * a[i] + bm);
            else for (int i = 0; i < n; i++) hm[i] = tanh(wm * a[i] + bm);
        }
        for (int q = 0; q < h; q++) {
            double bound = Math.abs(w[b2 + q]);
            for (int m = 0; m < h; m++) bound += Math.abs(w[w2 + m * h + q]);
            java.util.Arrays.fill(sum, w[b2 + q]);
            addProducts(sum, h1, w, w2 + q, h);
            double[] hq = h2[q];
            // |h1| < 1, so the input is within |b2_q| + Σ_m |w2_mq|
            if (bound <= IN_RANGE) for (int i = 0; i < n; i++) hq[i] = rational(sum[i]);
            else for (int i = 0; i < n; i++) hq[i] = tanh(sum[i]);
        }
        java.util.Arrays.fill(g, 0, n, w[l.b3() + j]);
        addProducts(g, h2, w, w3, 1);
        for (int i = 0; i < n; i++) g[i] = SlothKernel.sigmoid(g[i]);
    }

    /**
     * From dL/dg (the last forward's g), accumulates the link's gradient into {@code grad} and writes
     * dL/dz. Each weight's gradient is one sum over the rows ({@link RowSums}, several per pass).
     */
    void backward(double[] w, double[] grad, int j, double[] g, double[] dg, double[] dz) {
        int w1 = l.w1() + j * h, b1 = l.b1() + j * h, w2 = l.w2() + j * h * h, b2 = l.b2() + j * h, w3 = l.w3() + j * h;
        double[] out = dO, a = a0, da = dA0;
        for (int i = 0; i < n; i++) out[i] = dg[i] * g[i] * (1 - g[i]);
        grad[l.b3() + j] += RowSums.sum(out, n);
        for (int q = 0; q < h; q++) {
            double wq = w[w3 + q];
            double[] hq = h2[q], dq = dH2[q];
            for (int i = 0; i < n; i++) dq[i] = out[i] * wq * (1 - hq[i] * hq[i]);
        }
        RowSums.dots(out, h2, 0, h, n, grad, w3, 1);
        RowSums.sums(dH2, 0, h, n, grad, b2, 1);
        for (int m = 0; m < h; m++) {
            double[] hm = h1[m], back = dH1[m];
            java.util.Arrays.fill(back, 0);
            addProducts(back, dH2, w, w2 + m * h, 1);
            RowSums.dots(hm, dH2, 0, h, n, grad, w2 + m * h, 1);
            for (int i = 0; i < n; i++) back[i] *= 1 - hm[i] * hm[i];
        }
        RowSums.dots(a, dH1, 0, h, n, grad, w1, 1);
        RowSums.sums(dH1, 0, h, n, grad, b1, 1);
        java.util.Arrays.fill(da, 0);
        addProducts(da, dH1, w, w1, 1);
        for (int i = 0; i < n; i++) dz[i] = da[i] * (1 - a[i] * a[i]);
    }

    /**
     * acc[i] += src[c][i]·w[at + c·stride] for c = 0..H−1 in order, each a fused multiply-add, up to
     * four c per pass over the rows: the same operations in the same order as one pass per c, with a
     * quarter of the loads and stores of acc.
     */
    private void addProducts(double[] acc, double[][] src, double[] w, int at, int stride) {
        int c = 0;
        for (; c + 3 < h; c += 4) {
            double[] s0 = src[c], s1 = src[c + 1], s2 = src[c + 2], s3 = src[c + 3];
            double v0 = w[at + c * stride], v1 = w[at + (c + 1) * stride], v2 = w[at + (c + 2) * stride], v3 = w[at + (c + 3) * stride];
            for (int i = 0; i < n; i++) acc[i] = Math.fma(s3[i], v3, Math.fma(s2[i], v2, Math.fma(s1[i], v1, Math.fma(s0[i], v0, acc[i]))));
        }
        for (; c + 1 < h; c += 2) {
            double[] s0 = src[c], s1 = src[c + 1];
            double v0 = w[at + c * stride], v1 = w[at + (c + 1) * stride];
            for (int i = 0; i < n; i++) acc[i] = Math.fma(s1[i], v1, Math.fma(s0[i], v0, acc[i]));
        }
        for (; c < h; c++) {
            double[] s0 = src[c];
            double v0 = w[at + c * stride];
            for (int i = 0; i < n; i++) acc[i] = Math.fma(s0[i], v0, acc[i]);
        }
    }

    /**
     * tanh as a rational minimax approximation (the 13/6 one of Eigen's float tanh), clamped where it
     * reaches ±1 in float: accurate to float32's precision, the precision of the paper's torch fits,
     * and plain arithmetic (Horner steps as fused multiply-adds), so the loops above vectorise
     * (Math.tanh is a call per element, 10× slower).
     * Its values stay below 1 in magnitude (at most 1 − 2.6e-7).
     */
    static double tanh(double v) {
        return rational(Math.max(-CLAMP, Math.min(CLAMP, v)));
    }

    private static final double CLAMP = 7.90531110763549805;
    /**
     * Inputs known to lie within this bound skip the clamp (there the identity), which halves the
     * cost of a vectorised tanh; the margin to {@link #CLAMP} covers the rounding of the bound.
     */
    private static final double IN_RANGE = 7.9;

    /** {@link #tanh} without its clamp: the same value wherever |x| ≤ {@link #CLAMP}. */
    private static double rational(double x) {
        double x2 = x * x;
        double p = -2.76076847742355e-16;
        p = Math.fma(p, x2, 2.00018790482477e-13);
        p = Math.fma(p, x2, -8.60467152213735e-11);
        p = Math.fma(p, x2, 5.12229709037114e-08);
        p = Math.fma(p, x2, 1.48572235717979e-05);
        p = Math.fma(p, x2, 6.37261928875436e-04);
        p = Math.fma(p, x2, 4.89352455891786e-03);
        double q = 1.19825839466702e-06;
        q = Math.fma(q, x2, 1.18534705686654e-04);
        q = Math.fma(q, x2, 2.26843463243900e-03);
        q = Math.fma(q, x2, 4.89352518554385e-03);
        return x * p / q;
    }
}
