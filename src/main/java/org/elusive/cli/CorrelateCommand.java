package org.elusive.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.TreeMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.elusive.catalog.Families;
import org.elusive.catalog.ScalingSet;
import org.elusive.core.BadInputException;
import org.elusive.correlate.Correlations;
import org.elusive.correlate.Method;
import org.elusive.correlate.ScalingSets;
import org.elusive.correlate.Slice;
import org.elusive.correlate.Summaries;
import org.elusive.rows.CorrelationRow;
import org.elusive.rows.ScoreRow;
import org.elusive.store.ScoreGroups;
import org.elusive.store.TableReader;
import org.elusive.store.Tables;
import org.elusive.transform.Score;
import org.elusive.transform.Scores;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "correlate", mixinStandardHelpOptions = true,
        description = "Per-sample correlations of scores with log10(compute) across each family's checkpoints"
                + " (docs/design.md §3.3), with scipy's p-values, and an optional summary per (family, task, score, method).")
public final class CorrelateCommand implements Callable<Integer> {
    @Option(names = "--input", required = true, paramLabel = "CHOICES|SCORES",
            description = "A choices or a scores table (told apart by their columns).")
    Path input;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Correlations table to write.")
    Path out;

    @Mixin OutputFormatOption format;

    @Option(names = "--methods", paramLabel = "LIST", defaultValue = "pearson,spearman,kendall",
            description = "Comma-separated: pearson, spearman, kendall (default: ${DEFAULT-VALUE}).")
    String methods;

    @Option(names = "--scores", paramLabel = "LIST",
            description = "Comma-separated score columns (default: log_p_vocab_correct, p_vocab_correct, p_vocab_choices,"
                    + " p_vocab_incorrect, p_choices_correct, brier, tc_brier, acc, acc_norm; also greedy_correct).")
    String scores;

    @Option(names = "--summary", paramLabel = "FILE", description = "Also write the summary table here (same format rules).")
    Path summary;

    @Option(names = "--sets", paramLabel = "LIST", split = ",",
            description = "Scaling sets of models/*.yaml to correlate across (default: every set whose checkpoints a"
                    + " task of the table has; without any, each family's checkpoints). The correlations' family column"
                    + " is the set's name.")
    List<String> sets;

    @Option(names = "--models-dir", paramLabel = "DIR", description = "Registry directory with the sets (default: ./models or the project's models/).")
    Path modelsDir;

    @Option(names = "--drop-missing", description = "Correlate a doc over the checkpoints that have it (default: NaN when"
            + " any checkpoint of the set lacks it, as the paper's pivot).")
    boolean dropMissing;

    @Override public Integer call() {
        List<Method> methodList = Method.parseList(methods);
        List<Score> scoreList = Score.parseList(scores);
        List<CorrelationRow> correlations;
        try {
            correlations = correlate(methodList, scoreList);
        } catch (BadInputException e) { // the matrices know family/task/checkpoint, not the file
            throw e.getMessage().startsWith(input.toString()) ? e : new BadInputException(input + ": " + e.getMessage(), e);
        }
        Tables.writeCorrelations(out, correlations, format.of(out));
        System.err.printf("%s: %d correlations%n", out, correlations.size());
        if (summary != null) {
            Tables.writeSummaries(summary, Summaries.of(correlations), format.of(summary));
        }
        return ExitCodes.OK;
    }

    /** A scores table is read one slice (set or family, task) at a time; a choices table is scored first. */
    private List<CorrelationRow> correlate(List<Method> methodList, List<Score> scoreList) {
        if (TableReader.columnsOf(input).contains("log_p_vocab_correct")) {
            try (ScoreGroups table = ScoreGroups.open(input)) {
                Map<String, Map<String, ScoreGroups.Checkpoint>> checkpoints = ScalingSets.checkpoints(table);
                requireComputeOf(checkpoints);
                List<Slice> slices = ScalingSets.select(checkpoints, ScalingSets.families(table), scalingSets(), sets != null ? ScalingSets.Mode.NAMED : ScalingSets.Mode.DEFAULT);
                return Correlations.compute(table, slices, methodList, scoreList, dropMissing);
            }
        }
        List<ScoreRow> rows = readScoresOrChoices(input);
        Map<String, Map<String, ScoreGroups.Checkpoint>> checkpoints = ScalingSets.checkpoints(rows);
        requireComputeOf(checkpoints);
        List<Slice> slices = ScalingSets.select(checkpoints, ScalingSets.families(rows), scalingSets(), sets != null ? ScalingSets.Mode.NAMED : ScalingSets.Mode.DEFAULT);
        return Correlations.compute(rows, slices, methodList, scoreList, dropMissing);
    }

    /** The sets named by --sets, or every set of the registry (none when no registry is to be found: by family). */
    private List<ScalingSet> scalingSets() {
        if (sets == null && modelsDir == null) {
            try {
                Families.defaultDir();
            } catch (BadInputException e) { // a table correlated outside any project: no sets, families as before
                return List.of();
            }
        }
        Families registry = modelsDir == null ? Families.load() : Families.load(modelsDir);
        return sets == null ? registry.sets() : sets.stream().map(String::trim).filter(n -> !n.isEmpty()).map(registry::set).toList();
    }

    private static void requireComputeOf(Map<String, Map<String, ScoreGroups.Checkpoint>> checkpoints) {
        Map<String, Double> compute = new TreeMap<>();
        checkpoints.values().forEach(m -> m.values().forEach(c -> compute.put(c.label(), c.compute())));
        requireCompute(compute);
    }

    /**
     * Correlations with compute need compute: a checkpoint without it (e.g. `eval` of a checkpoint with
     * no registry entry and no --tokens) would make its family's correlations NaN, written as if they
     * were results. Refused, naming every such checkpoint (the first 20) and how to give it compute.
     *
     * @param compute each checkpoint ("model@revision") → its compute
     */
    static void requireCompute(Map<String, Double> compute) {
        Set<String> lacking = new TreeSet<>();
        compute.forEach((ckpt, c) -> { if (Double.isNaN(c)) lacking.add(ckpt); });
        if (lacking.isEmpty()) return;
        String names = lacking.stream().limit(20).collect(Collectors.joining(", ")) + (lacking.size() > 20 ? ", …" : "");
        throw new BadInputException(lacking.size() + " of the " + compute.size() + " checkpoint(s) lack compute (params × tokens is NaN): "
                + names + "; give `eval --tokens`, or register them in a family registry (models/*.yaml; `eval --models-dir DIR`)");
    }

    /** A scores table as is, or a choices table turned into one. */
    static List<ScoreRow> readScoresOrChoices(Path input) {
        List<String> columns = TableReader.columnsOf(input);
        if (columns.contains("log_p_vocab_correct")) return Tables.readScores(input);
        if (columns.contains("logprob")) {
            return Scores.fromFile(input);
        }
        throw new BadInputException(input + ": neither a choices table (no column 'logprob') nor a scores table"
                + " (no column 'log_p_vocab_correct')");
    }
}
