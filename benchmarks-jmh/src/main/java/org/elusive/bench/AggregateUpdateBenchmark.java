package org.elusive.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.elusive.correlate.Correlations;
import org.elusive.correlate.Method;
import org.elusive.correlate.Slice;
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
        SyntheticScores.write(before, tasks, checkpoints, docs);
        // the last checkpoint's rows of task0 change, as when that unit is redone
        SyntheticScores.execute("COPY (SELECT * REPLACE (CASE WHEN task = 'task0' AND model = 'm" + String.format("%05d", checkpoints - 1)
                + "' THEN brier / 2 ELSE brier END AS brier) FROM '" + before.toAbsolutePath() + "') TO '"
                + after.toAbsolutePath() + "' (FORMAT parquet)");
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
            List<Slice> slices = groups.groups().stream().map(g -> new Slice(g.family(), g.task(), g.family(), List.of())).toList();
            Correlations.Incremental r = Correlations.compute(groups, slices, Method.ALL, Score.DEFAULTS, false, GroupCache.in(cache));
            if (r.computed() != 1 && r.reused() != 0) {
                throw new IllegalStateException("expected one group recomputed: " + r.computed() + " (" + r.reused() + " reused)");
            }
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
