package org.elusive.sloth;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.function.IntFunction;

/**
 * The named parameter blocks of a batch of Sloth fits, every replica (group × learning rate) stacked:
 * W_X, W_D, the loadings Λ, the bias b, the floors' logits, and for the monotone link its six
 * tensors. Each replica of group g starts from g's warm start, or from {@link InitialValues}; the
 * link always starts from its initial values (the paper warm-starts everything but the link).
 */
final class SlothBlocks {
    final ParameterBlock wX, wD, loadings, bias, floorLogit;
    /** The monotone link's blocks; null for the sigmoid. */
    final LinkBlocks link;

    /** The link's tensors, shaped as {@link SlothNetwork.LinkMlp}'s, one link per benchmark (axis 0). */
    record LinkBlocks(ParameterBlock w1, ParameterBlock b1, ParameterBlock w2, ParameterBlock b2, ParameterBlock w3,
                      ParameterBlock b3) {
        LinkBlocks(InitialValues init, int replicas, int nb, int h) {
            this(new ParameterBlock(repeat(init.w1, replicas), true, true, 0, nb, 1, h),
                    new ParameterBlock(repeat(init.b1, replicas), true, false, 0, nb, 1, h),
                    new ParameterBlock(repeat(init.w2, replicas), true, true, 0, nb, h, h),
                    new ParameterBlock(repeat(init.b2, replicas), true, false, 0, nb, 1, h),
                    new ParameterBlock(repeat(init.w3, replicas), true, true, 0, nb, h, 1),
                    new ParameterBlock(repeat(init.b3, replicas), true, false, 0, nb, 1, 1));
        }

        List<ParameterBlock> all() { return List.of(w1, b1, w2, b2, w3, b3); }

        SlothNetwork.LinkMlp mlp(Function<ParameterBlock, NDArray> view) {
            return new SlothNetwork.LinkMlp(view.apply(w1), view.apply(b1), view.apply(w2), view.apply(b2), view.apply(w3), view.apply(b3));
        }

        /** The best snapshots, each benchmark's link from the replica chosen for it. */
        SlothParams.MonotoneLink best(int[] replicaOfUnit, int nb) {
            int h = (int) w1.shape[2];
            double[] w2Best = w2.bestOf(replicaOfUnit);
            double[][][] w2j = new double[nb][][];
            for (int j = 0; j < nb; j++) w2j[j] = matrix(Arrays.copyOfRange(w2Best, j * h * h, (j + 1) * h * h), h, h);
            return new SlothParams.MonotoneLink(matrix(w1.bestOf(replicaOfUnit), nb, h), matrix(b1.bestOf(replicaOfUnit), nb, h),
                    w2j, matrix(b2.bestOf(replicaOfUnit), nb, h), matrix(w3.bestOf(replicaOfUnit), nb, h), b3.bestOf(replicaOfUnit));
        }
    }

    SlothBlocks(SlothProblem problem, List<SlothParams> warm) {
        InitialValues init = new InitialValues(problem);
        IntFunction<SlothParams> start = g -> warm == null ? init.start : warm.get(g);
        int p = problem.features(), f = problem.familyColumns(), k = problem.skills(), nb = problem.benchmarks();
        // the matrices' columns (skills, or benchmarks) are what per-benchmark runs own: axis 1
        int h = problem.options().hidden(), r = problem.replicas(), last = 1;
        wX = new ParameterBlock(stack(problem, g -> start.apply(g).wX()), true, false, last, p, k);
        wD = new ParameterBlock(stack(problem, g -> start.apply(g).wD()), true, false, last, f, k);
        loadings = new ParameterBlock(stack(problem, g -> start.apply(g).loadings()),
                problem.trainsLoadings(), false, last, k, nb);
        bias = new ParameterBlock(stack(problem, g -> new double[][] {start.apply(g).bias()}), true, false, last, 1, nb);
        floorLogit = new ParameterBlock(stack(problem, g -> new double[][] {logit(start.apply(g).floor())}),
                problem.spec().fitFloor(), false, last, 1, nb);
        link = problem.monotone() ? new LinkBlocks(init, r, nb, h) : null;
    }

    /** Every block, in the order they are packed. */
    List<ParameterBlock> all() {
        List<ParameterBlock> out = new ArrayList<>(List.of(wX, wD, loadings, bias, floorLogit));
        if (link != null) out.addAll(link.all());
        return out;
    }

    /** The network over the tensors {@code view} gives for each block; per-benchmark laws skip Λ (= I). */
    SlothNetwork network(Function<ParameterBlock, NDArray> view, boolean perBenchmark) {
        return new SlothNetwork(view.apply(wX), view.apply(wD), perBenchmark ? null : view.apply(loadings), view.apply(bias),
                Activation.sigmoid(view.apply(floorLogit)), link == null ? null : link.mlp(view));
    }

    /** The best snapshots as one model, each unit's parameters from the replica chosen for it. */
    SlothParams best(int[] replicaOfUnit) {
        int p = (int) wX.shape[0], f = (int) wD.shape[0], k = (int) wX.shape[1], nb = (int) bias.shape[1];
        double[] floors = floorLogit.bestOf(replicaOfUnit);
        for (int j = 0; j < nb; j++) floors[j] = SlothParams.sigmoid(floors[j]);
        return new SlothParams(matrix(wX.bestOf(replicaOfUnit), p, k), matrix(wD.bestOf(replicaOfUnit), f, k),
                matrix(loadings.bestOf(replicaOfUnit), k, nb), bias.bestOf(replicaOfUnit), floors,
                link == null ? null : link.best(replicaOfUnit, nb));
    }

    /** The paper's logit with its 1e-5 guard, so floors of 0 stay finite. */
    static double[] logit(double[] c) {
        double[] out = new double[c.length];
        for (int j = 0; j < c.length; j++) out[j] = Math.log((c[j] + 1e-5) / (1 - c[j] + 1e-5));
        return out;
    }

    /**
     * Each group's matrix once per learning rate, replica-major. Rounded to float32 even in float64
     * mode: the paper's torch code starts from float32 values, and both modes start alike.
     */
    private static double[] stack(SlothProblem problem, IntFunction<double[][]> perGroup) {
        double[][] first = perGroup.apply(0);
        int rows = first.length, cols = first[0].length, lrs = problem.learningRates();
        double[] out = new double[problem.replicas() * rows * cols];
        for (int g = 0; g < problem.groups(); g++) {
            double[][] a = perGroup.apply(g);
            for (int l = 0; l < lrs; l++) {
                int base = (g * lrs + l) * rows * cols;
                for (int i = 0; i < rows; i++)
                    for (int j = 0; j < cols; j++) out[base + i * cols + j] = (float) a[i][j];
            }
        }
        return out;
    }

    private static double[] repeat(float[] a, int r) {
        double[] out = new double[a.length * r];
        for (int i = 0; i < r; i++) for (int j = 0; j < a.length; j++) out[i * a.length + j] = a[j];
        return out;
    }

    private static double[][] matrix(double[] flat, int rows, int cols) {
        double[][] out = new double[rows][cols];
        for (int i = 0; i < rows; i++) System.arraycopy(flat, i * cols, out[i], 0, cols);
        return out;
    }
}
