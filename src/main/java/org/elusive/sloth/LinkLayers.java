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
    private final double[] a0, h1, h2, s, dO, dH2, dh, dA0;

    LinkLayers(Layout l, int n) {
        this.l = l;
        this.n = n;
        this.h = l.h();
        a0 = new double[n];
        h1 = new double[h * n];
        h2 = new double[h * n];
        s = new double[n];
        dO = new double[n];
        dH2 = new double[h * n];
        dh = new double[n];
        dA0 = new double[n];
    }

    /** g_j(z) for every row into {@code g}. */
    void forward(double[] w, int j, double[] z, double[] g) {
        int w1 = l.w1() + j * h, b1 = l.b1() + j * h, w2 = l.w2() + j * h * h, b2 = l.b2() + j * h, w3 = l.w3() + j * h;
        for (int i = 0; i < n; i++) a0[i] = tanh(z[i]);
        for (int m = 0; m < h; m++) {
            double wm = w[w1 + m], bm = w[b1 + m];
            int o = m * n;
            for (int i = 0; i < n; i++) h1[o + i] = tanh(wm * a0[i] + bm);
        }
        java.util.Arrays.fill(g, 0, n, w[l.b3() + j]);
        for (int q = 0; q < h; q++) {
            java.util.Arrays.fill(s, w[b2 + q]);
            for (int m = 0; m < h; m++) {
                double wmq = w[w2 + m * h + q];
                int o = m * n;
                for (int i = 0; i < n; i++) s[i] += h1[o + i] * wmq;
            }
            double wq = w[w3 + q];
            int o = q * n;
            for (int i = 0; i < n; i++) {
                double t = tanh(s[i]);
                h2[o + i] = t;
                g[i] += t * wq;
            }
        }
        for (int i = 0; i < n; i++) g[i] = SlothKernel.sigmoid(g[i]);
    }

    /** From dL/dg (the last forward's g), accumulates the link's gradient into {@code grad} and writes dL/dz. */
    void backward(double[] w, double[] grad, int j, double[] g, double[] dg, double[] dz) {
        int w1 = l.w1() + j * h, b1 = l.b1() + j * h, w2 = l.w2() + j * h * h, b2 = l.b2() + j * h, w3 = l.w3() + j * h;
        double gb3 = 0;
        for (int i = 0; i < n; i++) {
            dO[i] = dg[i] * g[i] * (1 - g[i]);
            gb3 += dO[i];
        }
        grad[l.b3() + j] += gb3;
        for (int q = 0; q < h; q++) {
            double wq = w[w3 + q], gw = 0, gb = 0;
            int o = q * n;
            for (int i = 0; i < n; i++) {
                double t = h2[o + i], d = dO[i] * wq * (1 - t * t);
                gw += dO[i] * t;
                gb += d;
                dH2[o + i] = d;
            }
            grad[w3 + q] += gw;
            grad[b2 + q] += gb;
        }
        java.util.Arrays.fill(dA0, 0);
        for (int m = 0; m < h; m++) {
            java.util.Arrays.fill(dh, 0);
            int om = m * n;
            for (int q = 0; q < h; q++) {
                double wmq = w[w2 + m * h + q];
                int oq = q * n;
                grad[w2 + m * h + q] += dot(h1, om, dH2, oq);
                for (int i = 0; i < n; i++) dh[i] += wmq * dH2[oq + i];
            }
            double wm = w[w1 + m], gw = 0, gb = 0;
            for (int i = 0; i < n; i++) {
                double t = h1[om + i], d = dh[i] * (1 - t * t);
                gw += d * a0[i];
                gb += d;
                dA0[i] += wm * d;
            }
            grad[w1 + m] += gw;
            grad[b1 + m] += gb;
        }
        for (int i = 0; i < n; i++) dz[i] = dA0[i] * (1 - a0[i] * a0[i]);
    }

    /** Σ_i a[ao + i]·b[bo + i] over the n rows, in four interleaved sums (independent chains run in parallel). */
    private double dot(double[] a, int ao, double[] b, int bo) {
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int i = 0;
        for (; i + 3 < n; i += 4) {
            s0 += a[ao + i] * b[bo + i];
            s1 += a[ao + i + 1] * b[bo + i + 1];
            s2 += a[ao + i + 2] * b[bo + i + 2];
            s3 += a[ao + i + 3] * b[bo + i + 3];
        }
        for (; i < n; i++) s0 += a[ao + i] * b[bo + i];
        return (s0 + s1) + (s2 + s3);
    }

    /**
     * tanh as a rational minimax approximation (the 13/6 one of Eigen's float tanh), clamped where it
     * reaches ±1 in float: accurate to float32's precision, the precision of the paper's torch fits,
     * and plain arithmetic, so the loops above vectorise (Math.tanh is a call per element, 10× slower).
     */
    static double tanh(double v) {
        double x = Math.max(-7.90531110763549805, Math.min(7.90531110763549805, v)), x2 = x * x;
        double p = -2.76076847742355e-16;
        p = p * x2 + 2.00018790482477e-13;
        p = p * x2 - 8.60467152213735e-11;
        p = p * x2 + 5.12229709037114e-08;
        p = p * x2 + 1.48572235717979e-05;
        p = p * x2 + 6.37261928875436e-04;
        p = p * x2 + 4.89352455891786e-03;
        double q = 1.19825839466702e-06;
        q = q * x2 + 1.18534705686654e-04;
        q = q * x2 + 2.26843463243900e-03;
        q = q * x2 + 4.89352518554385e-03;
        return x * p / q;
    }
}
