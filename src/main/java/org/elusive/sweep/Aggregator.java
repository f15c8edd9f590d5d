package org.elusive.sweep;

import java.nio.file.Path;
import java.util.List;

/** Rebuilds a sweep's derived tables (scores, correlations, figure) from its completed unit files. */
public interface Aggregator {
    void update(Path outDir, List<Path> unitFiles) throws Exception;

    Aggregator NONE = (outDir, unitFiles) -> {};
}
