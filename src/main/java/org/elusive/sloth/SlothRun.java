package org.elusive.sloth;

import org.elusive.optim.EarlyStopping;
import org.elusive.optim.PlateauScheduler;

/**
 * One run of the paper's {@code fitFR} at one learning rate: full-batch Adam (torch's defaults,
 * no weight decay) on the SmoothL1 loss, ReduceLROnPlateau on the loss, the link's weights clamped
 * ≥ 0 after each step, early stopping on the training MAE; the kept parameters are those after the
 * step of the best epoch (as fitFR copies them after {@code optimizer.step()}).
 */
final class SlothRun {
    private static final double BETA1 = 0.9, BETA2 = 0.999, EPS = 1e-8;

    /** The best parameters, their epoch's training MAE and the epochs run. */
    record Result(double[] best, double bestMae, int epochs) {}

    private SlothRun() {}

    static Result train(SlothKernel kernel, Layout l, double[] start, double lr, SlothTrainer.Options opt) {
        int size = l.size();
        double[] w = start.clone(), best = start.clone(), grad = new double[size], m = new double[size], v = new double[size];
        int[] trained = spans(size, l::trained), nonNegative = spans(size, l::nonNegative);
        PlateauScheduler scheduler = new PlateauScheduler(lr, opt.schedulerFactor(), opt.schedulerPatience());
        EarlyStopping stopping = new EarlyStopping(opt.earlyStopPatience(), opt.earlyStopTol());
        int epoch = 0;
        while (epoch < opt.maxEpochs() && !stopping.stopped()) {
            SlothKernel.Value value = kernel.evaluate(w, null, grad);
            epoch++;
            double step = scheduler.learningRate() / (1 - Math.pow(BETA1, epoch)), bc2 = Math.sqrt(1 - Math.pow(BETA2, epoch));
            for (int s = 0; s < trained.length; s += 2)
                for (int e = trained[s]; e < trained[s + 1]; e++) {
                    double g = grad[e];
                    m[e] = BETA1 * m[e] + (1 - BETA1) * g;
                    v[e] = BETA2 * v[e] + (1 - BETA2) * g * g;
                    w[e] -= step * m[e] / (Math.sqrt(v[e]) / bc2 + EPS);
                }
            for (int s = 0; s < nonNegative.length; s += 2)
                for (int e = nonNegative[s]; e < nonNegative[s + 1]; e++) if (w[e] < 0) w[e] = 0;
            scheduler.observe(value.loss());
            if (stopping.observe(value.mae())) System.arraycopy(w, 0, best, 0, size);
        }
        return new Result(best, stopping.best(), epoch);
    }

    /**
     * The elements where {@code in} holds, as [from, to) pairs: the layout's blocks are contiguous, so
     * the update runs as branch-free loops over them (which the JIT vectorises).
     */
    private static int[] spans(int size, java.util.function.IntPredicate in) {
        int[] out = new int[size + 1];
        int count = 0;
        for (int e = 0; e < size; e++) {
            if (!in.test(e)) continue;
            if (count > 0 && out[count - 1] == e) out[count - 1] = e + 1;
            else {
                out[count++] = e;
                out[count++] = e + 1;
            }
        }
        return java.util.Arrays.copyOf(out, count);
    }
}
