package org.elusive.sloth;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;

/**
 * The Sloth forward (Maia Polo et al. 2024), the one place it is written: training differentiates it,
 * {@link SlothParams#predict} evaluates it. Skills θ = x·W_X + d·W_D, scores
 * ŷ = c + (1 − c)·g(θ·Λ + b), with g the sigmoid or the trainable monotone link.
 *
 * <p>Every tensor has a leading replica axis (r independent fits evaluated at once; 1 to predict):
 * wX r×p×k, wD r×f×k, loadings r×k×J, bias r×1×J, floor r×1×J (the floors c, already squashed);
 * x n×p and d n×f are shared by the replicas. {@code loadings} is null for per-benchmark laws (skill j
 * is benchmark j's own, k = J); {@code link} is null for the sigmoid. Autograd differentiates this
 * code, so any scalar operand of a multiplication must come from {@code model.Scalars.of}.
 */
record SlothNetwork(NDArray wX, NDArray wD, NDArray loadings, NDArray bias, NDArray floor, LinkMlp link) {

    /**
     * The paper's trainable increasing link, one per benchmark: tanh → Linear(1,H) → tanh →
     * Linear(H,H) → tanh → Linear(H,1) → sigmoid, its weights kept non-negative by the trainer.
     * Shapes: w1 r×J×1×H, b1 r×J×1×H, w2 r×J×H×H (input-major), b2 r×J×1×H, w3 r×J×H×1, b3 r×J×1×1.
     */
    record LinkMlp(NDArray w1, NDArray b1, NDArray w2, NDArray b2, NDArray w3, NDArray b3) {
        /** g(z) for z r×n×J. */
        NDArray apply(NDArray z) {
            NDArray a = z.tanh().transpose(0, 2, 1).expandDims(3);
            NDArray h1 = a.mul(w1).add(b1).tanh();
            NDArray h2 = h1.matMul(w2).add(b2).tanh();
            NDArray out = h2.matMul(w3).add(b3);
            return Activation.sigmoid(out).squeeze(3).transpose(0, 2, 1);
        }
    }

    /** θ, r×n×k. */
    NDArray skills(NDArray x, NDArray d) { return x.matMul(wX).add(d.matMul(wD)); }

    /** ŷ, r×n×J. */
    NDArray predict(NDArray x, NDArray d) {
        NDArray theta = skills(x, d);
        NDArray z = (loadings == null ? theta : theta.matMul(loadings)).add(bias);
        NDArray g = link == null ? Activation.sigmoid(z) : link.apply(z);
        // g + c(1 − g): additive scalars are safe in autograd (their backward does not read them)
        return g.add(floor.mul(g.neg().add(1f)));
    }
}
