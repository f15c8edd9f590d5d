package org.elusive.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.elusive.core.BadInputException;
import org.elusive.emergence.ForecastOptions;
import org.elusive.emergence.GroupColumns;
import org.elusive.emergence.PaperModels;
import org.elusive.emergence.SliceAndSandwich;
import org.elusive.emergence.Table;
import org.elusive.emergence.TableFiles;
import org.elusive.plot.EmergencePlots;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "emergence", mixinStandardHelpOptions = true,
        description = "Wu & Lo 2024 figures from a model table: TC Brier per difficulty group vs log compute with fits"
                + " (<name>_groups), the easy/hard fits (<name>_fit) and forecast vs actual accuracy (<name>_forecast);"
                + " for an accuracy-grouped table ({a}_{b}_acc) the accuracy per group.")
final class PlotEmergenceCommand implements Callable<Integer> {
    @Option(names = "--table", required = true, description = "Model table (the paper's CSV or `emergence groups` output).")
    Path table;
    @Option(names = "--threshold", required = true, description = "Emergence threshold T in log10(FLOPs / 1e21).")
    double threshold;
    @Option(names = "--random-guess", required = true, description = "Accuracy of random guessing.")
    double randomGuess;
    @Option(names = "--easy-degree", defaultValue = "5", description = "Degree of the easy-group polynomial (default: ${DEFAULT-VALUE}).") int easyDegree;
    @Option(names = "--hard-degree", defaultValue = "2", description = "Degree of the hard-group polynomial (default: ${DEFAULT-VALUE}).") int hardDegree;
    @Option(names = "--illustration-degree", defaultValue = "5",
            description = "Degree of the per-group curves in the groups figure (default: ${DEFAULT-VALUE}; the paper uses 5, 7 for MMLU).")
    int illustrationDegree;
    @Option(names = "--hard-lift", description = "Hard group only, lifted (Appendix G.2).") boolean hardLift;
    @Option(names = "--clip", description = "Clip the accuracy law at 1.") boolean clip;
    @Option(names = "--exclude", split = ",", defaultValue = PaperModels.EXCLUDED_CSV,
            description = "Models dropped (default: the paper's; 'none' for none).")
    List<String> exclude;
    @Option(names = "--name", description = "File name stem (default: the table's name without extension).") String name;
    @Option(names = "--out", required = true, description = "Output directory.") Path out;

    @Override public Integer call() {
        EmergenceCommand.checkForecastOptions(threshold, randomGuess, List.of(easyDegree), List.of(hardDegree));
        if (illustrationDegree < 1) {
            throw new BadInputException("--illustration-degree: expected a degree of at least 1, got " + illustrationDegree);
        }
        Table t = TableFiles.read(table);
        String stem = name != null ? name : table.getFileName().toString().replaceFirst("\\.[^.]+$", "");
        var excluded = EmergenceCommand.excluded(exclude);
        List<String> accGroups = GroupColumns.groups(t, "acc");
        if (GroupColumns.groups(t, "brier").isEmpty() && !accGroups.isEmpty()) {
            // an accuracy-grouped table (emergence groups --by-accuracy): only the groups figure applies
            var all = GroupColumns.points(t, accGroups, excluded, false);
            EmergencePlots.save(EmergencePlots.groups(all, accGroups, illustrationDegree, threshold, true,
                    stem + ": accuracy by difficulty group"), out, stem + "_groups");
            System.out.println("wrote " + stem + "_groups.{png,svg} to " + out);
            return ExitCodes.OK;
        }
        List<String> groups = GroupColumns.groups(t);
        var all = GroupColumns.points(t, groups, excluded, false);
        EmergencePlots.save(EmergencePlots.groups(all, groups, illustrationDegree, threshold, false,
                stem + ": TC Brier by difficulty group"), out, stem + "_groups");
        var ends = GroupColumns.points(t, List.of(groups.get(0), groups.get(groups.size() - 1)), excluded);
        SliceAndSandwich.Result r = SliceAndSandwich.forecast(ends, 0, 1,
                new ForecastOptions(threshold, randomGuess, easyDegree, hardDegree, hardLift, clip, true));
        EmergencePlots.save(EmergencePlots.fits(r, stem + ": easy and hard groups"), out, stem + "_fit");
        EmergencePlots.save(EmergencePlots.forecast(r, stem + ": Slice-and-Sandwich forecast"), out, stem + "_forecast");
        System.out.println("wrote " + stem + "_{groups,fit,forecast}.{png,svg} to " + out);
        return ExitCodes.OK;
    }
}
