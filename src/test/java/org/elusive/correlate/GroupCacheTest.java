package org.elusive.correlate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Stream;
import org.elusive.store.GroupCache;
import org.elusive.store.ScoreGroups;
import org.elusive.transform.Score;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 19: a sweep's update correlates only the (family, task) groups whose inputs changed, and what it
 * reuses is exactly what recomputing gives.
 */
class GroupCacheTest {
    @TempDir Path dir;

    static final List<Method> METHODS = List.of(Method.PEARSON, Method.SPEARMAN, Method.KENDALL);

    @Test void onlyChangedGroupsAreRecomputedAndReuseEqualsRecompute() throws Exception {
        Path scores = dir.resolve("scores.parquet"), changed = dir.resolve("changed.parquet"), cacheDir = dir.resolve("cache");
        BoundedMemoryTest.SyntheticScores.write(scores, 3, 12, 40);
        Correlations.Incremental first = compute(scores, cacheDir);
        assertEquals(List.of(4, 0), List.of(first.computed(), first.reused()));
        assertEquals(4, entries(cacheDir));

        Correlations.Incremental again = compute(scores, cacheDir);
        assertEquals(List.of(0, 4), List.of(again.computed(), again.reused()));
        assertEquals(first.rows(), again.rows());

        // one value of one doc of task1 changes: its family slice and the set (m00004 is a member) have other
        // digests, the family slices of task0 and task2 are reused
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement()) {
            st.execute("COPY (SELECT * REPLACE (CASE WHEN task = 'task1' AND doc_id = 3 AND model = 'm00004' THEN brier + 0.5"
                    + " ELSE brier END AS brier) FROM '" + scores + "') TO '" + changed + "' (FORMAT parquet)");
        }
        Correlations.Incremental after = compute(changed, cacheDir);
        assertEquals(List.of(2, 2), List.of(after.computed(), after.reused()));
        List<org.elusive.rows.CorrelationRow> fresh;
        try (ScoreGroups t = ScoreGroups.open(changed)) {
            fresh = Correlations.compute(t, slices(t), METHODS, Score.DEFAULTS, false);
        }
        assertEquals(fresh, after.rows());
        assertNotEquals(first.rows(), after.rows());
        assertEquals(4, entries(cacheDir), "the entries of task1 and the set as they were are dropped");

        // a change to a checkpoint outside the set leaves the set's digest alone
        Path outside = dir.resolve("outside.parquet");
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement()) {
            st.execute("COPY (SELECT * REPLACE (CASE WHEN task = 'task1' AND model = 'm00010' THEN brier / 2"
                    + " ELSE brier END AS brier) FROM '" + changed + "') TO '" + outside + "' (FORMAT parquet)");
        }
        Correlations.Incremental last = compute(outside, cacheDir);
        assertEquals(List.of(1, 3), List.of(last.computed(), last.reused()));
    }

    private static Correlations.Incremental compute(Path scores, Path cacheDir) {
        try (ScoreGroups t = ScoreGroups.open(scores)) {
            return Correlations.compute(t, slices(t), METHODS, Score.DEFAULTS, false, GroupCache.in(cacheDir));
        }
    }

    /** One slice per (family, task), and a scaling set of task1's first six checkpoints. */
    private static List<Slice> slices(ScoreGroups t) {
        List<Slice> out = new java.util.ArrayList<>();
        for (ScoreGroups.Group g : t.groups()) out.add(new Slice(g.family(), g.task(), g.family(), List.of()));
        List<ScoreGroups.Checkpoint> members = t.checkpoints(new ScoreGroups.Group("fam", "task1")).stream()
                .sorted(java.util.Comparator.comparing(ScoreGroups.Checkpoint::label)).limit(6).toList();
        out.add(new Slice("SET", "task1", null, members));
        return out;
    }

    private static long entries(Path cacheDir) throws Exception {
        try (Stream<Path> s = Files.list(cacheDir)) {
            return s.filter(p -> p.toString().endsWith(".parquet")).count();
        }
    }
}
