package org.elusive.cli;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.elusive.core.BadInputException;
import org.elusive.emergence.DifficultyGroups;
import org.elusive.emergence.ForecastOptions;
import org.elusive.emergence.GroupColumns;
import org.elusive.emergence.PaperModels;
import org.elusive.emergence.ModelMetadata;
import org.elusive.emergence.SliceAndSandwich;
import org.elusive.emergence.Table;
import org.elusive.emergence.TableFiles;
import org.elusive.store.TableFormat;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "emergence", mixinStandardHelpOptions = true,
        description = "U-shaped / inverted-U scaling (Wu & Lo 2024): difficulty groups and the Slice-and-Sandwich forecast.",
        subcommands = {EmergenceCommand.Groups.class, EmergenceCommand.Forecast.class})
public final class EmergenceCommand implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Override public Integer call() {
        spec.commandLine().usage(System.err); // "elusive <command>", as picocli's own usage errors
        return ExitCodes.USAGE;
    }

    @Command(name = "groups", mixinStandardHelpOptions = true,
            description = "Scores table -> per-checkpoint mean TC Brier (or accuracy) per difficulty group, in the"
                    + " paper's CSV shape ({a}_{b}_brier columns, acc, brier, FLOPs (1E21)).")
    static final class Groups implements Callable<Integer> {
        @Option(names = "--scores", required = true, description = "Scores table (docs/design.md §3.2): .parquet, .csv or .jsonl.")
        Path scores;
        @Option(names = "--threshold", required = true,
                description = "T: checkpoints with compute <= 10^T x 1e21 FLOPs define question difficulty.")
        double threshold;
        @Option(names = "--groups", required = true, description = "Number of difficulty groups G.")
        int groups;
        @Option(names = "--by-accuracy", description = "Group by mean accuracy and report accuracy per group ({a}_{b}_acc;"
                + " hardest first, as the paper's _acc scripts).")
        boolean byAccuracy;
        @Option(names = "--exclude", split = ",", defaultValue = PaperModels.EXCLUDED_CSV,
                description = "Models left out of the difficulty (default: the paper's; 'none' for none).")
        List<String> exclude;
        @Option(names = "--undist", description = "TC Brier from the raw gold probability, (p_vocab_correct - 1)^2, as the"
                + " paper's _undist files (default: the renormalised tc_brier, _redist).")
        boolean undist;
        @Option(names = "--common-questions", description = "Keep only the questions every checkpoint has (e.g. a sweep"
                + " in progress) instead of failing.")
        boolean common;
        @Option(names = "--tie-order", defaultValue = "auto", description = "Order that breaks ties: auto (the paper's:"
                + " task+doc_id as a string for several tasks, doc_id for one), concat, numeric (default: ${DEFAULT-VALUE}).")
        DifficultyGroups.TieOrder tieOrder;
        @Option(names = "--metadata", description = "Model table (e.g. ObsScaling's base_llm_benchmark_eval.csv) whose"
                + " 'FLOPs (1E21)' decides which checkpoints are at or below the threshold, as the paper's grouping"
                + " scripts (a model whose FLOPs cell is empty counts; a checkpoint it lacks uses the scores' compute);"
                + " the groups are joined onto it by Model, giving the paper's CSV shape.")
        Path metadata;
        @Option(names = "--out", required = true, description = "Output table.") Path out;
        @Option(names = "--format", description = "csv, parquet or jsonl (default: by the extension of --out).")
        String format;

        @Override public Integer call() {
            requireFinite("--threshold", threshold);
            Table table = TableFiles.read(scores);
            Table meta = metadata == null ? null : TableFiles.read(metadata);
            Table.Builder result = DifficultyGroups.compute(table, new DifficultyGroups.Options(threshold, groups,
                    byAccuracy, excluded(exclude), tieOrder, undist, common, meta == null ? Map.of() : ModelMetadata.flops(meta)));
            int checkpoints = result.rows().size();
            if (meta != null) result = ModelMetadata.join(meta, result);
            TableFiles.write(result, out, outputFormat(format, out));
            System.out.println("wrote " + checkpoints + " checkpoints x " + groups + " groups to " + out);
            return ExitCodes.OK;
        }
    }

    @Command(name = "forecast", mixinStandardHelpOptions = true,
            description = "Slice-and-Sandwich: fit easy and hard groups below the emergence threshold and forecast"
                    + " accuracy beyond it, against the sigmoid baseline (fit_cluster.py of the paper).")
    static final class Forecast implements Callable<Integer> {
        @Option(names = "--table", required = true, description = "Model table with Model, FLOPs (1E21), acc, brier and"
                + " {a}_{b}_brier group columns (the paper's CSVs or `emergence groups` output).")
        Path table;
        @Option(names = "--threshold", required = true, description = "Emergence threshold T in log10(FLOPs / 1e21).")
        double threshold;
        @Option(names = "--random-guess", required = true, description = "Accuracy of random guessing (baseline floor).")
        double randomGuess;
        @Option(names = "--easy-degree", split = ",", defaultValue = "5",
                description = "Polynomial degree(s) of the easy group; several (3,5,7) sweep them (default: ${DEFAULT-VALUE}, the paper's).")
        List<Integer> easyDegrees;
        @Option(names = "--hard-degree", split = ",", defaultValue = "2",
                description = "Polynomial degree(s) of the hard group; several (2,4,6) sweep them (default: ${DEFAULT-VALUE}, the paper's).")
        List<Integer> hardDegrees;
        @Option(names = "--easy-column", description = "Easy group column (default: the first {a}_{b}_brier).")
        String easyColumn;
        @Option(names = "--hard-column", description = "Hard group column (default: the last {a}_{b}_brier).")
        String hardColumn;
        @Option(names = "--exclude", split = ",", defaultValue = PaperModels.EXCLUDED_CSV,
                description = "Models dropped (default: the paper's model_filter; 'none' for none).")
        List<String> exclude;
        @Option(names = "--hard-lift", description = "Predict from the hard group alone, lifted to the train mean (Appendix G.2).")
        boolean hardLift;
        @Option(names = "--clip", description = "Clip the fitted accuracy law at 1.")
        boolean clip;
        @Option(names = "--no-calibration", description = "Do not shift the accuracy law to the train mean"
                + " (as fit_cluster_robustness_threshold.py).")
        boolean noCalibration;
        @Option(names = "--out", required = true, description = "Per-model predictions.") Path out;
        @Option(names = "--summary", required = true, description = "MSE per method on the models beyond the threshold.")
        Path summary;
        @Option(names = "--format", description = "csv, parquet or jsonl (default: by the extension of --out).")
        String format;

        @Override public Integer call() {
            checkForecastOptions(threshold, randomGuess, easyDegrees, hardDegrees);
            Table t = TableFiles.read(table);
            List<String> groupCols = GroupColumns.groups(t);
            String easy = easyColumn == null ? groupCols.get(0) : easyColumn;
            String hard = hardColumn == null ? groupCols.get(groupCols.size() - 1) : hardColumn;
            List<GroupColumns.ModelPoint> points = GroupColumns.points(t, List.of(easy, hard), excluded(exclude));
            warnDropped(t, points, excluded(exclude), easy, hard);
            ForecastOptions base = new ForecastOptions(threshold, randomGuess, 5, 2, hardLift, clip, !noCalibration);

            Table.Builder predictions = new Table.Builder(List.of("model", "flops_1e21", "log_flops", "split",
                    "easy_degree", "hard_degree", "acc", "brier_neg", "easy_neg", "hard_neg", "easy_pred", "hard_pred",
                    "brier_pred", "acc_pred", "acc_base_pred"));
            Table.Builder sums = new Table.Builder(List.of("method", "easy_degree", "hard_degree", "train_models",
                    "test_models", "mse"));
            SliceAndSandwich.Result last = null;
            for (int e : easyDegrees) {
                for (int h : hardDegrees) {
                    last = run(points, base.withDegrees(e, h), predictions);
                    sums.add("slice_and_sandwich", e, h, last.trainModels(), last.testModels(), last.mse());
                    System.out.printf(Locale.ROOT, "slice_and_sandwich easy=%d hard=%d  train=%d test=%d  MSE=%.4e%n",
                            e, h, last.trainModels(), last.testModels(), last.mse());
                }
            }
            sums.add("sigmoid_baseline", null, null, last.trainModels(), last.testModels(), last.baselineMse());
            System.out.printf(Locale.ROOT, "sigmoid_baseline                train=%d test=%d  MSE=%.4e%n",
                    last.trainModels(), last.testModels(), last.baselineMse());
            TableFiles.write(predictions, out, outputFormat(format, out));
            TableFiles.write(sums, summary, outputFormat(format, summary));
            return ExitCodes.OK;
        }

        private static SliceAndSandwich.Result run(List<GroupColumns.ModelPoint> points, ForecastOptions o,
                                                   Table.Builder predictions) {
            SliceAndSandwich.Result r = SliceAndSandwich.forecast(points, 0, 1, o);
            for (SliceAndSandwich.Prediction p : r.predictions()) {
                predictions.add(p.model(), p.flops(), p.x(), p.train() ? "train" : "test", o.easyDegree(),
                        o.hardDegree(), p.acc(), p.brier(), p.easy(), p.hard(), p.easyPred(), p.hardPred(),
                        p.brierPred(), p.accPred(), p.accBasePred());
            }
            return r;
        }
    }

    static void requireFinite(String option, double v) {
        if (!Double.isFinite(v)) throw new BadInputException(option + ": expected a finite number, got " + v);
    }

    /** Options that would make the fits meaningless or fail deep inside them. */
    static void checkForecastOptions(double threshold, double randomGuess, List<Integer> easy, List<Integer> hard) {
        requireFinite("--threshold", threshold);
        if (!(randomGuess >= 0 && randomGuess < 1)) {
            throw new BadInputException("--random-guess: expected an accuracy in [0, 1), got " + randomGuess);
        }
        for (int d : easy) if (d < 1) throw new BadInputException("--easy-degree: expected a degree of at least 1, got " + d);
        for (int d : hard) if (d < 1) throw new BadInputException("--hard-degree: expected a degree of at least 1, got " + d);
    }

    /**
     * Counts, in one warning line, the models the paper's protocol leaves out of the forecast: no
     * FLOPs > 0 (a step0; {@link GroupColumns#points}) or no acc or easy/hard value (the forecast's
     * own filter). Excluded models were named on the command line, so they are not counted.
     */
    private static void warnDropped(Table t, List<GroupColumns.ModelPoint> points, Set<String> exclude, String easy, String hard) {
        int model = t.columns().indexOf(GroupColumns.MODEL), considered = 0;
        for (int r = 0; r < t.size(); r++) if (!exclude.contains(t.string(r, model))) considered++;
        int noFlops = considered - points.size();
        long incomplete = points.stream().filter(p -> Double.isNaN(p.acc()) || Double.isNaN(p.groups()[0])
                || Double.isNaN(p.groups()[1])).count();
        if (noFlops + incomplete == 0) return;
        System.err.println("warning: " + t.source() + ": " + (noFlops + incomplete) + " of " + considered + " models left out of"
                + " the forecast: " + noFlops + " without FLOPs > 0 (e.g. a step0), " + incomplete + " without acc or a value"
                + " in '" + easy + "' or '" + hard + "' (the paper's protocol)");
    }

    static Set<String> excluded(List<String> names) {
        Set<String> out = new HashSet<>();
        for (String n : names) if (!n.isBlank() && !n.equalsIgnoreCase("none")) out.add(n.trim());
        return out;
    }

    static TableFormat outputFormat(String format, Path out) {
        return TableFormat.of(format, out);
    }
}
