package org.elusive.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Path;
import org.elusive.store.Tables;

/** Equality of the derived tables of two results directories (records compare doubles exactly, NaN = NaN). */
final class AggregateAssertions {
    private AggregateAssertions() {}

    static void assertSameTables(Path expected, Path actual) {
        var scores = Tables.readScores(expected.resolve("scores.parquet"));
        assertFalse(scores.isEmpty());
        assertEquals(scores, Tables.readScores(actual.resolve("scores.parquet")), "scores.parquet");
        var corr = Tables.readCorrelations(expected.resolve("correlations.parquet"));
        assertFalse(corr.isEmpty());
        assertEquals(corr, Tables.readCorrelations(actual.resolve("correlations.parquet")), "correlations.parquet");
        assertEquals(Tables.readSummaries(expected.resolve("correlations_summary.parquet")),
                Tables.readSummaries(actual.resolve("correlations_summary.parquet")), "correlations_summary.parquet");
    }
}
