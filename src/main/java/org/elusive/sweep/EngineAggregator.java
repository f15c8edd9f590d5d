package org.elusive.sweep;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.elusive.correlate.Correlations;
import org.elusive.correlate.Summaries;
import org.elusive.store.ChoiceRow;
import org.elusive.store.CorrelationRow;
import org.elusive.store.ScoreRow;
import org.elusive.store.TableFormat;
import org.elusive.store.Tables;
import org.elusive.transform.Scores;

/**
 * Rebuilds {@code scores.parquet}, {@code correlations.parquet} and
 * {@code correlations_summary.parquet} from every completed unit. Each unit's scores are computed
 * once and cached next to it ({@code <task>.scores.parquet}, dropped when the unit is redone), so
 * an update reads one row per doc instead of re-scoring every choice.
 */
public final class EngineAggregator implements Aggregator {

    static Path scoresCache(Path unitFile) {
        String n = unitFile.getFileName().toString();
        return unitFile.resolveSibling(n.substring(0, n.length() - ".parquet".length()) + ".scores.parquet");
    }

    @Override public void update(Path outDir, List<Path> unitFiles) throws Exception {
        List<ScoreRow> scores = new ArrayList<>();
        for (Path unit : unitFiles) scores.addAll(unitScores(unit));
        Tables.writeScores(outDir.resolve("scores.parquet"), scores, TableFormat.PARQUET);
        List<CorrelationRow> correlations = Correlations.compute(scores);
        Tables.writeCorrelations(outDir.resolve("correlations.parquet"), correlations, TableFormat.PARQUET);
        Tables.writeSummaries(outDir.resolve("correlations_summary.parquet"), Summaries.of(correlations), TableFormat.PARQUET);
    }

    private static List<ScoreRow> unitScores(Path unit) {
        Path cache = scoresCache(unit);
        try {
            if (Files.exists(cache) && Files.getLastModifiedTime(cache).compareTo(Files.getLastModifiedTime(unit)) >= 0) {
                return Tables.readScores(cache);
            }
        } catch (java.io.IOException e) {
            // unreadable cache: recompute below
        }
        List<ChoiceRow> choices = new ArrayList<>();
        Tables.forEachChoice(unit, false, choices::add);
        List<ScoreRow> rows = Scores.compute(choices, unit.toString());
        Tables.writeScores(cache, rows, TableFormat.PARQUET);
        return rows;
    }
}
