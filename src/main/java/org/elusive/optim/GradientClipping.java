package org.elusive.optim;

import ai.djl.ndarray.NDArray;
import java.util.List;

/** Global-norm gradient clipping, as GPT-NeoX trains (torch's {@code clip_grad_norm_}). */
public final class GradientClipping {
    private GradientClipping() {}

    /**
     * Scales the gradients of {@code parameters} in place so that their global L2 norm is at most
     * {@code maxNorm}; returns the norm before scaling. A non-finite norm means training diverged:
     * it throws rather than let NaN into the weights.
     */
    public static double clipGlobalNorm(List<NDArray> parameters, double maxNorm) {
        double squares = 0;
        for (NDArray p : parameters) {
            try (NDArray g = p.getGradient(); NDArray sq = g.square().sum()) {
                squares += sq.getFloat();
            }
        }
        double norm = Math.sqrt(squares);
        if (!Double.isFinite(norm)) throw new IllegalStateException("training diverged: gradient norm " + norm);
        float scale = (float) Math.min(1.0, maxNorm / (norm + 1e-6));
        for (NDArray p : parameters) {
            try (NDArray g = p.getGradient()) {
                g.muli(scale);
            }
        }
        return norm;
    }
}
