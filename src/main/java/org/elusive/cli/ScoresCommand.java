package org.elusive.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.elusive.rows.ScoreRow;
import org.elusive.store.TableFormat;
import org.elusive.store.Tables;
import org.elusive.transform.Scores;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "scores", mixinStandardHelpOptions = true,
        description = "Choices table -> scores table: one row per (checkpoint, task, doc) with the per-sample"
                + " scores of the Elusive paper (docs/design.md §3.2).")
public final class ScoresCommand implements Callable<Integer> {
    @Option(names = "--input", required = true, paramLabel = "CHOICES", description = "Choices table (.parquet, .csv or .jsonl).")
    Path input;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Scores table to write.")
    Path out;

    @Mixin OutputFormatOption format;

    @Override public Integer call() {
        List<ScoreRow> scores = Scores.fromFile(input);
        Tables.writeScores(out, scores, format.of(out));
        System.err.printf("%s: %d docs scored (%d choices)%n", out, scores.size(),
                scores.stream().mapToLong(ScoreRow::nChoices).sum());
        return ExitCodes.OK;
    }

    /** For commands that declare their own --format: {@link OutputFormatOption}'s rule. */
    static TableFormat outputFormat(String format, Path out) { return OutputFormatOption.of(format, out); }
}
