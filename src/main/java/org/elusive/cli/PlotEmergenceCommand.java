package org.elusive.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import org.elusive.core.BadInputException;
import org.elusive.emergence.ForecastOptions;
import org.elusive.emergence.GroupColumns;
import org.elusive.emergence.GroupColumns.ModelPoint;
import org.elusive.emergence.PaperModels;
import org.elusive.emergence.SliceAndSandwich;
import org.elusive.emergence.Table;
import org.elusive.emergence.TableFiles;
import org.elusive.plot.EmergencePlots;
import org.elusive.plot.Figure;
import org.elusive.plot.ForecastPlots;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "emergence", mixinStandardHelpOptions = true,
        description = "Wu & Lo 2024 figures from a model table, each as <name>_<figure>.png, .svg and .csv (what is drawn):"
                + " overall_acc and overall_brier (plot_overall_performance.py), groups (plot_question_group_*.py),"
                + " relation, fit, brier_law, forecast (fit_cluster.py), robustness_degree and robustness_threshold"
                + " (fit_cluster_robustness_*.py); for an accuracy-grouped table ({a}_{b}_acc) the groups figure only.")
final class PlotEmergenceCommand implements Callable<Integer> {
    enum Kind { overall, groups, relation, fit, brier_law, forecast, robustness_degree, robustness_threshold }

    @Option(names = "--table", required = true, description = "Model table (the paper's CSV or `emergence groups` output).")
    Path table;
    @Option(names = "--threshold", required = true, description = "Emergence threshold T in log10(FLOPs / 1e21).")
    double threshold;
    @Option(names = "--random-guess", required = true, description = "Accuracy of random guessing.")
    double randomGuess;
    @Option(names = "--figures", split = ",", description = "Figures to draw (default: all; robustness_degree is left"
            + " out, with a note, when fewer than 9 models lie below T for its degree 7): ${COMPLETION-CANDIDATES}.")
    Set<Kind> named;
    private Set<Kind> figures;
    @Option(names = "--easy-degree", defaultValue = "5", description = "Degree of the easy-group polynomial (default: ${DEFAULT-VALUE}).") int easyDegree;
    @Option(names = "--hard-degree", defaultValue = "2", description = "Degree of the hard-group polynomial (default: ${DEFAULT-VALUE}).") int hardDegree;
    @Option(names = "--illustration-degree", defaultValue = "5",
            description = "Degree of the per-group curves in the groups figure (default: ${DEFAULT-VALUE}; the paper uses 5, 7 for MMLU, 10 for arithmetic).")
    int illustrationDegree;
    @Option(names = "--hard-lift", description = "Hard group only, lifted (Appendix G.2).") boolean hardLift;
    @Option(names = "--clip", description = "Clip the accuracy law at 1.") boolean clip;
    @Option(names = "--no-calibration", description = "Do not shift the accuracy law of the forecast figure to the train mean"
            + " (the threshold-robustness figure never does, as fit_cluster_robustness_threshold.py).")
    boolean noCalibration;
    @Option(names = "--oracle", description = "Add the oracle to the forecast figure: the sigmoid fitted on every model,"
            + " test split included (fit_cluster.py's plot_oracle; off there by default).")
    boolean oracle;
    @Option(names = "--no-emergence", description = "The task shows no emergence (the paper's HellaSwag, ARC,"
            + " abstract_narrative_understanding): overall and groups figures say \"No Emergence\" and draw no threshold line.")
    boolean noEmergence;
    @Option(names = "--exclude", split = ",", defaultValue = PaperModels.EXCLUDED_CSV,
            description = "Models dropped (default: the paper's utils.model_filter; 'none' for none).")
    List<String> exclude;
    @Option(names = "--name", description = "File name stem (default: the table's name without extension).") String name;
    @Option(names = "--out", required = true, description = "Output directory.") Path out;

    @Override public Integer call() {
        EmergenceCommand.checkForecastOptions(threshold, randomGuess, List.of(easyDegree), List.of(hardDegree));
        if (illustrationDegree < 1) {
            throw new BadInputException("--illustration-degree: expected a degree of at least 1, got " + illustrationDegree);
        }
        figures = named == null ? EnumSet.allOf(Kind.class) : named;
        Table t = TableFiles.read(table);
        String stem = name != null ? name : table.getFileName().toString().replaceFirst("\\.[^.]+$", "");
        Set<String> excluded = EmergenceCommand.excluded(exclude);
        List<String> written = new ArrayList<>();
        List<String> accGroups = GroupColumns.groups(t, "acc");
        if (GroupColumns.groups(t, "brier").isEmpty() && !accGroups.isEmpty()) {
            // an accuracy-grouped table (emergence groups --by-accuracy): only the groups figure applies
            if (figures.contains(Kind.groups)) {
                save(EmergencePlots.groups(GroupColumns.points(t, accGroups, excluded, false), accGroups, illustrationDegree,
                        threshold, true, !noEmergence, false, stem + ": accuracy by difficulty group"), stem, "groups", written);
            }
        } else {
            compute(t, stem, excluded, written);
        }
        System.out.println("wrote " + stem + "_{" + String.join(",", written) + "}.{png,svg,csv} to " + out);
        return ExitCodes.OK;
    }

