package org.elusive.forecast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** Each law recovers the parameters of synthetic data made from known ones. */
class LawsTest {

    private static double[] grid(double from, double to, int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) x[i] = from + (to - from) * i / (n - 1);
        return x;
    }

    @Test void saturatingLawRecoversItsParametersExactlyWithoutNoise() {
        double[] x = grid(9, 12, 10);
        SaturatingLaw truth = new SaturatingLaw(-0.3, -1.7, 0.9, 12);
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) y[i] = truth.value(x[i]);
        SaturatingLaw fit = SaturatingLaw.fit(x, y, 12);
        assertEquals(-0.3, fit.c(), 1e-6);
        assertEquals(-1.7, fit.a(), 1e-6);
        assertEquals(0.9, fit.b(), 1e-6);
    }

    @Test void saturatingLawFitsAFallingLawWithNoise() {
        double[] x = grid(8, 11, 30);
        SaturatingLaw truth = new SaturatingLaw(-4, 1.5, 1.2, 11);
        Random rnd = new Random(7);
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) y[i] = truth.value(x[i]) + 0.01 * rnd.nextGaussian();
        SaturatingLaw fit = SaturatingLaw.fit(x, y, 11);
        assertEquals(1.2, fit.b(), 0.1);
        assertEquals(-4, fit.c(), 0.1);
        assertEquals(1.5, fit.a(), 0.1);
    }

    @Test void sigmoidLawRecoversSlopeAndMidpoint() {
        double[] x = grid(9, 13, 12);
        SigmoidLaw truth = new SigmoidLaw(0.25, 2.5, 11.2);
        Random rnd = new Random(3);
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) y[i] = truth.value(x[i]) + 0.005 * rnd.nextGaussian();
        SigmoidLaw fit = SigmoidLaw.fit(x, y, 0.25);
        assertEquals(2.5, fit.k(), 0.15);
        assertEquals(11.2, fit.m(), 0.03);
        assertEquals(0.25, fit.floor());
    }

    @Test void sigmoidLawStaysAtChanceWhenAccuracyIs() {
        double[] x = grid(9, 10, 6);
        double[] y = {0.25, 0.25, 0.25, 0.25, 0.25, 0.25};
        SigmoidLaw fit = SigmoidLaw.fit(x, y, 0.25);
        assertEquals(0.25, fit.value(10.5), 1e-3);
    }

    /**
     * 400 series with levels and changes drawn around a known mean, one shared rate, noise 0.5: the
     * pooled fit recovers the rate, the mean and the spread of the levels, and its per-series laws are
     * closer to the truth than each series' own least-squares fit (what the shrinkage is for).
     */
    @Test void pooledLawsRecoverTheHyperParametersAndShrinkTowardTheTruth() {
        int n = 400, m = 8;
        double b = 0.8, x0 = 11;
        double[] x = grid(8, 11, m);
        Random rnd = new Random(11);
        double[] level = new double[n], change = new double[n];
        double[][] y = new double[n][m];
        for (int s = 0; s < n; s++) {
            level[s] = -1 + 0.5 * rnd.nextGaussian();
            change[s] = -2 + 0.1 * rnd.nextGaussian();
            for (int t = 0; t < m; t++) y[s][t] = level[s] + change[s] * PooledLaws.shape(b, x[t] - x0) + 0.5 * rnd.nextGaussian();
        }
        PooledLaws fit = PooledLaws.fit(y, x, x0);
        assertEquals(b, fit.mean().b(), 0.1);
        assertEquals(-1, fit.mean().value(x0), 0.06);
        assertEquals(0.25, fit.tau2()[0], 0.08);
        assertEquals(0.25, fit.sigma2(), 0.02);

        double pooledErr = 0, ownErr = 0;
        for (int s = 0; s < n; s++) {
            double[] own = SaturatingLaw.linear(x, y[s], x0, fit.mean().b());
            double truthAt13 = level[s] + change[s] * PooledLaws.shape(b, 13 - x0);
            double ownAt13 = own[0] + own[1] * SaturatingLaw.basis(fit.mean().b(), 13 - x0);
            pooledErr += Math.abs(fit.value(s, 13) - truthAt13);
            ownErr += Math.abs(ownAt13 - truthAt13);
        }
        assertTrue(pooledErr < 0.9 * ownErr, "pooled error " + pooledErr / n + " vs own fits " + ownErr / n);
    }

    @Test void pooledLawsOfNoiseFreeSeriesAreEachSeriesOwnLaw() {
        double[] x = grid(9, 11, 8);
        double[][] y = new double[3][x.length];
        double[] level = {-0.5, -1.5, -0.2}, change = {-1, -3, 0.5};
        for (int s = 0; s < 3; s++) for (int t = 0; t < x.length; t++) y[s][t] = level[s] + change[s] * PooledLaws.shape(0.7, x[t] - 11);
        PooledLaws fit = PooledLaws.fit(y, x, 11);
        for (int s = 0; s < 3; s++) {
            assertEquals(level[s], fit.value(s, 11), 1e-6);
            assertEquals(level[s] + change[s] * PooledLaws.shape(0.7, 1.5), fit.value(s, 12.5), 1e-5);
        }
    }
}
