package org.elusive.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.elusive.core.BadInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.elusive.rows.ChoiceRow;
import org.elusive.rows.CorrelationRow;

class TablesTest {
    @TempDir Path dir;

    static List<ChoiceRow> sample() {
        return List.of(
                new ChoiceRow("pythia", "EleutherAI/pythia-160m", "step1000", 160_000_000L, 2.097152e9, 2.01e18,
                        "arc_easy", 7, 0, true, -3.25, 2, 7, 8, false, new float[] {-1.5f, -1.75f}),
                new ChoiceRow("pythia", "EleutherAI/pythia-160m", "step1000", 160_000_000L, 2.097152e9, 2.01e18,
                        "arc_easy", 7, 1, false, Double.NEGATIVE_INFINITY, 1, 3, 3, true, new float[] {Float.NEGATIVE_INFINITY}),
                new ChoiceRow("o'lmo, \"x\"", "m", "r", 1, 1, 6, "t", 8, 0, true, -0.1, 0, 0, 0, true, new float[0]));
    }

    @ParameterizedTest
    @EnumSource(TableFormat.class)
    void choicesRoundTrip(TableFormat format) throws IOException {
        Path f = dir.resolve("choices." + format.extension());
        Tables.writeChoices(f, sample(), format);
        List<ChoiceRow> back = Tables.readChoices(f);
        assertEquals(3, back.size());
        for (int i = 0; i < 3; i++) {
            ChoiceRow a = sample().get(i), b = back.get(i);
            assertEquals(a.family(), b.family());
            assertEquals(a.params(), b.params());
            assertEquals(a.tokens(), b.tokens());
            assertEquals(a.compute(), b.compute());
            assertEquals(a.docId(), b.docId());
            assertEquals(a.gold(), b.gold());
            assertEquals(a.logprob(), b.logprob());
            assertEquals(a.nChars(), b.nChars());
            assertEquals(a.greedy(), b.greedy());
            assertArrayEquals(a.tokenLogprobs(), b.tokenLogprobs());
        }
        try (var files = Files.list(dir)) { assertEquals(1, files.count(), "no temporary file left behind"); }
    }

    @ParameterizedTest
    @EnumSource(TableFormat.class)
    void correlationsKeepNaN(TableFormat format) {
        Path f = dir.resolve("corr." + format.extension());
        List<CorrelationRow> rows = List.of(new CorrelationRow("f", "t", 1, "brier", "pearson", Double.NaN, Double.NaN, 2),
                new CorrelationRow("f", "t", 2, "acc", "kendall", -0.25, 1e-300, 150));
        Tables.writeCorrelations(f, rows, format);
        assertEquals(rows, Tables.readCorrelations(f));
    }

    @Test
    void tokenLogprobsAreOptional() throws IOException {
        Path f = dir.resolve("c.csv");
        Files.writeString(f, String.join(",", Tables.CHOICE_REQUIRED) + "\n"
                + "pythia,m,r,10,1e9,6e10,arc_easy,0,0,true,-1.5,3,10,10,false\n");
        ChoiceRow r = Tables.readChoices(f).get(0);
        assertEquals(-1.5, r.logprob());
        assertEquals(6e10, r.compute());
        assertNull(r.tokenLogprobs());
    }

    @Test
    void missingColumnNamesFileAndColumn() throws IOException {
        Path f = dir.resolve("c.csv");
        Files.writeString(f, "family,model\npythia,m\n");
        var e = assertThrows(BadInputException.class, () -> Tables.readChoices(f));
        assertTrue(e.getMessage().contains(f.toString()) && e.getMessage().contains("missing column 'revision'"), e.getMessage());
    }

    @Test
    void nonNumericValueNamesLineAndColumn() throws IOException {
        Path f = dir.resolve("c.csv");
        Files.writeString(f, String.join(",", Tables.CHOICE_REQUIRED) + "\n"
                + "pythia,m,r,10,1e9,6e10,arc_easy,0,0,true,-1.5,3,10,10,false\n"
                + "pythia,m,r,10,1e9,6e10,arc_easy,0,1,false,abc,3,10,10,false\n");
        var e = assertThrows(BadInputException.class, () -> Tables.readChoices(f));
        assertEquals(f + " line 3 column 'logprob': 'abc' is not a number", e.getMessage());
    }

    @Test
    void nonNumericJsonValue() throws IOException {
        Path f = dir.resolve("c.jsonl");
        Files.writeString(f, "{\"family\":\"p\",\"model\":\"m\",\"revision\":\"r\",\"params\":1,\"tokens\":1,\"compute\":6,"
                + "\"task\":\"t\",\"doc_id\":0,\"choice\":0,\"gold\":true,\"logprob\":\"oops\",\"n_tokens\":1,\"n_chars\":1,"
                + "\"n_bytes\":1,\"greedy\":true}\n");
        var e = assertThrows(BadInputException.class, () -> Tables.readChoices(f));
        assertEquals(f + " line 1 column 'logprob': 'oops' is not a number", e.getMessage());
    }

    @ParameterizedTest
    @EnumSource(TableFormat.class)
    void emptyFile(TableFormat format) throws IOException {
        Path f = dir.resolve("e." + format.extension());
        Files.writeString(f, "");
        var e = assertThrows(BadInputException.class, () -> Tables.readChoices(f));
        assertTrue(e.getMessage().startsWith(f + ": empty file"), e.getMessage());
    }

