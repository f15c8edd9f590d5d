package org.elusive.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.elusive.core.BadInputException;
import org.elusive.sloth.Backtest;
import org.elusive.sloth.Benchmarks;
import org.elusive.sloth.FitOutput;
import org.elusive.sloth.Interpretation;
import org.elusive.sloth.Method;
import org.elusive.sloth.ScalingTable;
import org.elusive.sloth.SlothOutputs;
import org.elusive.sloth.SlothTrainer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code elusive sloth fit|interpret|backtest}: skill-based scaling laws (Maia Polo et al. 2024). */
@Command(name = "sloth", mixinStandardHelpOptions = true,
        description = "Sloth: skill-based scaling laws on a model × benchmark table (Maia Polo et al. 2024).",
        subcommands = {SlothCommand.Fit.class, SlothCommand.Interpret.class, SlothCommand.BacktestCmd.class})
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
        @Option(names = "--floors", description = "Random-guess floors, a table as the paper's lower_bounds.csv (default: the paper's floors "
                + "of definitions.py for its benchmarks, else lower_bounds.csv beside --data, else 0).")
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

    }

    @Command(name = "fit", mixinStandardHelpOptions = true,
            description = "Fit Sloth on every complete row; writes params.json, skills, loadings and fitted predictions.")
    static final class Fit implements Callable<Integer> {
        @CommandLine.Mixin Common c;
        @Option(names = "--skills", defaultValue = "3", description = "Number of latent skills d (default: ${DEFAULT-VALUE}).")
        int skills;
        @Option(names = "--link", defaultValue = "monotone", description = "sigmoid or monotone (trainable, warm-started from the sigmoid fit; default: ${DEFAULT-VALUE}).")
        SlothTrainer.Link link;

        @Override public Integer call() {
            ScalingTable table = ScalingTable.read(c.data);
            List<String> benchmarks = c.benchmarkList();
            table.requireBenchmarks(benchmarks);
            checkSkills(skills, benchmarks.size());
            double[] floors = Benchmarks.floors(c.floors, c.data, benchmarks);
            warnDropped(table, benchmarks, 1);
            var fit = org.elusive.sloth.SlothFit.fit(table, benchmarks, skills, link, floors, c.options());
            SlothOutputs.writeFit(fit, c.out, format(c.format));
            System.out.printf(Locale.ROOT, "sloth fit: %d models, %d families, %d benchmarks, d=%d, training MAE %.4f → %s%n",
                    fit.design().size(), fit.design().families().size(), benchmarks.size(), skills, fit.trainMae(), c.out);
            return ExitCodes.OK;
        }
    }

    @Command(name = "interpret", mixinStandardHelpOptions = true,
            description = {"The paper's interpretation step on the output of 'sloth fit' (it does not fit): whitens the skills, "
                    + "rotates them by oblique geomin (factor_analyzer's defaults) and anchors their signs; writes rotated_loadings, "
                    + "rotated_skills, rotated_map, rotation, interpret.json and the figures loadings_heatmap, skill_correlation and "
                    + "level_curves_skill_<s> (PNG, SVG and the CSV of what is drawn).",
                    "The paper interprets a sigmoid-link fit of d = 3 on all 12 benchmarks: "
                    + "sloth fit --benchmarks all --skills 3 --link sigmoid --out FIT, then sloth interpret --fit FIT --out DIR."})
    static final class Interpret implements Callable<Integer> {
        @Option(names = "--fit", required = true, description = "The --out directory of 'sloth fit' (params.json and skills.csv or skills.parquet).")
        Path fit;
        @Option(names = "--out", required = true, description = "Output directory (may be the --fit directory: no file name is shared).")
        Path out;
        @Option(names = "--rotation", defaultValue = "geomin", description = "geomin (the paper's oblique geomin) or none "
                + "(whitened skills only; default: ${DEFAULT-VALUE}).")
        Interpretation.Rotation rotation;
        @Option(names = "--anchor", defaultValue = "logS", description = "Each skill's sign makes its weight on this row of the "
                + "skills' map positive: a feature (logT, logS, logSlogT) or a family (paper: ${DEFAULT-VALUE}, skills grow with size).")
        String anchor;
        @Option(names = "--format", defaultValue = "parquet", description = "parquet or csv (default: ${DEFAULT-VALUE}).")
        String format;

        @Override public Integer call() {
            String f = format(format);
            Interpretation in = Interpretation.of(FitOutput.read(fit), rotation, anchor);
            SlothOutputs.writeInterpret(in, out, f);
            System.out.printf(Locale.ROOT, "sloth interpret: %d models, d=%d, %s rotation, geomin criterion %.4f → %.4f in %d updates, "
                    + "anchor %s → %s%n", in.skills().length, in.fit().k(), in.method().label(), in.geomin().start(), in.geomin().criterion(),
                    in.geomin().updates(), anchor, out);
            return ExitCodes.OK;
        }
    }

    @Command(name = "backtest", mixinStandardHelpOptions = true,
            description = "The paper's held-out-family prediction experiment: every method of its methods_names, or those asked for.")
    static final class BacktestCmd implements Callable<Integer> {
        @CommandLine.Mixin Common c;
        @Option(names = "--min-models", defaultValue = "2", description = "Families need this many models; the smallest (min-models − 1) "
                + "of each held-out family stay in training; the paper's groups exist for 2 and 3 (default: ${DEFAULT-VALUE}).")
        int minModels;
        @Option(names = "--holdout", defaultValue = "paper", description = "paper: the paper's held-out groups (definitions.py); "
                + "family: every family (Family2) on its own; base: every family of a base family (Family) together (default: ${DEFAULT-VALUE}).")
        Backtest.Holdout holdout;
        @Option(names = "--methods", split = ",", defaultValue = "all", description = "The paper's method names (logF_sigmoid, "
                + "factor_trainlink_faminter_d=2, pca_d=3, ...), comma-separated, or all (its 28; default: ${DEFAULT-VALUE}).")
        List<String> methods;
        @Option(names = "--select-models", description = "experiment.py's --select_models: drop the families whose largest model "
                + "scores MMLU < 0.35 or MMLU-PRO < 0.15, and the held-out groups holding one.")
        boolean selectModels;
        @Option(names = "--threads", description = "Fits run in parallel on this many threads (default: the available processors).")
        Integer threads;

        @Override public Integer call() {
            if (minModels < 2) throw new BadInputException("--min-models " + minModels + ": expected 2 or more");
            if (threads != null && threads < 1) throw new BadInputException("--threads " + threads + ": expected 1 or more");
            ScalingTable table = ScalingTable.read(c.data);
            List<String> benchmarks = c.benchmarkList();
            table.requireBenchmarks(benchmarks);
            List<Method> ms = Method.parse(methods);
            for (Method m : ms)
                if (m.skills() > benchmarks.size())
                    throw new BadInputException("--methods " + m.name() + ": d = " + m.skills() + " skills exceed the " + benchmarks.size() + " benchmarks");
            double[] floors = Benchmarks.floors(c.floors, c.data, benchmarks);
            warnDropped(table, benchmarks, minModels);
            int n = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
            long t0 = System.nanoTime();
            Backtest.Result r = Backtest.run(table, new Backtest.Config(benchmarks, minModels, ms, floors, c.options(), holdout, selectModels, n),
                    (m, done, total) -> System.err.printf(Locale.ROOT, "sloth: %s done (%d of %d methods, %.0f s)%n", m, done, total,
                            (System.nanoTime() - t0) / 1e9));
            double secs = (System.nanoTime() - t0) / 1e9;
            SlothOutputs.writeBacktest(r, c.out, format(c.format));
            System.out.printf(Locale.ROOT, "sloth backtest: %d models, %d families, %d held-out groups (%s), benchmarks %s, min-models %d, "
                    + "%.1f s, %.1f s process CPU, %d threads%n", r.design().size(), r.design().families().size(), r.groups().size(),
                    holdout.name().toLowerCase(Locale.ROOT), c.benchmarks, minModels, secs, processCpuSeconds(), n);
            System.out.printf(Locale.ROOT, "  %-30s %10s %10s%n", "method", "MAE", "MAE/group");
            for (Backtest.Summary s : r.summary())
                if (s.benchmark().equals("all"))
                    System.out.printf(Locale.ROOT, "  %-30s %10.4f %10.4f%n", s.method(), s.maePooled(), s.maeFamilyAvg());
            return ExitCodes.OK;
        }
    }

    /** The process's CPU time so far (the JVM's start included), for timings taken on a loaded machine. */
    static double processCpuSeconds() {
        var os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() / 1e9 : Double.NaN;
    }

    static void checkSkills(int skills, int benchmarks) {
        if (skills < 1 || skills > benchmarks)
            throw new BadInputException("--skills " + skills + ": expected 1.." + benchmarks + " (the number of benchmarks)");
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
