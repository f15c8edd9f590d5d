package org.elusive.emergence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.elusive.core.BadInputException;
import org.elusive.emergence.DifficultyGroups.Options;
import org.elusive.emergence.DifficultyGroups.TieOrder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Groups of a synthetic scores table against the paper's grouping scripts re-run in Python
 * (scripts/reference/make_emergence_fixture.py). The table repeats every 7th doc, so ties in
 * difficulty occur and the tie order (task+doc_id string vs integer doc_id) decides the slices.
 */
class DifficultyGroupsTest {
    @org.junit.jupiter.api.io.TempDir Path tmp;

    @ParameterizedTest
    @CsvSource({"scores_small.csv, 3, false, groups_small_expected.csv",
                "scores_small.csv, 3, true, groups_small_acc_expected.csv",
                "scores_single.csv, 4, false, groups_single_expected.csv",
                "scores_single.csv, 4, true, groups_single_acc_expected.csv"})
    void matchesThePapersGrouping(String scores, int groups, boolean byAcc, String expected) {
        Table input = TableFiles.read(Fixtures.resource(scores));
        Table.Builder got = DifficultyGroups.compute(input,
                new Options(1.0, groups, byAcc, Set.of("microsoft/phi-2"), TieOrder.AUTO));
        assertSameTable(TableFiles.read(Fixtures.resource(expected)), got, 1e-12);
    }