    @Test
    void headerOnlyHasNoRows() throws IOException {
        Path f = dir.resolve("h.csv");
        Files.writeString(f, String.join(",", Tables.CHOICE_REQUIRED) + "\n");
        var e = assertThrows(BadInputException.class, () -> Tables.readChoices(f));
        assertEquals(f + ": no rows", e.getMessage());
    }

    @Test
    void formatFromNameAndPath() {
        assertEquals(TableFormat.PARQUET, TableFormat.fromPath(Path.of("a/b.parquet")));
        assertEquals(TableFormat.JSONL, TableFormat.fromName("JSONL"));
        assertThrows(BadInputException.class, () -> TableFormat.fromPath(Path.of("x.txt")));
        assertThrows(BadInputException.class, () -> TableFormat.fromName("xlsx"));
    }

    @Test
    void jsonlWritesLargeDoublesSoThatEveryJsonReaderTakesThem() throws IOException {
        // 5.6e19 FLOPs spelled 56371445760000000000.0 overflows the integer parsers of ujson/pandas.read_json
        Path f = dir.resolve("c.jsonl");
        Tables.writeChoices(f, sample(), TableFormat.JSONL);
        String text = Files.readString(f);
        assertTrue(text.contains("\"compute\":2.01E18") || text.contains("\"compute\":2.01e18")
                || text.contains("\"compute\":2.01e+18"), text);
        assertEquals(sample().get(1).compute(), Tables.readChoices(f).get(1).compute());
    }

    @ParameterizedTest
    @EnumSource(TableFormat.class)
    void nonFiniteValuesRoundTrip(TableFormat format) {
        Path f = dir.resolve("corr." + format.extension());
        List<CorrelationRow> rows = List.of(new CorrelationRow("f", "t", 1, "brier", "pearson", Double.POSITIVE_INFINITY,
                Double.NEGATIVE_INFINITY, 2), new CorrelationRow("f", "t", 2, "acc", "kendall", Double.NaN, 0.5, 3));
        Tables.writeCorrelations(f, rows, format);
        assertEquals(rows, Tables.readCorrelations(f));
    }

    @Test
    void directoryGivenAsInputIsNamedAsSuch() throws IOException {
        Path d = Files.createDirectory(dir.resolve("choices.csv"));
        var e = assertThrows(BadInputException.class, () -> Tables.readChoices(d));
        assertEquals(d + ": is a directory (expected a .csv table file)", e.getMessage());
    }

    @Test
    void directoryGivenAsOutputIsBadInput() throws IOException {
        Path d = Files.createDirectory(dir.resolve("out"));
        var e = assertThrows(BadInputException.class, () -> Tables.writeChoices(d, sample(), TableFormat.PARQUET));
        assertEquals(d + ": is a directory (expected the path of the table file to write)", e.getMessage());
        try (var files = Files.list(dir)) { assertEquals(1, files.count(), "no temporary file left behind"); }
    }

    @Test
    void outputUnderAFileIsBadInput() throws IOException {
        Path file = Files.writeString(dir.resolve("plain"), "x");
        var e = assertThrows(BadInputException.class,
                () -> Tables.writeChoices(file.resolve("c.parquet"), sample(), TableFormat.PARQUET));
        assertTrue(e.getMessage().startsWith(file.resolve("c.parquet") + ": cannot create the directory"), e.getMessage());
    }

    @Test
    void int32OverflowNamesLineAndColumn() throws IOException {
        Path f = dir.resolve("c.csv");
        Files.writeString(f, String.join(",", Tables.CHOICE_REQUIRED) + "\n"
                + "pythia,m,r,10,1e9,6e10,arc_easy,0,1099511627776,true,-1.5,3,10,10,false\n");
        var e = assertThrows(BadInputException.class, () -> Tables.readChoices(f));
        assertEquals(f + " line 2 column 'choice': 1099511627776 is out of range (expected a 32-bit integer)", e.getMessage());
    }
    @Test
    void corruptParquetSaysWhatWithoutJavaClassNames() throws IOException {
        Path f = Files.writeString(dir.resolve("c.parquet"), "not parquet at all");
        var e = assertThrows(BadInputException.class, () -> Tables.readChoices(f));
        assertTrue(e.getMessage().startsWith(f + ": not a readable parquet table (") && !e.getMessage().contains("java."),
                e.getMessage());
    }
    @Test
    void emptyCorrelationCellsAreNaNAsPandasWritesThem() throws IOException {
        // pandas.to_csv writes NaN as an empty cell: a filtered correlations table must still plot
        Path f = Files.writeString(dir.resolve("corr.csv"), String.join(",", Tables.CORRELATION_COLUMNS) + "\n"
                + "solo,t,0,acc,pearson,,,1\n" + "p,t,0,acc,pearson,0.5,0.25,3\n");
        List<CorrelationRow> rows = Tables.readCorrelations(f);
        assertTrue(Double.isNaN(rows.get(0).correlation()) && Double.isNaN(rows.get(0).pValue()));
        assertEquals(0.5, rows.get(1).correlation());
        // but an identity column may not be empty
        Files.writeString(f, String.join(",", Tables.CORRELATION_COLUMNS) + "\n" + "solo,t,,acc,pearson,,,1\n");
        var e = assertThrows(BadInputException.class, () -> Tables.readCorrelations(f));
        assertEquals(f + " line 2 column 'doc_id': missing value", e.getMessage());
    }
}
