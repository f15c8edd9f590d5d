package org.elusive.correlate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.elusive.rows.CorrelationRow;
import org.elusive.store.Tables;
import org.elusive.transform.Score;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 19: correlating a scores table holds one (family, task) in the heap, not the table. A table of
 * 800 k rows (8 tasks × 100 checkpoints × 1,000 docs; ~120 MB as row objects) does not fit in a 32 MB
 * heap as rows: the control run dies (an OutOfMemoryError, or a JVM crash when the heap runs out inside
 * DuckDB's JNI fetch). {@code elusive correlate} on it succeeds under that heap, with exactly the numbers
 * of the in-memory path (two scores and two methods, so that the correlations it returns, which
 * are output and not input, stay small). The full-scale run (20 M rows, -Xmx2g) is the JMH benchmark
 * {@code CorrelateScaleBenchmark} in benchmarks-jmh.
 */
class BoundedMemoryTest {
    static final String HEAP = "-Xmx32m";

    @TempDir Path dir;

    @Test void correlateHoldsOneGroupNotTheTable() throws Exception {
        Path scores = dir.resolve("scores.parquet");
        SyntheticScores.write(scores, 8, 100, 1000);

        Run control = java(HoldAllRows.class.getName(), scores.toString());
        assertNotEquals(0, control.code, control.err);
        assertTrue(control.err.contains("OutOfMemoryError") || control.err.contains("A fatal error"), control.err);

        Path out = dir.resolve("corr.parquet");
        Run r = java("org.elusive.cli.Main", "correlate", "--input", scores.toString(), "--out", out.toString(),
                "--scores", "log_p_vocab_correct,brier", "--methods", "pearson,kendall");
        assertEquals(0, r.code, r.err);
        List<CorrelationRow> got = Tables.readCorrelations(out);
        assertEquals(8 * 1000 * 2 * 2, got.size());
        assertEquals(Correlations.compute(Tables.readScores(scores), List.of(Method.PEARSON, Method.KENDALL),
                List.of(Score.LOG_P_VOCAB_CORRECT, Score.BRIER)), got);
    }

    /** Reads the whole scores table as rows, as correlate did before: the control that must not fit. */
    public static final class HoldAllRows {
        public static void main(String[] args) {
            System.out.println(Tables.readScores(Path.of(args[0])).size());
        }
    }

    record Run(int code, String err) {}

    private Run java(String main, String... args) throws IOException, InterruptedException {
        return java(dir, HEAP, main, args);
    }

    /** Runs {@code main} in a JVM of its own with the test class path and the given heap; stdout and stderr together. */
    static Run java(Path dir, String heap, String main, String... args) throws IOException, InterruptedException {
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> cmd = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                heap, "-XX:+UseParallelGC", "-XX:TieredStopAtLevel=1", "-XX:ErrorFile=" + dir.resolve("hs_err.log"),
                "-cp", cp, main));
        cmd.addAll(List.of(args));
        Path err = Files.createTempFile(dir, "out", ".txt"); // the JVM reports a crash on stdout
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(err.toFile()).start();
        int code = p.waitFor();
        return new Run(code, Files.readString(err));
    }

    /** A synthetic scores table of tasks × checkpoints × docs rows, written by DuckDB (deterministic hashes). */
    static final class SyntheticScores {
        static void write(Path file, int tasks, int checkpoints, int docs) throws SQLException {
            String v = "(hash(t, c, d, %d) %% 1000) / 1000.0";
            String sql = "COPY (SELECT 'fam' AS family, 'm' || lpad(c::VARCHAR, 5, '0') AS model, 'main' AS revision,"
                    + " (c + 1) * 1000000 AS params, 1e9 * (c + 1) AS tokens, 6e15 * (c + 1) * (c + 1) AS compute,"
                    + " 'task' || t AS task, d AS doc_id, 4 AS n_choices, 0 AS gold_index,"
                    + " -1 - " + v.formatted(1) + " AS log_p_vocab_correct, exp(-1 - " + v.formatted(1) + ") AS p_vocab_correct,"
                    + v.formatted(2) + " AS p_vocab_choices, " + v.formatted(3) + " / 4 AS p_vocab_incorrect, "
                    + v.formatted(4) + " AS p_choices_correct, " + v.formatted(5) + " AS brier, " + v.formatted(6) + " / 2 AS tc_brier,"
                    + " (hash(t, c, d, 7) % 2)::DOUBLE AS acc, (hash(t, c, d, 8) % 2)::DOUBLE AS acc_norm,"
                    + " hash(t, c, d, 9) % 2 = 0 AS greedy_correct"
                    + " FROM range(" + tasks + ") tt(t), range(" + checkpoints + ") cc(c), range(" + docs + ") dd(d))"
                    + " TO '" + file.toAbsolutePath().toString().replace("'", "''") + "' (FORMAT parquet)";
            try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement()) {
                st.execute(sql);
            }
        }
    }
}
