package org.elusive.plot;

import java.util.Arrays;

/**
 * The kernel density estimate seaborn's {@code kdeplot(..., clip=(-1, 1), common_norm=False)} draws
 * (seaborn 0.13 with its defaults: {@code bw_method="scott"}, {@code bw_adjust=1}, {@code gridsize=200},
 * {@code cut=3}): scipy's {@code gaussian_kde} with Scott's factor n^(-1/5), so the kernel's standard
 * deviation is h = n^(-1/5)·s with s the sample standard deviation (ddof = 1), evaluated on 200
 * evenly spaced points from max(min − 3h, lo) to min(max + 3h, hi). Like seaborn, NaN values are
 * dropped and a sample of fewer than two values or of (numerically) zero variance has no curve.
 */
public final class Kde {
    private Kde() {}

    public static final int GRID_SIZE = 200;
    private static final double CUT = 3;

    /** The grid ({@code [0]}) and the density on it ({@code [1]}); null when seaborn draws nothing. */
    public static double[][] of(double[] values, double lo, double hi) {
        double[] v = Arrays.stream(values).filter(x -> !Double.isNaN(x)).toArray();
        int n = v.length;
        if (n < 2) return null;
        double mean = Arrays.stream(v).sum() / n, ss = 0;
        for (double x : v) ss += (x - mean) * (x - mean);
        double variance = ss / (n - 1);
        if (isClose(variance, 0)) return null;
        double h = Math.pow(n, -0.2) * Math.sqrt(variance);
        double min = Arrays.stream(v).min().getAsDouble(), max = Arrays.stream(v).max().getAsDouble();
        double from = Math.max(min - CUT * h, lo), to = Math.min(max + CUT * h, hi);
        double[] grid = linspace(from, to, GRID_SIZE), density = new double[GRID_SIZE];
        double norm = 1 / (n * h * Math.sqrt(2 * Math.PI));
        for (int i = 0; i < GRID_SIZE; i++) {
            double s = 0;
            for (double x : v) {
                double z = (grid[i] - x) / h;
                s += Math.exp(-0.5 * z * z);
            }
            density[i] = s * norm;
        }
        return new double[][] {grid, density};
    }

    /** numpy.linspace: start + i·step, the last point exactly {@code stop}. */
    static double[] linspace(double start, double stop, int num) {
        double[] out = new double[num];
        double step = (stop - start) / (num - 1);
        for (int i = 0; i < num; i++) out[i] = start + i * step;
        out[num - 1] = stop;
        return out;
    }

    /** Python's math.isclose with its defaults (rel_tol 1e-9, abs_tol 0): only exact zero is close to 0. */
    private static boolean isClose(double a, double b) {
        return a == b || Math.abs(a - b) <= 1e-9 * Math.max(Math.abs(a), Math.abs(b));
    }
}
