package org.elusive.correlate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import org.elusive.rows.CorrelationRow;
import org.elusive.store.Tables;
import org.elusive.transform.Score;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 19 at the papers' scale: a scores table of 20,007,680 rows on disk (8 tasks × 1,232 checkpoints ×
 * 2,030 docs: the shape of Pythia's 8 sizes × 154 checkpoints over MMLU-sized tasks) correlates with
 * {@code elusive correlate} in a 2 GB heap, every score and method with p-values, and the correlations of
 * sampled docs equal the in-memory path's on those docs' rows. As row objects the table would need ~15 GB.
 */
class FullScaleCorrelateTest {
    @TempDir Path dir;

    @Test void twentyMillionRowsCorrelateInTwoGigabytes() throws Exception {
        int tasks = 8, checkpoints = 1232, docs = 2030;
        Path scores = dir.resolve("scores.parquet"), out = dir.resolve("correlations.parquet");
        BoundedMemoryTest.SyntheticScores.write(scores, tasks, checkpoints, docs);

        BoundedMemoryTest.Run r = BoundedMemoryTest.java(dir, "-Xmx2g", "org.elusive.cli.Main", "correlate",
                "--input", scores.toString(), "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        List<CorrelationRow> got = Tables.readCorrelations(out);
        assertEquals((long) tasks * docs * Score.DEFAULTS.size() * Method.ALL.size(), got.size());

        // three docs of one task, recomputed from their rows alone
        Path sample = dir.resolve("sample.parquet");
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement()) {
            st.execute("COPY (SELECT * FROM '" + scores + "' WHERE task = 'task5' AND doc_id IN (0, 977, 2029)) TO '"
                    + sample + "' (FORMAT parquet)");
        }
        List<CorrelationRow> expected = Correlations.compute(Tables.readScores(sample), Method.ALL, Score.DEFAULTS);
        assertEquals(3L * Score.DEFAULTS.size() * Method.ALL.size(), expected.size());
        List<CorrelationRow> sampled = got.stream().filter(x -> x.task().equals("task5")
                && (x.docId() == 0 || x.docId() == 977 || x.docId() == 2029)).toList();
        assertEquals(expected, sampled);
        assertTrue(expected.stream().allMatch(x -> x.nModels() == checkpoints));
    }
}
