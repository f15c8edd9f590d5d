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
        assertEquals(List.of(3, 0), List.of(first.computed(), first.reused()));
        assertEquals(3, entries(cacheDir));

        Correlations.Incremental again = compute(scores, cacheDir);
        assertEquals(List.of(0, 3), List.of(again.computed(), again.reused()));
        assertEquals(first.rows(), again.rows());

        // one value of one doc of task1 changes: its group has another digest, the other two are reused
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement()) {
            st.execute("COPY (SELECT * REPLACE (CASE WHEN task = 'task1' AND doc_id = 3 AND model = 'm00004' THEN brier + 0.5"
                    + " ELSE brier END AS brier) FROM '" + scores + "') TO '" + changed + "' (FORMAT parquet)");
        }
        Correlations.Incremental after = compute(changed, cacheDir);
        assertEquals(List.of(1, 2), List.of(after.computed(), after.reused()));
        List<org.elusive.rows.CorrelationRow> fresh;
        try (ScoreGroups t = ScoreGroups.open(changed)) {
            fresh = Correlations.compute(t, METHODS, Score.DEFAULTS);
        }
        assertEquals(fresh, after.rows());
        assertNotEquals(first.rows(), after.rows());
        assertEquals(3, entries(cacheDir), "the entry of task1 as it was is dropped");
    }

    private static Correlations.Incremental compute(Path scores, Path cacheDir) {
        try (ScoreGroups t = ScoreGroups.open(scores)) {
            return Correlations.compute(t, METHODS, Score.DEFAULTS, GroupCache.in(cacheDir));
        }
    }

    private static long entries(Path cacheDir) throws Exception {
        try (Stream<Path> s = Files.list(cacheDir)) {
            return s.filter(p -> p.toString().endsWith(".parquet")).count();
        }
    }
}
