package org.elusive.sloth;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import org.elusive.model.Scalars;

/**
 * The paper's training objective: SmoothL1 (β = 0.01) between predicted and observed scores, averaged
 * over each replica's training rows and, unless each benchmark is its own run, over benchmarks; the
 * MAE alongside for early stopping. Differentiated: scalar factors come from {@link Scalars#of}.
 */
final class SlothLoss {
    private static final float BETA = 0.01f;

    /** Per run: r×units tensors. */
    record PerRun(NDArray loss, NDArray mae) {}

    private SlothLoss() {}

    /** yhat r×n×J against y n×J, on the rows where rowMask (r×n×1) is 1, rowCount (r×1) of them per replica. */
    static PerRun of(NDArray yhat, NDArray y, NDArray rowMask, NDArray rowCount, int units) {
        NDArray diff = yhat.sub(y);
        NDArray absDiff = diff.abs();
        // additive scalars are safe in autograd (their backward does not read them)
        NDArray loss = NDArrays.where(absDiff.lt(BETA), diff.square().mul(Scalars.of(diff, 0.5f / BETA)), absDiff.sub(0.5f * BETA));
        NDArray maskedLoss = loss.mul(rowMask), maskedAbs = absDiff.mul(rowMask);
        if (units > 1) return new PerRun(maskedLoss.sum(new int[] {1}).div(rowCount), maskedAbs.sum(new int[] {1}).div(rowCount));
        long replicas = yhat.getShape().get(0);
        NDArray benchmarks = Scalars.of(maskedLoss, y.getShape().get(1));
        return new PerRun(maskedLoss.sum(new int[] {1, 2}).reshape(replicas, 1).div(rowCount).div(benchmarks),
                maskedAbs.sum(new int[] {1, 2}).reshape(replicas, 1).div(rowCount).div(benchmarks));
    }
}
