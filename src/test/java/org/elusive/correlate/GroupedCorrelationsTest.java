package org.elusive.correlate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.elusive.Golden;
import org.elusive.core.BadInputException;
import org.elusive.rows.CorrelationRow;
import org.elusive.rows.ScoreRow;
import org.elusive.store.ScoreGroups;
import org.elusive.store.TableFormat;
import org.elusive.store.Tables;
import org.elusive.transform.Score;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/** Correlating a scores table one (family, task) at a time gives exactly the rows of the in-memory path. */
class GroupedCorrelationsTest {
    @TempDir Path dir;

    static final List<ScoreRow> GOLDEN = Tables.readScores(Golden.resource("engine/scores.csv"));

    @ParameterizedTest
    @EnumSource(TableFormat.class)
    void groupedEqualsInMemoryOnTheGoldenScores(TableFormat format) {
        Path f = dir.resolve("scores." + format.extension());
        Tables.writeScores(f, GOLDEN, format);
        List<CorrelationRow> want = Correlations.compute(GOLDEN, Method.ALL, List.of(Score.values()));
        try (ScoreGroups table = ScoreGroups.open(f)) {
            assertEquals(want, Correlations.compute(table, Method.ALL, List.of(Score.values())));
        }
    }

    @Test void aCheckpointWithTwoComputeValuesIsNamed() {
        List<ScoreRow> rows = new ArrayList<>(GOLDEN);
        ScoreRow r = rows.get(3);
        rows.set(3, new ScoreRow(r.family(), r.model(), r.revision(), r.params(), r.tokens(), r.compute() * 2 + 1, r.task(),
                r.docId(), r.nChoices(), r.goldIndex(), r.logPVocabCorrect(), r.pVocabCorrect(), r.pVocabChoices(),
                r.pVocabIncorrect(), r.pChoicesCorrect(), r.brier(), r.tcBrier(), r.acc(), r.accNorm(), r.greedyCorrect()));
        assertSameError(rows);
    }

    @Test void aDocTwiceForOneCheckpointIsNamed() {
        List<ScoreRow> rows = new ArrayList<>(GOLDEN);
        rows.add(rows.get(rows.size() - 1));
        assertSameError(rows);
    }

    private void assertSameError(List<ScoreRow> rows) {
        Path f = dir.resolve("bad.parquet");
        Tables.writeScores(f, rows, TableFormat.PARQUET);
        String inMemory = assertThrows(BadInputException.class, () -> Correlations.compute(rows)).getMessage();
        try (ScoreGroups table = ScoreGroups.open(f)) {
            String grouped = assertThrows(BadInputException.class,
                    () -> Correlations.compute(table, Method.ALL, Score.DEFAULTS)).getMessage();
            assertEquals(inMemory.replaceAll("\\(.*\\)", ""), grouped.replaceAll("\\(.*\\)", ""));
        }
    }
}
