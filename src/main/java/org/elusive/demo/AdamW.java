package org.elusive.demo;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decoupled-weight-decay Adam (Loshchilov & Hutter) over NDArrays that carry their own gradients.
 * Kept here rather than taken from DJL's optimizers because those key state by parameter id and
 * expect a Block; the demo trains a plain parameter map.
 */
final class AdamW {
    private final double lr, beta1, beta2, eps, weightDecay;
    private final Map<NDArray, NDArray[]> state = new LinkedHashMap<>();
    private final NDManager stateManager;
    private int step;

    AdamW(NDManager stateManager, double lr, double weightDecay) {
        this.stateManager = stateManager;
        this.lr = lr;
        this.beta1 = 0.9;
        this.beta2 = 0.95;
        this.eps = 1e-8;
        this.weightDecay = weightDecay;
    }

    /**
     * One update of every parameter with the gradient left in it by the last backward pass, the
     * gradients first scaled so that their global norm is at most {@code maxNorm} (as GPT-NeoX trains:
     * without it the widest demo size can diverge to NaN).
     */
    void step(List<NDArray> parameters, double lrScale, double maxNorm) {
        step++;
        double squares = 0;
        for (NDArray p : parameters) {
            try (NDArray g = p.getGradient(); NDArray sq = g.square().sum()) {
                squares += sq.getFloat();
            }
        }
        double norm = Math.sqrt(squares);
        if (!Double.isFinite(norm)) throw new IllegalStateException("demo training diverged: gradient norm " + norm);
        float clip = (float) Math.min(1.0, maxNorm / (norm + 1e-6));
        double a = lr * lrScale;
        double c1 = 1 - Math.pow(beta1, step), c2 = 1 - Math.pow(beta2, step);
        for (NDArray p : parameters) {
            NDArray[] mv = state.computeIfAbsent(p, k -> new NDArray[] {
                    stateManager.zeros(k.getShape(), k.getDataType()), stateManager.zeros(k.getShape(), k.getDataType())});
            try (NDManager scratch = stateManager.newSubManager()) {
                NDArray g = p.getGradient();
                g.attach(scratch);
                g.muli(clip);
                mv[0].muli(beta1).addi(g.mul(1 - beta1));
                mv[1].muli(beta2).addi(g.square().muli(1 - beta2));
                NDArray update = mv[0].div(c1).divi(mv[1].div(c2).sqrt().addi(eps));
                if (p.getShape().dimension() > 1) update.addi(p.mul(weightDecay));
                p.subi(update.muli(a));
                g.muli(0); // DJL's PyTorch collector accumulates into .grad across collectors
            }
        }
    }
}
