package org.elusive.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.elusive.core.BadInputException;
import org.elusive.sloth.Backtest;
import org.elusive.sloth.Benchmarks;
import org.elusive.sloth.ScalingTable;
import org.elusive.sloth.SlothOutputs;
import org.elusive.sloth.SlothTrainer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code elusive sloth fit|backtest}: skill-based scaling laws (Maia Polo et al. 2024). */
@Command(name = "sloth", mixinStandardHelpOptions = true,
        description = "Sloth: skill-based scaling laws on a model × benchmark table (Maia Polo et al. 2024).",
        subcommands = {SlothCommand.Fit.class, SlothCommand.BacktestCmd.class})
public final class SlothCommand implements Callable<Integer> {
    @Override public Integer call() {
        new CommandLine(this).usage(System.out);
        return ExitCodes.USAGE;
    }

    /** Options shared by fit and backtest. */
    static class Common {
        @Option(names = "--data", required = true, description = "Model × benchmark table (.csv, .parquet, .jsonl) as the paper's data_v2.csv.")
        Path data;
        @Option(names = "--benchmarks", defaultValue = "v1", description = "v1, v2, all, or a comma-separated list of columns (default: ${DEFAULT-VALUE}).")
        String benchmarks;
        @Option(names = "--skills", defaultValue = "3", description = "Number of latent skills d (default: ${DEFAULT-VALUE}).")
        int skills;
        @Option(names = "--link", defaultValue = "monotone", description = "sigmoid or monotone (trainable, warm-started from the sigmoid fit; default: ${DEFAULT-VALUE}).")
        SlothTrainer.Link link;
        @Option(names = "--floors", description = "Random-guess floors (default: lower_bounds.csv beside --data, else 0).")
        Path floors;
        @Option(names = "--out", required = true, description = "Output directory.")
        Path out;
        @Option(names = "--format", defaultValue = "parquet", description = "parquet or csv (default: ${DEFAULT-VALUE}).")
        String format;
        @Option(names = "--max-epochs", defaultValue = "100000", description = "Epoch cap per run (paper: ${DEFAULT-VALUE}).")
        int maxEpochs;
        @Option(names = "--lrs", split = ",", defaultValue = "0.1,0.01,0.001", description = "Adam learning rates tried (paper: ${DEFAULT-VALUE}).")
        double[] lrs;

        List<String> benchmarkList() { return Benchmarks.resolve(benchmarks); }

        SlothTrainer.Options options() {
            if (maxEpochs < 1 || lrs.length == 0) throw new BadInputException("--max-epochs must be ≥ 1 and --lrs non-empty");
            return SlothTrainer.Options.paper().withMaxEpochs(maxEpochs).withLrs(lrs);
        }

        /**
         * Sloth's tensors are tiny: libtorch's intra-op threads cannot split them and only spin, which on
         * a shared machine stalls every op. Process-wide, read when the engine starts, hence set here at
         * the command's start (unless the user set it) rather than in the library; the tests get it from
         * surefire's argLine. It is about speed only: reproducible bits are MKL_CBWR's job (launcher, surefire).
         */
        static void oneTorchThread() {
            for (String key : new String[] {"ai.djl.pytorch.num_threads", "ai.djl.pytorch.num_interop_threads"})
                if (System.getProperty(key) == null && System.getenv(key) == null) System.setProperty(key, "1");
        }

        void checkSkills(int benchmarks) {
            if (skills < 1 || skills > benchmarks)
                throw new BadInputException("--skills " + skills + ": expected 1.." + benchmarks + " (the number of benchmarks)");
        }
    }

    @Command(name = "fit", mixinStandardHelpOptions = true,
            description = "Fit Sloth on every complete row; writes params.json, skills, loadings and fitted predictions.")
    static final class Fit implements Callable<Integer> {
        @CommandLine.Mixin Common c;

        @Override public Integer call() {
            Common.oneTorchThread();
            ScalingTable table = ScalingTable.read(c.data);
            List<String> benchmarks = c.benchmarkList();
            table.requireBenchmarks(benchmarks);
            c.checkSkills(benchmarks.size());
            double[] floors = Benchmarks.floors(c.floors, c.data, benchmarks);
            warnDropped(table, benchmarks, 1);
            var fit = org.elusive.sloth.SlothFit.fit(table, benchmarks, c.skills, c.link, floors, c.options());
            SlothOutputs.writeFit(fit, c.out, format(c.format));
            System.out.printf(Locale.ROOT, "sloth fit: %d models, %d families, %d benchmarks, d=%d, training MAE %.4f → %s%n",
                    fit.design().size(), fit.design().families().size(), benchmarks.size(), c.skills, fit.trainMae(), c.out);
            return ExitCodes.OK;
        }
    }

    @Command(name = "backtest", mixinStandardHelpOptions = true,
            description = "The paper's held-out-family prediction experiment with the log-FLOPs and PCA baselines.")
    static final class BacktestCmd implements Callable<Integer> {
        @CommandLine.Mixin Common c;
        @Option(names = "--min-models", defaultValue = "2", description = "2 or 3: families need this many models; the smallest (min-models − 1) stay in training (default: ${DEFAULT-VALUE}).")
        int minModels;
        @Option(names = "--holdout", defaultValue = "family", description = "family: hold out one family (Family2) at a time, as the paper; base: every family of a base family (Family) together (default: ${DEFAULT-VALUE}).")
        Backtest.Holdout holdout;

        @Override public Integer call() {
            Common.oneTorchThread();
            if (minModels < 2) throw new BadInputException("--min-models " + minModels + ": expected 2 or more");
            ScalingTable table = ScalingTable.read(c.data);
            List<String> benchmarks = c.benchmarkList();
            table.requireBenchmarks(benchmarks);
            c.checkSkills(benchmarks.size());
            double[] floors = Benchmarks.floors(c.floors, c.data, benchmarks);
            warnDropped(table, benchmarks, minModels);
            long t0 = System.nanoTime();
            Backtest.Result r = Backtest.run(table, new Backtest.Config(benchmarks, minModels, c.skills, c.link, floors, c.options(), holdout),
                    SlothTrainer.Listener.printingEvery(1000, System.err));
            double secs = (System.nanoTime() - t0) / 1e9;
            SlothOutputs.writeBacktest(r, c.out, format(c.format));
            System.out.printf(Locale.ROOT, "sloth backtest: %d models, %d families, %d held-out groups, benchmarks %s, min-models %d, d=%d, %.1f s%n",
                    r.design().size(), r.design().families().size(), r.groups().size(), c.benchmarks, minModels, c.skills, secs);
            for (Backtest.Summary s : r.summary())
                if (s.benchmark().equals("all"))
                    System.out.printf(Locale.ROOT, "  %-16s MAE %.4f  (%d families, %d predictions)%n", s.method(), s.mae(), s.families(), s.predictions());
            return ExitCodes.OK;
        }
    }

    /** Says, before the fits start, how many rows the paper's protocol drops (the fits redo this cheap selection). */
    static void warnDropped(ScalingTable table, List<String> benchmarks, int minModels) {
        String w = org.elusive.sloth.Design.of(table, benchmarks, minModels).dropWarning(table, minModels);
        if (w != null) System.err.println(w);
    }

    static String format(String f) {
        String l = f.toLowerCase(Locale.ROOT);
        if (!l.equals("csv") && !l.equals("parquet")) throw new BadInputException("--format " + f + ": expected csv or parquet");
        return l;
    }
}
