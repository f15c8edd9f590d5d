package org.elusive.sloth;

import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.MatrixUtils;
import org.apache.commons.math3.linear.NonPositiveDefiniteMatrixException;

/**
 * The dense-matrix operations of the interpretation step on row-major {@code double[rows][cols]}
 * (k × k and J × k, k ≤ 4 skills): Commons Math's, except the column statistics, which follow numpy's
 * {@code np.mean}/{@code np.cov} arithmetic (sum, then divide) so that the whitening matches the
 * paper's code to the last bits. No method changes its arguments.
 */
final class Matrices {
    private Matrices() {}

    static double[][] multiply(double[][] a, double[][] b) {
        return MatrixUtils.createRealMatrix(a).multiply(MatrixUtils.createRealMatrix(b)).getData();
    }

    static double[][] transpose(double[][] a) { return MatrixUtils.createRealMatrix(a).transpose().getData(); }

    static double[][] identity(int k) { return MatrixUtils.createRealIdentityMatrix(k).getData(); }

    /** The inverse (LU with partial pivoting); a singular matrix is a programming error here. */
    static double[][] inverse(double[][] a) {
        return new LUDecomposition(MatrixUtils.createRealMatrix(a)).getSolver().getInverse().getData();
    }

    /**
     * The lower-triangular C with C·Cᵀ = a, for a symmetric positive definite a.
     *
     * @throws ArithmeticException naming the first pivot (0-based) that is not positive: a is singular
     */
    static double[][] cholesky(double[][] a) {
        try {
            return new CholeskyDecomposition(MatrixUtils.createRealMatrix(a)).getL().getData();
        } catch (NonPositiveDefiniteMatrixException e) {
            throw new ArithmeticException(String.valueOf(e.getRow()));
        }
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
