package org.elusive.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.elusive.core.BadInputException;
import org.elusive.forecast.Backtest;
import org.elusive.forecast.FitAt;
import org.elusive.forecast.ForecastTables;
import org.elusive.forecast.Panel;
import org.elusive.forecast.Panels;
import org.elusive.plot.BacktestPlots;
import org.elusive.store.TableFormat;
import org.elusive.catalog.Families;
import org.elusive.catalog.ScalingSet;
import org.elusive.forecast.ScalingSets;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code elusive forecast backtest|fit}: benchmark scores of larger checkpoints from laws fitted on smaller ones (docs/forecast.md). */
@Command(name = "forecast", mixinStandardHelpOptions = true,
        description = "Forecast benchmark accuracy, Brier and p_choices(correct) of larger checkpoints: aggregate sigmoid,"
                + " per-doc laws on the correct choice, on every choice, on the margin, and Slice-and-Sandwich (docs/forecast.md).",
        subcommands = {ForecastCommand.BacktestCmd.class, ForecastCommand.Fit.class})
public final class ForecastCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Override public Integer call() {
        spec.commandLine().usage(System.err); // "elusive forecast", as picocli's own usage errors
        return ExitCodes.USAGE;
    }

    /** The input table and the scaling sets, shared by both subcommands. */
    static final class Input {
        @ArgGroup(exclusive = true, multiplicity = "1") Source source;
        @Option(names = "--sets", split = ",", description = "Scaling sets of the family registries to forecast (a checkpoint may be"
                + " in several), or family names of the table (default: every family).")
        List<String> sets = new ArrayList<>();

        @Option(names = "--models-dir", paramLabel = "DIR", description = "Directory of family registries, for --sets (default: models).")
        Path modelsDir;

        static final class Source {
            @Option(names = "--choices", split = ",", description = "Choices table(s), or a sweep's choices/ directory: every method.")
            List<Path> choices;
            @Option(names = "--scores", description = "Scores table: acc_sigmoid and slice_and_sandwich only (the others need every choice).")
            Path scores;
        }

        /** Named sets when every --sets name is a registry set, family names when none is; a mix is bad input. */
        ScalingSets scalingSets() {
            if (sets.isEmpty()) return ScalingSets.families(List.of());
            List<ScalingSet> known;
            try {
                known = (modelsDir == null ? Families.load() : Families.load(modelsDir)).sets();
            } catch (BadInputException e) {   // no registry to be found: family names
                if (modelsDir != null) throw e;
                return ScalingSets.families(sets);
            }
            List<ScalingSet> named = known.stream().filter(s -> sets.contains(s.name())).toList();
            if (named.isEmpty()) return ScalingSets.families(sets);
            if (named.size() < sets.size()) {
                List<String> other = sets.stream().filter(n -> named.stream().noneMatch(s -> s.name().equals(n))).toList();
                throw new BadInputException("--sets: " + other + " are not scaling sets of the registries while "
                        + named.stream().map(ScalingSet::name).toList() + " are: give scaling sets or family names, not both");
            }
            return ScalingSets.named(named);
        }

        List<Panel> panels() {
            ScalingSets sets = scalingSets();
            if (source.scores != null) return Panels.fromScores(source.scores, sets);
            List<Path> files = new ArrayList<>();
            for (Path p : source.choices) files.addAll(Panels.choiceFiles(p));
            return Panels.fromChoices(files, sets);
        }
    }

    @Command(name = "backtest", mixinStandardHelpOptions = true,
            description = "Fit on the checkpoints with compute <= the cutoff, predict the held-out larger ones; each method's"
                    + " error on the same split. Writes predictions, summary and figures/forecast.{png,svg,csv} into --out.")
    static final class BacktestCmd implements Callable<Integer> {
        @CommandLine.Mixin Input input = new Input();
        @ArgGroup(exclusive = true, multiplicity = "1") Holdout holdout;
        @Option(names = "--out", required = true, description = "Output directory.") Path out;
        @Option(names = "--format", defaultValue = "parquet", description = "parquet, csv or jsonl (default: ${DEFAULT-VALUE}).")
        String format;

        static final class Holdout {
            @Option(names = "--cutoff-compute", description = "Fit on checkpoints with compute <= C FLOPs.") Double cutoff;
            @Option(names = "--holdout-largest", description = "Hold out the K checkpoints of largest compute.") Integer k;
        }

        @Override public Integer call() {
            TableFormat f = TableFormat.fromName(format);
            Outputs.directory("--out", out);
            Backtest.Protocol protocol;
            if (holdout.cutoff != null) {
                if (!(holdout.cutoff > 0) || holdout.cutoff.isInfinite()) {
                    throw new BadInputException("--cutoff-compute: expected a positive finite compute, got " + holdout.cutoff);
                }
                protocol = Backtest.Protocol.cutoff(holdout.cutoff);
            } else {
                protocol = Backtest.Protocol.holdoutLargest(holdout.k);
            }
            Backtest.Result r = Backtest.run(input.panels(), protocol);
            r.notes().forEach(n -> System.err.println("note: " + n));
            ForecastTables.writePredictions(out.resolve("predictions." + f.extension()), f, r.rows());
            ForecastTables.writeSummary(out.resolve("summary." + f.extension()), f, r.summary());
            BacktestPlots.write(r, out.resolve("figures"), "forecast");
            for (Backtest.SummaryRow s : r.summary()) {
                System.out.printf(Locale.ROOT, "%-12s %-14s %-20s n=%-4d MAE acc=%.4f brier=%.4f p_choices=%.4f%n", s.set(), s.benchmark(),
                        s.method(), s.n(), s.maeAcc(), s.maeBrier(), s.maePCorrect());
            }
            System.out.println("wrote " + out);
            return ExitCodes.OK;
        }
    }

    @Command(name = "fit", mixinStandardHelpOptions = true,
            description = "Fit every method on the checkpoints (up to --cutoff-compute) and predict at the computes given.")
    static final class Fit implements Callable<Integer> {
        @CommandLine.Mixin Input input = new Input();
        @Option(names = "--compute", required = true, split = ",", description = "Compute(s) in FLOPs to predict at.")
        double[] computes;
        @Option(names = "--cutoff-compute", description = "Fit only on checkpoints with compute <= C (default: all).")
        Double cutoff;
        @Option(names = "--out", required = true, description = "Output table (.parquet, .csv or .jsonl).") Path out;
        @Option(names = "--format", description = "parquet, csv or jsonl (default: by the extension of --out).") String format;

        @Override public Integer call() {
            for (double c : computes) {
                if (!(c > 0) || Double.isInfinite(c)) throw new BadInputException("--compute: expected positive finite computes, got " + c);
            }
            Outputs.file("--out", out);
            List<String> notes = new ArrayList<>();
            List<FitAt.Row> rows = FitAt.predict(input.panels(), cutoff == null ? Double.POSITIVE_INFINITY : cutoff, computes, notes);
            notes.forEach(n -> System.err.println("note: " + n));
            ForecastTables.writeFit(out, TableFormat.of(format, out), rows);
            System.out.println("wrote " + rows.size() + " predictions to " + out);
            return ExitCodes.OK;
        }
    }
}
