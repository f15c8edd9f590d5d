package org.elusive.sloth;

/**
 * A fitted Sloth model (Maia Polo et al. 2024): skills θ = W_Xᵀx + W_Dᵀd, prediction
 * ŷ_j = c_j + (1 − c_j)·g_j(Λ_jᵀθ + b_j). Shapes: wX p×k, wD f×k, loadings k×J, bias J, floor J.
 * {@code link} is null for the sigmoid link.
 */
public record SlothParams(double[][] wX, double[][] wD, double[][] loadings, double[] bias, double[] floor,
                          MonotoneLink link) {

    public int skills() { return loadings.length; }

    public int benchmarks() { return bias.length; }

    /** θ for each row of x (n×p) and d (n×f). */
    public double[][] skills(double[][] x, double[][] d) {
        int n = x.length, k = skills();
        double[][] theta = new double[n][k];
        for (int i = 0; i < n; i++)
            for (int s = 0; s < k; s++) {
                double t = 0;
                for (int a = 0; a < wX.length; a++) t += x[i][a] * wX[a][s];
                for (int a = 0; a < wD.length; a++) t += d[i][a] * wD[a][s];
                theta[i][s] = t;
            }
        return theta;
    }

    /** Predicted scores, n×J. */
    public double[][] predict(double[][] x, double[][] d) {
        double[][] theta = skills(x, d);
        int n = x.length, jn = benchmarks();
        double[][] y = new double[n][jn];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < jn; j++) {
                double z = bias[j];
                for (int s = 0; s < theta[i].length; s++) z += theta[i][s] * loadings[s][j];
                double g = link == null ? sigmoid(z) : link.apply(j, z);
                y[i][j] = floor[j] + (1 - floor[j]) * g;
            }
        return y;
    }

    static double sigmoid(double z) { return 1 / (1 + Math.exp(-z)); }

    /**
     * The paper's trainable increasing link, one per benchmark: tanh → Linear(1,H) → tanh →
     * Linear(H,H) → tanh → Linear(H,1) → sigmoid with non-negative weights. Weights are stored
     * input-major (w2[j][in][out]).
     */
    public record MonotoneLink(double[][] w1, double[][] b1, double[][][] w2, double[][] b2, double[][] w3,
                               double[] b3) {
        public int hidden() { return b1[0].length; }

        public double apply(int j, double z) {
            int h = hidden();
            double a = Math.tanh(z);
            double[] h1 = new double[h];
            for (int k = 0; k < h; k++) h1[k] = Math.tanh(a * w1[j][k] + b1[j][k]);
            double out = b3[j];
            for (int l = 0; l < h; l++) {
                double t = b2[j][l];
                for (int k = 0; k < h; k++) t += h1[k] * w2[j][k][l];
                out += Math.tanh(t) * w3[j][l];
            }
            return sigmoid(out);
        }
    }
}
