package org.elusive.sloth;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.elusive.optim.Adam;

/**
 * Fits Sloth models ({@link SlothNetwork}) with DJL autograd on the PyTorch engine, following
 * felipemaiapolo/sloth ({@code fitFR}): SmoothL1 (β = 0.01) on the scores ({@link SlothLoss}),
 * full-batch Adam, ReduceLROnPlateau on the loss, early stopping on the training MAE, one run per
 * learning rate keeping the best training MAE.
 *
 * <p>Why it looks vectorised: many independent fits (every held-out group × every learning rate,
 * and for per-benchmark laws every benchmark) run as one batched problem. Each run has its own
 * parameters, row mask, Adam state, learning-rate schedule, early stopping and best snapshot, so the
 * result equals running them one after another, at the per-step cost of a single fit. Runs that
 * stopped drop out of the batch once they are a good share of it ({@link Phase}).
 */
public final class SlothTrainer {

    public enum Link { SIGMOID, MONOTONE }

    /** Optimiser settings; {@link #paper()} are the defaults of {@code Sloth.fit}. */
    public record Options(double[] lrs, int maxEpochs, double schedulerFactor, int schedulerPatience,
                          int earlyStopPatience, double earlyStopTol, long seed, int hidden, boolean float64) {
        /** The paper's settings, in float32 as its torch code. */
        public static Options paper() {
            return new Options(new double[] {0.1, 0.01, 0.001}, 100_000, 0.95, 20, 500, 1e-5, 42, 10, false);
        }

        public Options withMaxEpochs(int epochs) {
            return new Options(lrs, epochs, schedulerFactor, schedulerPatience, earlyStopPatience, earlyStopTol, seed, hidden, float64);
        }

        public Options withLrs(double... l) {
            return new Options(l, maxEpochs, schedulerFactor, schedulerPatience, earlyStopPatience, earlyStopTol, seed, hidden, float64);
        }

        public Options withFloat64(boolean on) {
            return new Options(lrs, maxEpochs, schedulerFactor, schedulerPatience, earlyStopPatience, earlyStopTol, seed, hidden, on);
        }
    }

    /**
     * What to fit. {@code perBenchmark}: one independent law per benchmark (skills = J, Λ = I fixed),
     * as the paper's log-FLOPs baselines; otherwise a joint factor model with {@code skills} skills.
     */
    public record Spec(int skills, boolean perBenchmark, boolean fitFloor, Link link) {}

    /** The best fit of one group: parameters, training MAE, epochs run by the chosen run. */
    public record Fit(SlothParams params, double trainMae, int epochs) {}

    /**
     * Where a fit stands at the start of an epoch: epochs done, runs still live, the size of the
     * current batch of replicas and its number (1-based: it grows each time the batch shrinks), and
     * the seconds since the fit started.
     */
    public record Progress(Spec spec, int epoch, int liveRuns, int batchSize, int batch, double seconds) {}

    /** Told of every epoch of a fit. */
    public interface Listener {
        void epoch(Progress progress);

        Listener SILENT = progress -> {};

        /** One line to {@code out} every {@code epochs} epochs. */
        static Listener printingEvery(int epochs, PrintStream out) {
            return p -> {
                if (p.epoch() % epochs == 0)
                    out.printf(Locale.ROOT, "sloth: %s %s, epoch %d, %d runs live, batch of %d, %.0f s%n",
                            p.spec().perBenchmark() ? "per-benchmark" : "joint", p.spec().link(), p.epoch(), p.liveRuns(),
                            p.batchSize(), p.seconds());
            };
        }
    }

    private SlothTrainer() {}

    /** {@link #fit(double[][], double[][], double[][], boolean[][], double[], Spec, List, Options, Listener)}, silently. */
    public static List<Fit> fit(double[][] x, double[][] d, double[][] y, boolean[][] train, double[] floor0,
                                Spec spec, List<SlothParams> warm, Options opt) {
        return fit(x, d, y, train, floor0, spec, warm, opt, Listener.SILENT);
    }

    /**
     * Fits one model per group. x n×p, d n×f, y n×J (no NaN), train G×n (rows each group trains on),
     * floor0 the initial floors c_j; warm (per group, or null) warm-starts every parameter but the link.
     */
    public static List<Fit> fit(double[][] x, double[][] d, double[][] y, boolean[][] train, double[] floor0,
                                Spec spec, List<SlothParams> warm, Options opt, Listener listener) {
        SlothProblem problem = new SlothProblem(x, d, y, train, floor0, spec, opt);
        SlothBlocks blocks = new SlothBlocks(problem, warm);
        Runs runs = new Runs(problem);
        Adam adam = new Adam(Adam.Hyper.torchDefaults());
        long start = System.nanoTime();
        for (int batch = 1; runs.live() > 0 && runs.epoch() < opt.maxEpochs(); batch++) {
            try (Phase phase = new Phase(problem, blocks, runs, adam, runs.liveReplicas())) {
                phase.train(listener, batch, start);
            }
        }
        return bestFits(problem, blocks, runs);
    }

    /** Per group and unit, the learning rate with the lowest best training MAE (the first wins ties). */
    private static List<Fit> bestFits(SlothProblem problem, SlothBlocks blocks, Runs runs) {
        int lrs = problem.learningRates(), units = problem.units();
        List<Fit> out = new ArrayList<>();
        for (int g = 0; g < problem.groups(); g++) {
            int[] replicaOfUnit = new int[units];
            double maeSum = 0;
            int epochs = 0;
            for (int u = 0; u < units; u++) {
                int bestLr = 0;
                for (int l = 1; l < lrs; l++)
                    if (runs.bestMae((g * lrs + l) * units + u) < runs.bestMae((g * lrs + bestLr) * units + u)) bestLr = l;
                replicaOfUnit[u] = g * lrs + bestLr;
                int run = replicaOfUnit[u] * units + u;
                maeSum += runs.bestMae(run);
                epochs = Math.max(epochs, runs.epochs(run));
            }
            out.add(new Fit(blocks.best(replicaOfUnit), maeSum / units, epochs));
        }
        return out;
    }
}
