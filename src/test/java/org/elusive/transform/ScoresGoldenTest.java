package org.elusive.transform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.elusive.core.BadInputException;
import org.elusive.Golden;
import static org.elusive.Golden.assertClose;
import org.elusive.rows.ChoiceRow;
import org.elusive.rows.ScoreRow;
import org.elusive.store.Tables;
import org.junit.jupiter.api.Test;

/** Every score of docs/design.md §3.2 against numpy (scripts/reference/make_engine_fixture.py). */
class ScoresGoldenTest {
    @Test
    void everyScoreEqualsNumpy() {
        List<ScoreRow> actual = Scores.compute(Tables.readChoices(Golden.resource("engine/choices.csv")));
        List<ScoreRow> expected = Tables.readScores(Golden.resource("engine/scores.csv"));
        assertEquals(expected.size(), actual.size());
        Map<String, ScoreRow> byKey = new HashMap<>();
        for (ScoreRow r : actual) byKey.put(r.model() + "@" + r.revision() + "/" + r.task() + "/" + r.docId(), r);
        for (ScoreRow e : expected) {
            String key = e.model() + "@" + e.revision() + "/" + e.task() + "/" + e.docId();
            ScoreRow a = byKey.get(key);
            assertNotNull(a, key);
            assertEquals(e.nChoices(), a.nChoices(), key);
            assertEquals(e.goldIndex(), a.goldIndex(), key);
            assertEquals(e.compute(), a.compute(), key);
            assertEquals(e.greedyCorrect(), a.greedyCorrect(), key);
            for (Score s : Score.values()) assertClose(s.of(e), s.of(a), key + " " + s.column());
        }
    }

    @Test
    void logSumExpSurvivesHugeNegativeLogprobs() {
        List<ChoiceRow> rows = List.of(choice(0, true, -2000.0), choice(1, false, -2000.0 - Math.log(3)));
        ScoreRow s = Scores.compute(rows).get(0);
        assertEquals(0.75, s.pChoicesCorrect(), 1e-12);
        assertEquals(0.0625, s.tcBrier(), 1e-12);
        assertEquals((0.0625 + 0.0625) / 2, s.brier(), 1e-12);
        assertEquals(0.0, s.pVocabChoices());
        assertEquals(-2000.0, s.logPVocabCorrect());
    }

    @Test
    void accTakesTheFirstMaximum() {
        ScoreRow s = Scores.compute(List.of(choice(0, false, -1), choice(1, true, -1))).get(0);
        assertEquals(0.0, s.acc(), "numpy.argmax picks the first of equal maxima");
    }

    @Test
    void docWithoutExactlyOneGoldIsNamed() {
        var none = assertThrows(BadInputException.class,
                () -> Scores.compute(List.of(choice(0, false, -1), choice(1, false, -2)), "x.parquet"));
        assertEquals("x.parquet: fam/org/m/step1/arc_easy/doc 42: 0 gold choices (expected exactly one)", none.getMessage());
        var two = assertThrows(BadInputException.class, () -> Scores.compute(List.of(choice(0, true, -1), choice(1, true, -2))));
        assertTrue(two.getMessage().contains("doc 42: 2 gold choices"), two.getMessage());
        var dup = assertThrows(BadInputException.class, () -> Scores.compute(List.of(choice(0, true, -1), choice(0, false, -2))));
        assertTrue(dup.getMessage().contains("choice indices [0, 0]"), dup.getMessage());
    }

    static ChoiceRow choice(int i, boolean gold, double ll) {
        return new ChoiceRow("fam", "org/m", "step1", 10, 100, 6000, "arc_easy", 42, i, gold, ll, 1, 5, 5, gold, null);
    }
    @Test
    void fromFileEqualsComputeWhetherDocsAreContiguousOrInterleaved(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        java.nio.file.Path golden = Golden.resource("engine/choices.csv");
        List<ChoiceRow> rows = Tables.readChoices(golden);
        List<ScoreRow> expected = Scores.compute(rows);
        assertEquals(expected, Scores.fromFile(golden));
        // choice 0 of every doc first, then choice 1, ...: every doc interleaves with all others
        List<ChoiceRow> interleaved = new java.util.ArrayList<>(rows);
        interleaved.sort(java.util.Comparator.comparingInt(ChoiceRow::choice));
        java.nio.file.Path f = dir.resolve("interleaved.parquet");
        Tables.writeChoices(f, interleaved, org.elusive.store.TableFormat.PARQUET);
        assertEquals(expected.size(), Scores.fromFile(f).size());
        assertEquals(new java.util.HashSet<>(expected), new java.util.HashSet<>(Scores.fromFile(f)));
    }
}
