package org.elusive.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.elusive.correlate.ScalingSets;
import org.elusive.plot.CorrelationPlots;
import org.elusive.store.Tables;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "plot", mixinStandardHelpOptions = true, description = "Figures (PNG and SVG) from the tables.",
        subcommands = {
                // one line per figure command
                PlotCommand.Correlations.class,
                PlotEmergenceCommand.class,
        })
public final class PlotCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Override public Integer call() {
        spec.commandLine().usage(System.err); // "elusive <command>", as picocli's own usage errors
        return ExitCodes.USAGE;
    }

    @Command(name = "correlations", mixinStandardHelpOptions = true,
            description = "Complementary ECDFs of the per-sample correlations with compute: one figure per (task,"
                    + " method), one panel per score, one line per family (the Elusive paper's figure).")
    public static final class Correlations implements Callable<Integer> {
        @Option(names = "--input", required = true, paramLabel = "CORR", description = "Correlations table.")
        Path input;

        @Option(names = "--out", required = true, paramLabel = "DIR", description = "Directory for the PNG and SVG files.")
        Path out;

        @Option(names = "--sets", paramLabel = "LIST", split = ",",
                description = "Only these scaling sets (the table's family column; default: all it has).")
        List<String> sets;

        @Override public Integer call() {
            List<Path> files = CorrelationPlots.write(ScalingSets.only(Tables.readCorrelations(input), sets), out);
            files.forEach(f -> System.err.println(f + " (and .svg)"));
            return ExitCodes.OK;
        }
    }
}
