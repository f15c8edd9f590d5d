package org.elusive.sloth;

/**
 * The few dense-matrix operations the interpretation step needs, on k × k and J × k matrices with
 * k ≤ 4 skills: sizes where a library would cost more than it saves. Matrices are row-major
 * {@code double[rows][cols]}; no method changes its arguments.
 */
final class Matrices {
    private Matrices() {}

    static double[][] multiply(double[][] a, double[][] b) {
        int n = a.length, m = b[0].length, inner = b.length;
        double[][] out = new double[n][m];
        for (int i = 0; i < n; i++)
            for (int t = 0; t < inner; t++) {
                double ait = a[i][t];
                for (int j = 0; j < m; j++) out[i][j] += ait * b[t][j];
            }
        return out;
    }

    static double[][] transpose(double[][] a) {
        double[][] out = new double[a[0].length][a.length];
        for (int i = 0; i < a.length; i++) for (int j = 0; j < a[0].length; j++) out[j][i] = a[i][j];
        return out;
    }

    static double[][] identity(int k) {
        double[][] out = new double[k][k];
        for (int i = 0; i < k; i++) out[i][i] = 1;
        return out;
    }

    /** The inverse by Gauss–Jordan elimination with partial pivoting; a singular matrix is a programming error here. */
    static double[][] inverse(double[][] a) {
        int k = a.length;
        double[][] m = new double[k][2 * k];
        for (int i = 0; i < k; i++) {
            System.arraycopy(a[i], 0, m[i], 0, k);
            m[i][k + i] = 1;
        }
        for (int c = 0; c < k; c++) {
            int p = c;
            for (int r = c + 1; r < k; r++) if (Math.abs(m[r][c]) > Math.abs(m[p][c])) p = r;
            if (m[p][c] == 0) throw new ArithmeticException("singular matrix");
            double[] swap = m[c];
            m[c] = m[p];
            m[p] = swap;
            double pivot = m[c][c];
            for (int j = 0; j < 2 * k; j++) m[c][j] /= pivot;
            for (int r = 0; r < k; r++) {
                if (r == c || m[r][c] == 0) continue;
                double f = m[r][c];
                for (int j = 0; j < 2 * k; j++) m[r][j] -= f * m[c][j];
            }
        }
        double[][] out = new double[k][k];
        for (int i = 0; i < k; i++) System.arraycopy(m[i], k, out[i], 0, k);
        return out;
    }

    /** The lower-triangular C with C·Cᵀ = a, for a symmetric positive definite a (else NaN appears, which the caller checks). */
    static double[][] cholesky(double[][] a) {
        int k = a.length;
        double[][] c = new double[k][k];
        for (int i = 0; i < k; i++)
            for (int j = 0; j <= i; j++) {
                double s = a[i][j];
                for (int t = 0; t < j; t++) s -= c[i][t] * c[j][t];
                c[i][j] = i == j ? Math.sqrt(s) : s / c[j][j];
            }
        return c;
    }

    static double[] columnMeans(double[][] x) {
        double[] mu = new double[x[0].length];
        for (double[] row : x) for (int j = 0; j < mu.length; j++) mu[j] += row[j];
        for (int j = 0; j < mu.length; j++) mu[j] /= x.length;
        return mu;
    }

    /** The sample covariance of the columns (n − 1 in the denominator, as numpy's {@code np.cov}). */
    static double[][] covariance(double[][] x) {
        double[] mu = columnMeans(x);
        int k = mu.length;
        double[][] cov = new double[k][k];
        for (double[] row : x)
            for (int i = 0; i < k; i++) for (int j = 0; j < k; j++) cov[i][j] += (row[i] - mu[i]) * (row[j] - mu[j]);
        for (int i = 0; i < k; i++) for (int j = 0; j < k; j++) cov[i][j] /= x.length - 1;
        return cov;
    }
}
