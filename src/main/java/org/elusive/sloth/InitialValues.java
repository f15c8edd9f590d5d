package org.elusive.sloth;

import java.util.Random;

/**
 * Initial values as in the paper's {@code fitFR}: |N(0,1)| slopes and loadings, N(0,1) intercepts
 * and family effects, torch's Linear initialisation (uniform ±1/√fan-in) for the monotone link with
 * its weights made non-negative. Drawn in this order from one seeded generator, so every fit of a
 * given shape and seed starts from the same values.
 */
final class InitialValues {
    final SlothParams start;
    final float[] w1, b1, w2, b2, w3, b3;

    InitialValues(SlothProblem problem) {
        int p = problem.features(), f = problem.familyColumns(), k = problem.skills(), nb = problem.benchmarks();
        int h = problem.options().hidden();
        Random rnd = new Random(problem.options().seed());
        double[][] wX = new double[p][k], wD = new double[f][k], loadings = new double[k][nb];
        for (double[] row : wX) for (int s = 0; s < k; s++) row[s] = Math.abs(rnd.nextGaussian());
        for (double[] row : wD) for (int s = 0; s < k; s++) row[s] = rnd.nextGaussian();
        double[] bias = new double[nb];
        for (int j = 0; j < nb; j++) bias[j] = rnd.nextGaussian();
        boolean perBenchmark = problem.spec().perBenchmark();
        for (int s = 0; s < k; s++)
            for (int j = 0; j < nb; j++)
                loadings[s][j] = perBenchmark ? (s == j ? 1 : 0) : nb == 1 ? 1 : Math.abs(rnd.nextGaussian());
        start = new SlothParams(wX, wD, loadings, bias, problem.floor0(), null);
        double u = 1 / Math.sqrt(h);
        w1 = uniform(rnd, nb * h, 1, true);
        b1 = uniform(rnd, nb * h, 1, false);
        w2 = uniform(rnd, nb * h * h, u, true);
        b2 = uniform(rnd, nb * h, u, false);
        w3 = uniform(rnd, nb * h, u, true);
        b3 = uniform(rnd, nb, u, false);
    }

    private static float[] uniform(Random rnd, int size, double bound, boolean abs) {
        float[] out = new float[size];
        for (int i = 0; i < size; i++) {
            double v = (2 * rnd.nextDouble() - 1) * bound;
            out[i] = (float) (abs ? Math.abs(v) : v);
        }
        return out;
    }
}
