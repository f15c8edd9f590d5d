package org.elusive.sloth;

/**
 * A fitted Sloth model (Maia Polo et al. 2024): skills θ = W_Xᵀx + W_Dᵀd, prediction
 * ŷ_j = c_j + (1 − c_j)·g_j(Λ_jᵀθ + b_j). Shapes: wX p×k, wD f×k, loadings k×J, bias J, floor J.
 * {@code link} is null for the sigmoid link. Evaluated by {@link SlothKernel}.
 */
public record SlothParams(double[][] wX, double[][] wD, double[][] loadings, double[] bias, double[] floor,
                          MonotoneLink link) {

    public int skills() { return loadings.length; }

    public int benchmarks() { return bias.length; }

    /** θ for each row of x (n×p) and d (n×f, one-hot or one intercept column). */
    public double[][] skills(double[][] x, double[][] d) {
        SlothKernel kernel = kernel(x, d);
        double[] w = flat(layout(), false);
        double[][] out = new double[x.length][skills()];
        for (int i = 0; i < x.length; i++) kernel.skills(w, i, out[i], 0);
        return out;
    }

    /** Predicted scores, n×J. */
    public double[][] predict(double[][] x, double[][] d) {
        double[] yhat = new double[x.length * benchmarks()];
        kernel(x, d).evaluate(flat(layout(), false), yhat, null);
        return Design.rows(yhat, benchmarks());
    }

    private SlothKernel kernel(double[][] x, double[][] d) {
        return new SlothKernel(layout(), Design.flat(x), Design.familyIndex(d), null);
    }

    Layout layout() {
        return new Layout(wX.length, wD.length, skills(), benchmarks(), link == null ? 0 : link.hidden(), false, false, link != null);
    }

    /**
     * The parameters as {@code l}'s flat vector (the link's part left at 0 when this model has none).
     * Floors enter as logits: with the paper's 1e-5 guard when the vector starts a fit ({@code
     * guarded}, as fitFR's {@code logit(C0)}), exact when it only evaluates this model.
     */
    double[] flat(Layout l, boolean guarded) {
        double[] w = new double[l.size()];
        int k = l.k(), nb = l.nb();
        for (int a = 0; a < l.p(); a++) for (int s = 0; s < k; s++) w[l.wX() + a * k + s] = wX[a][s];
        for (int c = 0; c < l.f(); c++) for (int s = 0; s < k; s++) w[l.wD() + c * k + s] = wD[c][s];
        for (int s = 0; s < k; s++) for (int j = 0; j < nb; j++) w[l.loadings() + s * nb + j] = loadings[s][j];
        for (int j = 0; j < nb; j++) {
            w[l.bias() + j] = bias[j];
            w[l.floor() + j] = logit(floor[j], guarded ? 1e-5 : 0);
        }
        if (link != null && l.link()) link.into(w, l);
        return w;
    }

    /** The model held by {@code l}'s flat vector {@code w}. */
    static SlothParams of(Layout l, double[] w) {
        int k = l.k(), nb = l.nb();
        double[][] wX = new double[l.p()][k], wD = new double[l.f()][k], loadings = new double[k][nb];
        double[] bias = new double[nb], floor = new double[nb];
        for (int a = 0; a < l.p(); a++) for (int s = 0; s < k; s++) wX[a][s] = w[l.wX() + a * k + s];
        for (int c = 0; c < l.f(); c++) for (int s = 0; s < k; s++) wD[c][s] = w[l.wD() + c * k + s];
        for (int s = 0; s < k; s++) for (int j = 0; j < nb; j++) loadings[s][j] = w[l.loadings() + s * nb + j];
        for (int j = 0; j < nb; j++) {
            bias[j] = w[l.bias() + j];
            floor[j] = SlothKernel.sigmoid(w[l.floor() + j]);
        }
        return new SlothParams(wX, wD, loadings, bias, floor, l.link() ? MonotoneLink.of(l, w) : null);
    }

    /** The paper's logit with its guard eps (1e-5 where it starts a fit), so floors of 0 stay finite. */
    static double logit(double c, double eps) { return Math.log((c + eps) / (1 - c + eps)); }

    /**
     * The paper's trainable increasing link, one per benchmark (see {@link LinkLayers}).
     * Weights are stored input-major (w2[j][in][out]).
     */
    public record MonotoneLink(double[][] w1, double[][] b1, double[][][] w2, double[][] b2, double[][] w3,
                               double[] b3) {
        public int hidden() { return b1[0].length; }

        /** g_j(z): benchmark j's link at z. */
        public double apply(int j, double z) {
            int nb = b3.length, h = hidden();
            Layout l = new Layout(0, 0, 0, nb, h, false, false, true);
            double[] w = new double[l.size()];
            into(w, l);
            return SlothKernel.linkAt(l, w, j, z);
        }

        void into(double[] w, Layout l) {
            int h = hidden();
            for (int j = 0; j < b3.length; j++) {
                for (int m = 0; m < h; m++) {
                    w[l.w1() + j * h + m] = w1[j][m];
                    w[l.b1() + j * h + m] = b1[j][m];
                    w[l.b2() + j * h + m] = b2[j][m];
                    w[l.w3() + j * h + m] = w3[j][m];
                    for (int q = 0; q < h; q++) w[l.w2() + (j * h + m) * h + q] = w2[j][m][q];
                }
                w[l.b3() + j] = b3[j];
            }
        }

        static MonotoneLink of(Layout l, double[] w) {
            int h = l.h(), nb = l.nb();
            double[][] w1 = new double[nb][h], b1 = new double[nb][h], b2 = new double[nb][h], w3 = new double[nb][h];
            double[][][] w2 = new double[nb][h][h];
            double[] b3 = new double[nb];
            for (int j = 0; j < nb; j++) {
                for (int m = 0; m < h; m++) {
                    w1[j][m] = w[l.w1() + j * h + m];
                    b1[j][m] = w[l.b1() + j * h + m];
                    b2[j][m] = w[l.b2() + j * h + m];
                    w3[j][m] = w[l.w3() + j * h + m];
                    for (int q = 0; q < h; q++) w2[j][m][q] = w[l.w2() + (j * h + m) * h + q];
                }
                b3[j] = w[l.b3() + j];
            }
            return new MonotoneLink(w1, b1, w2, b2, w3, b3);
        }
    }
}
