package org.elusive.sloth;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.SingularValueDecomposition;

/**
 * The paper's PCA baseline: PCA(k) of the training scores (centred, as sklearn), the component
 * scores regressed without intercept on [features, family one-hot] (least squares, minimum norm
 * as numpy's lstsq), predictions mapped back with the inverse transform.
 */
public final class PcaBaseline {
    private PcaBaseline() {}

    public static double[][] predict(double[][] yTrain, double[][] fTrain, double[][] fTest, int k) {
        int n = yTrain.length, nb = yTrain[0].length;
        double[] mean = new double[nb];
        for (double[] row : yTrain) for (int j = 0; j < nb; j++) mean[j] += row[j] / n;
        double[][] centred = new double[n][nb];
        for (int i = 0; i < n; i++) for (int j = 0; j < nb; j++) centred[i][j] = yTrain[i][j] - mean[j];
        RealMatrix yc = new Array2DRowRealMatrix(centred, false);
        RealMatrix v = new SingularValueDecomposition(yc).getV().getSubMatrix(0, nb - 1, 0, Math.min(k, nb) - 1);
        RealMatrix scores = yc.multiply(v);
        RealMatrix design = new Array2DRowRealMatrix(fTrain, false);
        RealMatrix coef = new SingularValueDecomposition(design).getSolver().solve(scores);
        RealMatrix pred = new Array2DRowRealMatrix(fTest, false).multiply(coef).multiply(v.transpose());
        double[][] out = pred.getData();
        for (double[] row : out) for (int j = 0; j < nb; j++) row[j] += mean[j];
        return out;
    }

    /** Column-wise concatenation [a, b]. */
    public static double[][] hstack(double[][] a, double[][] b) {
        double[][] out = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            out[i] = new double[a[i].length + b[i].length];
            System.arraycopy(a[i], 0, out[i], 0, a[i].length);
            System.arraycopy(b[i], 0, out[i], a[i].length, b[i].length);
        }
        return out;
    }
}
