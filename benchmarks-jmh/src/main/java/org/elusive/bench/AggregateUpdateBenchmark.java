package org.elusive.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.elusive.correlate.Correlations;
import org.elusive.correlate.Method;
import org.elusive.store.GroupCache;
import org.elusive.store.ScoreGroups;
import org.elusive.transform.Score;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Issue 19: what a sweep's table update costs when a new unit (one checkpoint of one task) has landed, against
 * the number of tasks in the table. Two tables differ in one task's rows, as before and after a unit; each
 * invocation correlates the other one with the group cache of a sweep ({@code incrementalUpdate}: one
 * group recomputed, the others recognised by their digest), or everything ({@code fullRecompute}: what an
 * update cost before the cache). The first stays near one group's cost as tasks grow; the second grows with them.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 6)
@Fork(value = 1, jvmArgs = {"-Xmx2g"})
public class AggregateUpdateBenchmark {
    @Param({"4", "16", "64"}) int tasks;
    @Param({"154"}) int checkpoints;
    @Param({"500"}) int docs;

    Path before, after, cache;
    int turn;

    @Setup
    public void write() throws IOException, SQLException {
        before = Files.createTempFile("scores-", ".parquet");
        after = Files.createTempFile("scores-", ".parquet");
        cache = Files.createTempDirectory("group-cache-");
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
                + " TO '" + before.toAbsolutePath() + "' (FORMAT parquet)";
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement()) {
            st.execute(sql);
            // the last checkpoint's rows of task0 change, as when that unit is redone
            st.execute("COPY (SELECT * REPLACE (CASE WHEN task = 'task0' AND model = 'm" + String.format("%05d", checkpoints - 1)
                    + "' THEN brier / 2 ELSE brier END AS brier) FROM '" + before.toAbsolutePath() + "') TO '"
                    + after.toAbsolutePath() + "' (FORMAT parquet)");
        }
        update(before);   // the cache as a sweep leaves it
        System.out.printf("  [%,d score rows per table, %d tasks]%n", (long) tasks * checkpoints * docs, tasks);
    }

    @TearDown
    public void delete() throws IOException {
        Files.deleteIfExists(before);
        Files.deleteIfExists(after);
        try (Stream<Path> s = Files.walk(cache)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }

    private int update(Path table) {
        try (ScoreGroups groups = ScoreGroups.open(table)) {
            Correlations.Incremental r = Correlations.compute(groups, Method.ALL, Score.DEFAULTS, GroupCache.in(cache));
            if (r.computed() != 1 && r.reused() != 0) throw new IllegalStateException("expected one group recomputed: " + r.computed());
            return r.rows().size();
        }
    }

    /** The table update after one unit landed: one task's group recomputed, the others reused. */
    @Benchmark
    public int incrementalUpdate() {
        return update(turn++ % 2 == 0 ? after : before);
    }

    /** The same update recomputing every group. */
    @Benchmark
    public int fullRecompute() {
        try (ScoreGroups groups = ScoreGroups.open(after)) {
            return Correlations.compute(groups, Method.ALL, Score.DEFAULTS).size();
        }
    }
}
