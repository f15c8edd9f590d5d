package org.elusive.sloth;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/**
 * A fitted Sloth model (Maia Polo et al. 2024): skills θ = W_Xᵀx + W_Dᵀd, prediction
 * ŷ_j = c_j + (1 − c_j)·g_j(Λ_jᵀθ + b_j). Shapes: wX p×k, wD f×k, loadings k×J, bias J, floor J.
 * {@code link} is null for the sigmoid link. Evaluated by {@link SlothNetwork} in float64.
 */
public record SlothParams(double[][] wX, double[][] wD, double[][] loadings, double[] bias, double[] floor,
                          MonotoneLink link) {

    public int skills() { return loadings.length; }

    public int benchmarks() { return bias.length; }

    /** θ for each row of x (n×p) and d (n×f). */
    public double[][] skills(double[][] x, double[][] d) {
        try (NDManager m = newManager()) {
            return rows(network(m).skills(m.create(x), m.create(d)), skills());
        }
    }

    /** Predicted scores, n×J. */
    public double[][] predict(double[][] x, double[][] d) {
        try (NDManager m = newManager()) {
            return rows(network(m).predict(m.create(x), m.create(d)), benchmarks());
        }
    }

    private SlothNetwork network(NDManager m) {
        int jn = benchmarks();
        return new SlothNetwork(one(m, wX), one(m, wD), one(m, loadings), one(m, new double[][] {bias}),
                one(m, new double[][] {floor}), link == null ? null : link.mlp(m, jn));
    }

    static double sigmoid(double z) { return 1 / (1 + Math.exp(-z)); }

    /**
     * The paper's trainable increasing link, one per benchmark (see {@link SlothNetwork.LinkMlp}).
     * Weights are stored input-major (w2[j][in][out]).
     */
    public record MonotoneLink(double[][] w1, double[][] b1, double[][][] w2, double[][] b2, double[][] w3,
                               double[] b3) {
        public int hidden() { return b1[0].length; }

        /** g_j(z): benchmark j's link at z. */
        public double apply(int j, double z) {
            int jn = b3.length;
            try (NDManager m = newManager()) {
                double[] at = new double[jn];
                java.util.Arrays.fill(at, z);
                return mlp(m, jn).apply(m.create(at).reshape(1, 1, jn)).toDoubleArray()[j];
            }
        }

        SlothNetwork.LinkMlp mlp(NDManager m, int jn) {
            int h = hidden();
            double[] w2Flat = new double[jn * h * h], b3Flat = new double[jn];
            for (int j = 0; j < jn; j++) {
                for (int a = 0; a < h; a++) System.arraycopy(w2[j][a], 0, w2Flat, (j * h + a) * h, h);
                b3Flat[j] = b3[j];
            }
            return new SlothNetwork.LinkMlp(m.create(flat(w1)).reshape(1, jn, 1, h), m.create(flat(b1)).reshape(1, jn, 1, h),
                    m.create(w2Flat).reshape(1, jn, h, h), m.create(flat(b2)).reshape(1, jn, 1, h),
                    m.create(flat(w3)).reshape(1, jn, h, 1), m.create(b3Flat).reshape(1, jn, 1, 1));
        }
    }

    private static NDManager newManager() { return Engine.getEngine("PyTorch").newBaseManager(); }

    /** A matrix as a float64 tensor with a replica axis of 1. */
    private static NDArray one(NDManager m, double[][] a) { return m.create(a).expandDims(0); }

    private static double[] flat(double[][] a) {
        int c = a[0].length;
        double[] out = new double[a.length * c];
        for (int i = 0; i < a.length; i++) System.arraycopy(a[i], 0, out, i * c, c);
        return out;
    }

    /** A 1×n×c result as n rows. */
    private static double[][] rows(NDArray a, int c) {
        double[] v = a.toDoubleArray();
        double[][] out = new double[v.length / c][c];
        for (int i = 0; i < out.length; i++) System.arraycopy(v, i * c, out[i], 0, c);
        return out;
    }
}
