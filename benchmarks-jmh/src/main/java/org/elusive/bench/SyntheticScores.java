package org.elusive.bench;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A synthetic scores table of tasks × checkpoints × docs rows written by DuckDB straight to Parquet, with
 * values from deterministic hashes (the same table on every run), for the benchmarks at the papers' scale.
 */
final class SyntheticScores {
    private SyntheticScores() {}

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
                + " TO '" + file.toAbsolutePath() + "' (FORMAT parquet)";
        execute(sql);
    }

    static void execute(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }
}
