package org.elusive.demo;

import java.nio.file.Path;
import java.util.List;
import org.elusive.plot.CorrelationPlots;
import org.elusive.store.Tables;

/** The demo's figures, drawn from the sweep's tables by the same code as `elusive plot correlations`. */
final class DemoFigures {
    private DemoFigures() {}

    /** Writes the correlation figures next to the report and returns their paths relative to it. */
    static List<String> write(Path results, Path out) {
        Path dir = out.resolve("figures");
        return CorrelationPlots.write(Tables.readCorrelations(results.resolve("correlations.parquet")), dir).stream()
                .map(p -> out.relativize(p).toString()).toList();
    }
}
