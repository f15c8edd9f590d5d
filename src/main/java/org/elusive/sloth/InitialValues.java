package org.elusive.sloth;

import java.util.Random;

/**
 * Initial values as in the paper's {@code fitFR}: |N(0,1)| slopes, N(0,1) family effects and
 * intercepts, |N(0,1)| loadings (Λ = 1 for a single benchmark), floors through the guarded logit,
 * torch's Linear initialisation (uniform ±1/√fan-in) for the increasing link with its weights made
 * non-negative. Drawn in this order from one generator seeded per fit, as fitFR seeds torch per fit,
 * so every fit of a given shape and seed starts from the same values; rounded to float32 like the
 * paper's tensors. A warm start replaces everything but the link (the paper warm-starts the rest).
 */
final class InitialValues {
    private InitialValues() {}

    /** The start of a fit of layout {@code l}: from {@code warm} when given (its floors then start the fit), else drawn. */
    static double[] of(Layout l, double[] floor0, SlothParams warm, long seed) {
        int p = l.p(), f = l.f(), k = l.k(), nb = l.nb(), h = l.h();
        Random rnd = new Random(seed);
        double[] w = new double[l.size()];
        for (int e = 0; e < p * k; e++) w[l.wX() + e] = Math.abs(rnd.nextGaussian());
        for (int e = 0; e < f * k; e++) w[l.wD() + e] = rnd.nextGaussian();
        for (int j = 0; j < nb; j++) w[l.bias() + j] = rnd.nextGaussian();
        for (int e = 0; e < k * nb; e++) w[l.loadings() + e] = nb == 1 ? 1 : Math.abs(rnd.nextGaussian());
        for (int j = 0; j < nb; j++) w[l.floor() + j] = SlothParams.logit(floor0[j], 1e-5);
        if (l.link()) {
            double u = 1 / Math.sqrt(h);
            uniform(rnd, w, l.w1(), nb * h, 1, true);
            uniform(rnd, w, l.b1(), nb * h, 1, false);
            uniform(rnd, w, l.w2(), nb * h * h, u, true);
            uniform(rnd, w, l.b2(), nb * h, u, false);
            uniform(rnd, w, l.w3(), nb * h, u, true);
            uniform(rnd, w, l.b3(), nb, u, false);
        }
        for (int e = 0; e < w.length; e++) w[e] = (float) w[e];
        if (warm == null) return w;
        double[] start = warm.flat(l, true);
        if (l.link()) System.arraycopy(w, l.w1(), start, l.w1(), l.size() - l.w1());
        return start;
    }

    private static void uniform(Random rnd, double[] w, int offset, int size, double bound, boolean abs) {
        for (int e = 0; e < size; e++) {
            double v = (2 * rnd.nextDouble() - 1) * bound;
            w[offset + e] = abs ? Math.abs(v) : v;
        }
    }
}
