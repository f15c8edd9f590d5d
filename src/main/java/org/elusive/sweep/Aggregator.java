package org.elusive.sweep;

import java.nio.file.Path;
import java.util.List;

/** Rebuilds a sweep's derived tables (scores, correlations, figure) from its completed unit files. */
public interface Aggregator {
    /** Rebuilds; returns a short note for the log line (what was recomputed and what reused), or "". */
    String update(Path outDir, List<Path> unitFiles) throws Exception;

    Aggregator NONE = (outDir, unitFiles) -> "";
}