    private void compute(Table t, String stem, Set<String> excluded, List<String> written) {
        List<String> groups = GroupColumns.groups(t);
        if (figures.contains(Kind.overall)) {
            List<ModelPoint> all = GroupColumns.points(t, List.of(), excluded, false);
            save(EmergencePlots.overall(all, true, threshold, !noEmergence, stem + ": accuracy against training compute"),
                    stem, "overall_acc", written);
            save(EmergencePlots.overall(all, false, threshold, !noEmergence, stem + ": TC Brier score against training compute"),
                    stem, "overall_brier", written);
        }
        if (figures.contains(Kind.groups)) {
            save(EmergencePlots.groups(GroupColumns.points(t, groups, excluded, false), groups, illustrationDegree, threshold,
                    false, !noEmergence, true, stem + ": TC Brier score by difficulty group"), stem, "groups", written);
        }
        List<ModelPoint> ends = GroupColumns.points(t, List.of(groups.get(0), groups.get(groups.size() - 1)), excluded);
        ForecastOptions o = new ForecastOptions(threshold, randomGuess, easyDegree, hardDegree, hardLift, clip, !noCalibration);
        SliceAndSandwich.Result r = figures.stream().anyMatch(k -> k.ordinal() >= Kind.relation.ordinal()
                && k.ordinal() <= Kind.forecast.ordinal()) ? SliceAndSandwich.forecast(ends, 0, 1, o) : null;
        if (figures.contains(Kind.relation)) {
            save(ForecastPlots.relation(r, stem + ": TC Brier score against accuracy"), stem, "relation", written);
        }
        if (figures.contains(Kind.fit)) save(ForecastPlots.fits(r, stem + ": easy and hard groups"), stem, "fit", written);
        if (figures.contains(Kind.brier_law)) {
            save(ForecastPlots.brierLaw(r, stem + ": TC Brier scaling law"), stem, "brier_law", written);
        }
        if (figures.contains(Kind.forecast)) {
            save(ForecastPlots.forecast(r, oracle, stem + ": Slice-and-Sandwich forecast of accuracy"), stem, "forecast", written);
        }
        robustness(ends, stem, written);
    }

    /** The paper's robustness figures: degrees 3/5/7 (easy) and 2/4/6 (hard); easy 3 and 5, uncalibrated, per threshold. */
    private void robustness(List<ModelPoint> ends, String stem, List<String> written) {
        if (figures.contains(Kind.robustness_degree) && (named != null || enoughForDegree7(ends))) {
            ForecastOptions paper = new ForecastOptions(threshold, randomGuess, 5, 2, false, clip, true);
            List<SliceAndSandwich.Result> rs = List.of(SliceAndSandwich.forecast(ends, 0, 1, paper.withDegrees(3, 2)),
                    SliceAndSandwich.forecast(ends, 0, 1, paper.withDegrees(5, 4)),
                    SliceAndSandwich.forecast(ends, 0, 1, paper.withDegrees(7, 6)));
            save(ForecastPlots.degreeRobustness(rs, stem + ": easy and hard fits by polynomial degree"), stem,
                    "robustness_degree", written);
        }
        if (figures.contains(Kind.robustness_threshold)) {
            ForecastOptions uncalibrated = new ForecastOptions(threshold, randomGuess, 3, 2, false, clip, false);
            List<SliceAndSandwich.Result> rs = List.of(SliceAndSandwich.forecast(ends, 0, 1, uncalibrated),
                    SliceAndSandwich.forecast(ends, 0, 1, uncalibrated.withDegrees(5, 2)));
            save(ForecastPlots.thresholdRobustness(rs, stem + ": forecast of accuracy at threshold " + threshold), stem,
                    "robustness_threshold", written);
        }
    }

    /**
     * Whether the degree-7 fit of the default figure set has the 9 models below T it needs; a small
     * sweep (a few checkpoints) then still gets every other figure. Named with --figures, it must.
     */
    private boolean enoughForDegree7(List<ModelPoint> ends) {
        long below = ends.stream().filter(p -> !Double.isNaN(p.acc()) && !Double.isNaN(p.groups()[0])
                && !Double.isNaN(p.groups()[1]) && Math.log10(p.flops()) < Math.log10(Math.pow(10, threshold))).count();
        if (below >= 9) return true;
        System.err.println("note: robustness_degree left out: " + below + " models with complete rows below the threshold,"
                + " its degree-7 fit needs 9");
        return false;
    }

    private void save(Figure f, String stem, String kind, List<String> written) {
        f.save(out, stem + "_" + kind);
        written.add(kind);
    }
}
