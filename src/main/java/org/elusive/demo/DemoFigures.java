package org.elusive.demo;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.elusive.plot.CorrelationPlots;
import org.elusive.plot.MassPlots;
import org.elusive.store.Tables;

/**
 * The demo's figures, drawn from the sweep's tables by the same code as `elusive plot correlations`
 * and `elusive plot masses`: the correlation figures, then the probability-mass figures (the paper's
 * mechanism). The demo's models are far below the paper's 1e17-FLOP floor, so no checkpoint is
 * left out by compute here.
 */
final class DemoFigures {
    private DemoFigures() {}

    /** Writes the figures next to the report and returns their paths relative to it. */
    static List<String> write(Path results, Path out) {
        Path dir = out.resolve("figures");
        List<Path> files = new ArrayList<>(CorrelationPlots.write(Tables.readCorrelations(results.resolve("correlations.parquet")), dir));
        MassPlots.write(Tables.readScores(results.resolve("scores.parquet")), 0, dir).stream()
                .filter(p -> !p.getFileName().toString().startsWith("neg_log_")).forEach(files::add);
        return files.stream().map(p -> out.relativize(p).toString()).toList();
    }
}
