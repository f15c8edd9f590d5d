package org.elusive.forecast;

/**
 * One method's predictions at some computes: the benchmark's mean accuracy, mean Brier and mean
 * p_choices(correct), index i for the i-th compute asked. NaN where a method does not predict a score
 * (the aggregate accuracy laws predict accuracy only).
 */
public record Forecast(String method, double[] acc, double[] brier, double[] pCorrect) {

    static Forecast empty(String method, int n) {
        double[] a = new double[n], b = new double[n], p = new double[n];
        java.util.Arrays.fill(a, Double.NaN);
        java.util.Arrays.fill(b, Double.NaN);
        java.util.Arrays.fill(p, Double.NaN);
        return new Forecast(method, a, b, p);
    }
}
