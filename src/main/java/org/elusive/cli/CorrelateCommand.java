package org.elusive.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.TreeMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.elusive.core.BadInputException;
import org.elusive.correlate.Correlations;
import org.elusive.correlate.Method;
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

    /** A scores table is read one (family, task) at a time; a choices table is scored first. */
    private List<CorrelationRow> correlate(List<Method> methodList, List<Score> scoreList) {
        if (TableReader.columnsOf(input).contains("log_p_vocab_correct")) {
            try (ScoreGroups table = ScoreGroups.open(input)) {
                Map<String, Double> compute = new TreeMap<>();
                for (ScoreGroups.Group g : table.groups()) {
                    for (ScoreGroups.Checkpoint c : table.checkpoints(g)) compute.put(g.family() + "/" + c.label(), c.compute());
                }
                requireCompute(compute);
                return Correlations.compute(table, methodList, scoreList);
            }
        }
        List<ScoreRow> rows = readScoresOrChoices(input);
        Map<String, Double> compute = new TreeMap<>();
        for (ScoreRow r : rows) compute.put(r.family() + "/" + r.model() + "@" + r.revision(), r.compute());
        requireCompute(compute);
        return Correlations.compute(rows, methodList, scoreList);
    }

    /**
     * Correlations with compute need compute: a checkpoint without it (e.g. `eval` of a checkpoint with
     * no registry entry and no --tokens) would make its family's correlations NaN, written as if they
     * were results. Refused, naming every such checkpoint (the first 20) and how to give it compute.
     *
     * @param compute each checkpoint ("family/model@revision") → its compute
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
