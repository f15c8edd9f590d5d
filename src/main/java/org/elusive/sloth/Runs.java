package org.elusive.sloth;

import java.util.stream.IntStream;
import org.elusive.optim.EarlyStopping;
import org.elusive.optim.PlateauScheduler;

/**
 * The host-side state of every run of a fit (run = replica × unit, see {@link SlothProblem}): its
 * learning-rate schedule, its early stopping (whose best is the run's best training MAE) and the
 * epochs it ran. Runs of one batch share the epoch count and the Adam step count.
 */
final class Runs {
    private final int units;
    private final PlateauScheduler[] schedulers;
    private final EarlyStopping[] stopping;
    private final int[] epochs;
    private int live, epoch;

    Runs(SlothProblem problem) {
        SlothTrainer.Options opt = problem.options();
        units = problem.units();
        int runs = problem.replicas() * units;
        schedulers = new PlateauScheduler[runs];
        stopping = new EarlyStopping[runs];
        for (int run = 0; run < runs; run++) {
            double lr = opt.lrs()[(run / units) % problem.learningRates()];
            schedulers[run] = new PlateauScheduler(lr, opt.schedulerFactor(), opt.schedulerPatience());
            stopping[run] = new EarlyStopping(opt.earlyStopPatience(), opt.earlyStopTol());
        }
        epochs = new int[runs];
        live = runs;
    }

    int units() { return units; }

    int live() { return live; }

    int epoch() { return epoch; }

    boolean stopped(int run) { return stopping[run].stopped(); }

    double bestMae(int run) { return stopping[run].best(); }

    int epochs(int run) { return epochs[run]; }

    /** The learning rate of this epoch's step: 0 once the run stopped (it stays in the batch, frozen). */
    float learningRate(int run) { return stopped(run) ? 0f : (float) schedulers[run].learningRate(); }

    boolean replicaLive(int replica) {
        return IntStream.range(0, units).anyMatch(u -> !stopped(replica * units + u));
    }

    int[] liveReplicas() {
        return IntStream.range(0, schedulers.length / units).filter(this::replicaLive).toArray();
    }

    /** Counts one more epoch for the whole batch; returns its number (1-based). */
    int nextEpoch() { return ++epoch; }

    /**
     * One epoch's loss and MAE of a live run, as fitFR: the scheduler sees the loss, early stopping
     * the MAE. True when the MAE is the run's new best (its parameters are then the snapshot).
     */
    boolean observe(int run, double loss, double mae) {
        schedulers[run].observe(loss);
        epochs[run] = epoch;
        boolean improved = stopping[run].observe(mae);
        if (stopping[run].stopped()) live--;
        return improved;
    }
}
