package org.elusive.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.elusive.CliRun;
import org.elusive.rows.CorrelationRow;
import org.elusive.rows.ScoreRow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** One spelling of NaN in every table we write, and every reader takes the spellings others write. */
class NanSpellingTest {
    @TempDir Path dir;

    /** What x86 arithmetic (0.0/0.0 in SSE) yields: a NaN with the sign bit set. */
    static final double NEGATIVE_NAN = Double.longBitsToDouble(0xfff8000000000000L);

    @Test void aNegativeNanIsWrittenAsNanAndReadBack() throws IOException {
        Path f = dir.resolve("corr.csv");
        Tables.writeCorrelations(f, List.of(new CorrelationRow("f", "t", 1, "acc", "kendall", NEGATIVE_NAN, NEGATIVE_NAN, 1)),
                TableFormat.CSV);
        assertEquals(List.of("family,task,doc_id,score,method,correlation,p_value,n_models", "f,t,1,acc,kendall,nan,nan,1"),
                Files.readAllLines(f));
        CorrelationRow back = Tables.readCorrelations(f).get(0);
        assertTrue(Double.isNaN(back.correlation()) && Double.isNaN(back.pValue()));
    }

    @Test void theSpellingsOfOtherWritersAreReadAsNan() throws IOException {
        Path f = dir.resolve("corr.csv");
        Files.writeString(f, "family,task,doc_id,score,method,correlation,p_value,n_models\n"
                + "f,t,1,acc,pearson,-nan,NaN,1\nf,t,2,acc,pearson,,nan,1\n");
        for (CorrelationRow r : Tables.readCorrelations(f)) assertTrue(Double.isNaN(r.correlation()) && Double.isNaN(r.pValue()), r.toString());
    }

    /** The finding: a scores table with a NaN written as CSV was rejected by correlate ('-nan' is not a number). */
    @Test void correlateReadsTheScoresWeWrite() {
        List<ScoreRow> rows = new ArrayList<>();
        for (int c = 0; c < 3; c++) {
            for (int doc = 0; doc < 2; doc++) {
                rows.add(new ScoreRow("fam", "m" + c, "main", 1000L * (c + 1), 1e9, 6e12 * (c + 1), "t", doc, 2, 0,
                        -1.0 / (c + 1 + doc), 0.3 + 0.1 * c, 0.5, 0.2, NEGATIVE_NAN, 0.25 - 0.05 * c, 0.1, c % 2, 1, false));
            }
        }
        Path scores = dir.resolve("scores.csv");
        Tables.writeScores(scores, rows, TableFormat.CSV);
        Path out = dir.resolve("corr.csv");
        CliRun r = CliRun.run("correlate", "--input", scores.toString(), "--out", out.toString(), "--scores", "p_choices_correct,brier");
        assertEquals(0, r.code(), r.err());
        List<CorrelationRow> back = Tables.readCorrelations(out);
        assertEquals(2 * 2 * 3, back.size());
        for (CorrelationRow c : back) {
            if (c.score().equals("p_choices_correct")) assertTrue(Double.isNaN(c.correlation()), c.toString());
            else if (c.method().equals("pearson")) assertTrue(Math.abs(c.correlation()) < 1, c.toString());
            else assertEquals(1.0, Math.abs(c.correlation()), 1e-12, c.toString()); // brier is monotone in compute
        }
    }

    @ParameterizedTest
    @EnumSource(TableFormat.class)
    void rawTablesRoundTripTheirCells(TableFormat format) {
        Path f = dir.resolve("raw." + format.extension());
        List<Object[]> rows = List.of(new Object[] {"a, \"b\"", 1, 0.5, true, null},
                new Object[] {"c", 2L, NEGATIVE_NAN, false, null},
                new Object[] {"d", 3, Double.NEGATIVE_INFINITY, true, null});
        RawTable.write(f, format, List.of("name", "n", "x", "flag", "none"), rows);
        RawTable back = RawTable.read(f);
        assertEquals(List.of("name", "n", "x", "flag", "none"), back.columns());
        assertArrayEquals(new String[] {"a, \"b\"", "1", "0.5", "true", null}, back.rows().get(0));
        assertEquals("c", back.rows().get(1)[0]);
        assertEquals(Double.NaN, Double.parseDouble(back.rows().get(1)[2].replace("nan", "NaN")));
        assertEquals(Double.NEGATIVE_INFINITY, Double.parseDouble(back.rows().get(2)[2].replace("-inf", "-Infinity")));
    }

    @Test void rawCsvSpellsNanLikeTheFixedSchemas() throws IOException {
        Path f = dir.resolve("raw.csv");
        RawTable.write(f, TableFormat.CSV, List.of("x", "s"), List.of(new Object[] {NEGATIVE_NAN, "nan"}, new Object[] {1.5, null}));
        List<String> lines = Files.readAllLines(f);
        assertEquals(List.of("x,s", "nan,nan", "1.5,"), lines);
        assertFalse(Files.readString(f).contains("-nan"));
    }
}
