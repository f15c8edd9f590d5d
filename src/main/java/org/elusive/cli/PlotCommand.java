package org.elusive.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import org.elusive.correlate.ScalingSets;
import org.elusive.catalog.Families;
import org.elusive.core.BadInputException;
import org.elusive.correlate.Summaries;
import org.elusive.plot.CorrelationPlots;
import org.elusive.plot.KdePlots;
import org.elusive.plot.MassPlots;
import org.elusive.plot.PairPlots;
import org.elusive.plot.StagePlots;
import org.elusive.plot.StatisticPlots;
import org.elusive.rows.CorrelationRow;
import org.elusive.rows.ScoreRow;
import org.elusive.store.TableReader;
import org.elusive.store.Tables;
import org.elusive.transform.Scores;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "plot", mixinStandardHelpOptions = true,
        description = "Figures from the tables: PNG, SVG and a CSV of the numbers each draws.",
        subcommands = {
                // one line per figure command
                PlotCommand.Correlations.class,
                PlotCommand.Stages.class,
                PlotCommand.Masses.class,
                PlotEmergenceCommand.class,
        })
public final class PlotCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Override public Integer call() {
        spec.commandLine().usage(System.err); // "elusive <command>", as picocli's own usage errors
        return ExitCodes.USAGE;
    }

    private static final List<String> CORRELATION_FIGURES = List.of("ecdf", "kde", "methods", "families", "statistics");

    @Command(name = "correlations", mixinStandardHelpOptions = true,
            description = "The Elusive paper's notebook 03 from a correlations table: complementary ECDFs of the per-sample"
                    + " correlations with compute (correlations_<task>_<method>), their KDEs (kde_<task>_<score>),"
                    + " per-doc scatters of one method against another (methods_<task>_<score>) and of one family against"
                    + " another (families_<task>_<score>), and the distribution statistics by benchmark"
                    + " (statistic_<method>_<statistic>).")
    public static final class Correlations implements Callable<Integer> {
        @Option(names = "--input", required = true, paramLabel = "CORR", description = "Correlations table.")
        Path input;

        @Option(names = "--out", required = true, paramLabel = "DIR", description = "Directory for the PNG, SVG and CSV files.")
        Path out;

        @Option(names = "--summary", paramLabel = "FILE",
                description = "Summary table for the statistics figures (default: summarised from --input).")
        Path summary;

        @Option(names = "--figures", paramLabel = "LIST", split = ",", defaultValue = "ecdf,kde,methods,families,statistics",
                description = "Which figures: ecdf, kde, methods, families, statistics (default: ${DEFAULT-VALUE}).")
        Set<String> figures;

        @Option(names = "--sets", paramLabel = "LIST", split = ",",
                description = "Only these scaling sets (the table's family column; default: all it has).")
        List<String> sets;

        @Override public Integer call() {
            for (String f : figures) {
                if (!CORRELATION_FIGURES.contains(f)) {
                    throw new BadInputException("--figures: unknown figure '" + f + "' (expected one of "
                            + String.join(", ", CORRELATION_FIGURES) + ")");
                }
            }
            List<CorrelationRow> rows = ScalingSets.only(Tables.readCorrelations(input), sets);
            List<Path> files = new ArrayList<>();
            if (figures.contains("ecdf")) files.addAll(CorrelationPlots.write(rows, out));
            if (figures.contains("kde")) files.addAll(KdePlots.write(rows, out));
            files.addAll(PairPlots.write(rows, out, figures.contains("methods"), figures.contains("families")));
            if (figures.contains("statistics")) {
                files.addAll(StatisticPlots.write(summary != null ? Tables.readSummaries(summary).stream()
                        .filter(r -> sets == null || sets.contains(r.family())).toList() : Summaries.of(rows), out));
            }
            files.forEach(f -> System.err.println(f + " (and .svg, .csv)"));
            return ExitCodes.OK;
        }
    }

    @Command(name = "stages", mixinStandardHelpOptions = true,
            description = "The Elusive paper's notebook 04: per-doc scatters across the transformation stages, p_vocab(correct)"
                    + " → p_choices(correct) → Brier → accuracy, one figure per task (stages_<task>), one colour per family.")
    public static final class Stages implements Callable<Integer> {
        @Mixin ScoreFigureInput in = new ScoreFigureInput();

        @Override public Integer call() {
            StagePlots.write(in.rows(), in.out).forEach(f -> System.err.println(f + " (and .svg, .csv)"));
            return ExitCodes.OK;
        }
    }

    @Command(name = "masses", mixinStandardHelpOptions = true,
            description = "The Elusive paper's notebook 05: p_vocab(correct) and the incorrect-choice mass against compute per"
                    + " family (mass_<task>, and as cross-entropies neg_log_mass_<task>), and their joint scatter coloured by"
                    + " compute (mass_scatter_<task>).")
    public static final class Masses implements Callable<Integer> {
        @Mixin ScoreFigureInput in = new ScoreFigureInput();

        @Option(names = "--min-compute", paramLabel = "FLOPS", defaultValue = "1e17",
                description = "Checkpoints below this compute are left out (default: ${DEFAULT-VALUE}, the paper's; 0 keeps all).")
        double minCompute;

        @Override public Integer call() {
            if (!(minCompute >= 0)) throw new BadInputException("--min-compute: expected a number ≥ 0, got " + minCompute);
            MassPlots.write(in.rows(), minCompute, in.out).forEach(f -> System.err.println(f + " (and .svg, .csv)"));
            return ExitCodes.OK;
        }
    }

    /** The input of the figures drawn from a scores (or choices) table: the table, the output directory and which rows. */
    static final class ScoreFigureInput {
        @Option(names = "--input", required = true, paramLabel = "SCORES|CHOICES", description = "A scores or a choices table.")
        Path input;

        @Option(names = "--out", required = true, paramLabel = "DIR", description = "Directory for the PNG, SVG and CSV files.")
        Path out;

        @Option(names = "--families", paramLabel = "LIST", split = ",", description = "Only these families (default: all).")
        List<String> families;

        @Option(names = "--sets", paramLabel = "LIST", split = ",",
                description = "Draw these scaling sets of the family registries instead of families (a checkpoint may be in several).")
        List<String> sets;

        @Option(names = "--models-dir", paramLabel = "DIR", description = "Directory of family registries, for --sets (default: models).")
        Path modelsDir;

        /**
         * The table as it is, or a choices table scored; only the given families when there are some; with
         * --sets, the rows of each set's checkpoints under the set's name.
         */
        List<ScoreRow> rows() {
            List<ScoreRow> rows = TableReader.columnsOf(input).contains("log_p_vocab_correct") ? Tables.readScores(input)
                    : Scores.fromFile(input);
            if (sets != null && !sets.isEmpty()) {
                if (families != null && !families.isEmpty()) throw new BadInputException("--families and --sets: give one of them");
                Families registry = modelsDir == null ? Families.load() : Families.load(modelsDir);
                return ScalingSets.relabel(rows, sets.stream().map(String::trim).map(registry::set).toList());
            }
            if (families == null || families.isEmpty()) return rows;
            List<ScoreRow> kept = rows.stream().filter(r -> families.contains(r.family())).toList();
            if (kept.isEmpty()) throw new BadInputException(input + ": no rows of --families " + String.join(",", families));
            return kept;
        }
    }
}