    @Test
    void typedParquetScoresGiveTheSameGroups() throws Exception {
        // a scores table as the engine writes it: typed Parquet (BIGINT doc_id, BOOLEAN, DOUBLE)
        Path parquet = tmp.resolve("scores.parquet");
        try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:duckdb:");
             java.sql.Statement st = c.createStatement()) {
            st.execute("COPY (SELECT * FROM read_csv_auto('" + Fixtures.resource("scores_small.csv") + "')) TO '"
                    + parquet + "' (FORMAT parquet)");
        }
        Table.Builder got = DifficultyGroups.compute(TableFiles.read(parquet),
                new Options(1.0, 3, false, Set.of("microsoft/phi-2"), TieOrder.AUTO));
        assertSameTable(TableFiles.read(Fixtures.resource("groups_small_expected.csv")), got, 1e-12);
    }

    @Test
    void undistUsesTheRawGoldProbability() {
        Table.Builder got = DifficultyGroups.compute(TableFiles.read(Fixtures.resource("scores_small.csv")),
                new Options(1.0, 3, false, Set.of("microsoft/phi-2"), TieOrder.AUTO, true, false));
        assertSameTable(TableFiles.read(Fixtures.resource("groups_small_undist_expected.csv")), got, 1e-12);
    }

    @Test
    void metadataFlopsDecideTheJudgesAsThePapersScripts() {
        // metadata_small.csv: org/m6 has 50 (its compute is 8.4 <= 10: a judge no more), org/m7 has none
        // (its compute is 30 > 10: a judge through NaN > 10 being false, as eval_data.loc[...].iloc[0])
        Table scores = TableFiles.read(Fixtures.resource("scores_small.csv"));
        Table meta = TableFiles.read(Fixtures.resource("metadata_small.csv"));
        Options paper = new Options(1.0, 3, false, Set.of("microsoft/phi-2"), TieOrder.AUTO, false, false,
                ModelMetadata.flops(meta));
        Table.Builder got = DifficultyGroups.compute(scores, paper);
        assertSameTable(TableFiles.read(Fixtures.resource("groups_small_metadata_expected.csv")), got, 1e-12);

        // a checkpoint the metadata lacks is judged by its own compute (org/m2's metadata row equals it)
        List<String[]> withoutM2 = meta.rows().stream().filter(r -> !r[0].equals("org/m2")).toList();
        Table lacking = new Table(meta.source(), meta.columns(), withoutM2);
        Table.Builder fallback = DifficultyGroups.compute(scores, new Options(1.0, 3, false, Set.of("microsoft/phi-2"),
                TieOrder.AUTO, false, false, ModelMetadata.flops(lacking)));
        assertSameTable(TableFiles.read(Fixtures.resource("groups_small_metadata_expected.csv")), fallback, 1e-12);
    }

    @Test
    void tieOrderMatters() {
        // the acc variant has many ties: grouping the single-task table by string order changes slices
        Table input = TableFiles.read(Fixtures.resource("scores_single.csv"));
        Table.Builder numeric = DifficultyGroups.compute(input, new Options(1.0, 4, true, Set.of(), TieOrder.NUMERIC));
        Table.Builder concat = DifficultyGroups.compute(input, new Options(1.0, 4, true, Set.of(), TieOrder.CONCAT));
        boolean differ = false;
        for (int r = 0; r < numeric.rows().size(); r++) {
            for (int c = 5; c < numeric.columns().size(); c++) {
                differ |= !numeric.rows().get(r)[c].equals(concat.rows().get(r)[c]);
            }
        }
        assertTrue(differ, "string and integer tie orders should give different slices on tied questions");
    }

    @Test
    void boundsFollowNumpyLinspace() {
        Table input = TableFiles.read(Fixtures.resource("scores_single.csv")); // 23 questions
        Table.Builder got = DifficultyGroups.compute(input, new Options(1.0, 4, false, Set.of(), TieOrder.AUTO));
        // floor(linspace(0, 23, 5)) = 0, 5, 11, 17, 23
        assertEquals(List.of("0_5_brier", "5_11_brier", "11_17_brier", "17_23_brier"),
                got.columns().stream().filter(c -> c.matches("\\d+_\\d+_brier")).toList());
    }

    @Test
    void badInputNamesFileAndColumn() {
        Path scores = Fixtures.resource("groups_small_expected.csv"); // a model table, not a scores table
        BadInputException e = assertThrows(BadInputException.class, () -> DifficultyGroups.compute(
                TableFiles.read(scores), new Options(1.0, 3, false, Set.of(), TieOrder.AUTO)));
        assertTrue(e.getMessage().contains("groups_small_expected.csv") && e.getMessage().contains("'model'"),
                e.getMessage());
        Table input = TableFiles.read(Fixtures.resource("scores_single.csv"));
        e = assertThrows(BadInputException.class, () -> DifficultyGroups.compute(input,
                new Options(1.0, 24, false, Set.of(), TieOrder.AUTO)));
        assertTrue(e.getMessage().contains("exceeds the 23 questions"), e.getMessage());
        e = assertThrows(BadInputException.class, () -> DifficultyGroups.compute(input,
                new Options(-9, 2, false, Set.of(), TieOrder.AUTO)));
        assertTrue(e.getMessage().contains("no checkpoint"), e.getMessage());
    }

    @Test
    void missingQuestionIsNamed() {
        Table full = TableFiles.read(Fixtures.resource("scores_single.csv"));
        Table cut = new Table(full.source(), full.columns(), full.rows().subList(0, full.size() - 1));
        BadInputException e = assertThrows(BadInputException.class, () -> DifficultyGroups.compute(cut,
                new Options(1.0, 2, false, Set.of(), TieOrder.AUTO)));
        assertTrue(e.getMessage().contains("microsoft/phi-2 lacks task single doc 22"), e.getMessage());
        // --common-questions: the 22 shared questions, as if doc 22 never existed
        Table.Builder common = DifficultyGroups.compute(cut, new Options(1.0, 2, false, Set.of(), TieOrder.AUTO, false, true));
        List<String[]> without22 = full.rows().stream().filter(r -> !r[full.columns().indexOf("doc_id")].equals("22")).toList();
        Table.Builder reference = DifficultyGroups.compute(new Table(full.source(), full.columns(), without22),
                new Options(1.0, 2, false, Set.of(), TieOrder.AUTO));
        assertEquals(List.of("0_11_brier", "0_11_san", "11_22_brier", "11_22_san"), common.columns().subList(5, 9));
        for (int r = 0; r < common.rows().size(); r++) {
            assertEquals(List.of(reference.rows().get(r)), List.of(common.rows().get(r)));
        }
    }

    static void assertSameTable(Table expected, Table.Builder got, double tol) {
        assertEquals(expected.columns(), got.columns());
        assertEquals(expected.size(), got.rows().size());
        for (int r = 0; r < expected.size(); r++) {
            Object[] row = got.rows().get(r);
            for (int c = 0; c < row.length; c++) {
                if (row[c] instanceof Number n) {
                    double want = expected.number(r, c);
                    assertTrue(Fixtures.close(n.doubleValue(), want, tol),
                            expected.columns().get(c) + " of " + row[0] + ": " + n + " vs " + want);
                } else {
                    assertEquals(expected.string(r, c), row[c] == null ? "" : row[c].toString());
                }
            }
        }
    }
}
