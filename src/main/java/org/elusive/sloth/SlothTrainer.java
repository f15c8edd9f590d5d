package org.elusive.sloth;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ForkJoinTask;

/**
 * Fits Sloth models following felipemaiapolo/sloth ({@code Sloth.fit}, {@code fitFR}): per fit, one
 * run ({@link SlothRun}) per learning rate from the same seeded start, keeping the run with the lowest
 * best training MAE (the first wins ties, as the paper's strict {@code <}).
 *
 * <p>Many fits at once: every held-out group × learning rate, and for per-benchmark laws every
 * benchmark, is an independent run, so they run in parallel on the common fork-join pool (or the
 * pool the caller runs in). Each run depends only on its own data, start and learning rate, never on
 * the others or the thread it ran on, so the batch equals running the fits one after another.
 */
public final class SlothTrainer {

    public enum Link { SIGMOID, MONOTONE }

    /** Optimiser settings; {@link #paper()} are the defaults of {@code Sloth.fit}. */
    public record Options(double[] lrs, int maxEpochs, double schedulerFactor, int schedulerPatience,
                          int earlyStopPatience, double earlyStopTol, long seed, int hidden) {
        public static Options paper() {
            return new Options(new double[] {0.1, 0.01, 0.001}, 100_000, 0.95, 20, 500, 1e-5, 42, 10);
        }

        public Options withMaxEpochs(int epochs) {
            return new Options(lrs, epochs, schedulerFactor, schedulerPatience, earlyStopPatience, earlyStopTol, seed, hidden);
        }

        public Options withLrs(double... l) {
            return new Options(l, maxEpochs, schedulerFactor, schedulerPatience, earlyStopPatience, earlyStopTol, seed, hidden);
        }
    }

    /**
     * What to fit. {@code perBenchmark}: one independent law per benchmark (each its own fit with
     * k = 1 and Λ = 1, assembled as k = J with Λ = I), as the paper's log-FLOPs and log S/log T
     * baselines; otherwise a joint factor model with {@code skills} skills.
     */
    public record Spec(int skills, boolean perBenchmark, boolean fitFloor, Link link) {}

    /** The best fit of one group: parameters, training MAE (mean over benchmarks of per-benchmark laws), epochs of the longest chosen run. */
    public record Fit(SlothParams params, double trainMae, int epochs) {}

    private SlothTrainer() {}

    /**
     * Fits one model per group. x n×p, d n×f (one-hot, or one intercept column), y n×J (no NaN),
     * train G×n (rows each group trains on), floor0 the initial floors c_j; warm (per group, or null)
     * warm-starts every parameter but the link.
     */
    public static List<Fit> fit(double[][] x, double[][] d, double[][] y, boolean[][] train, double[] floor0,
                                Spec spec, List<SlothParams> warm, Options opt) {
        int groups = train.length, units = spec.perBenchmark() ? y[0].length : 1, lrs = opt.lrs().length;
        int[] fam = Design.familyIndex(d);
        SlothRun.Result[] runs = new SlothRun.Result[groups * units * lrs];
        Layout[] layouts = new Layout[groups * units];
        // one task per run (a parallel stream would batch several runs per task, leaving one core
        // alone with a batch at the end)
        List<ForkJoinTask<?>> tasks = new ArrayList<>();
        for (int run = 0; run < runs.length; run++) {
            int r = run;
            tasks.add(ForkJoinTask.adapt(() -> {
                int g = r / (units * lrs), u = (r / lrs) % units, lr = r % lrs;
                Unit unit = Unit.of(x, fam, d[0].length, y, train[g], floor0, spec, warm == null ? null : warm.get(g), units > 1 ? u : -1, opt);
                layouts[g * units + u] = unit.layout;
                runs[r] = SlothRun.train(unit.kernel, unit.layout, unit.start, opt.lrs()[lr], opt);
            }));
        }
        ForkJoinTask.invokeAll(tasks);
        List<Fit> out = new ArrayList<>();
        for (int g = 0; g < groups; g++) {
            List<SlothParams> parts = new ArrayList<>();
            double mae = 0;
            int epochs = 0;
            for (int u = 0; u < units; u++) {
                SlothRun.Result best = runs[(g * units + u) * lrs];
                for (int lr = 1; lr < lrs; lr++) if (runs[(g * units + u) * lrs + lr].bestMae() < best.bestMae()) best = runs[(g * units + u) * lrs + lr];
                parts.add(SlothParams.of(layouts[g * units + u], best.best()));
                mae += best.bestMae() / units;
                epochs = Math.max(epochs, best.epochs());
            }
            out.add(new Fit(units == 1 ? parts.get(0) : PerBenchmark.join(parts), mae, epochs));
        }
        return out;
    }

    /** One fit's training rows, layout, kernel and start; {@code benchmark} ≥ 0 picks one benchmark of a per-benchmark law. */
    private record Unit(Layout layout, SlothKernel kernel, double[] start) {
        static Unit of(double[][] x, int[] fam, int f, double[][] y, boolean[] rows, double[] floor0, Spec spec,
                       SlothParams warm, int benchmark, Options opt) {
            int n = 0;
            for (boolean r : rows) if (r) n++;
            int p = x[0].length, nb = benchmark >= 0 ? 1 : y[0].length;
            double[] xs = new double[n * p], ys = new double[n * nb];
            int[] fs = new int[n];
            for (int i = 0, t = 0; i < rows.length; i++) {
                if (!rows[i]) continue;
                System.arraycopy(x[i], 0, xs, t * p, p);
                for (int j = 0; j < nb; j++) ys[t * nb + j] = y[i][benchmark >= 0 ? benchmark : j];
                fs[t++] = fam[i];
            }
            boolean link = spec.link() == Link.MONOTONE;
            int k = benchmark >= 0 ? 1 : spec.skills();
            Layout l = new Layout(p, f, k, nb, link ? opt.hidden() : 0, nb > 1, spec.fitFloor(), link);
            double[] fl = benchmark >= 0 ? new double[] {floor0[benchmark]} : floor0;
            SlothParams w = warm == null || benchmark < 0 ? warm : PerBenchmark.part(warm, benchmark);
            return new Unit(l, new SlothKernel(l, xs, fs, ys), InitialValues.of(l, fl, w, opt.seed()));
        }
    }
}
