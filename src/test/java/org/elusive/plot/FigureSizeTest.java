package org.elusive.plot;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.elusive.rows.CorrelationRow;
import org.elusive.transform.Score;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SVGs stay small on realistic data: lines are one simplified path each, dense points one raster. */
class FigureSizeTest {
    @TempDir Path dir;

    /** The demo's shape: 480 docs, nine scores, four families, distinct correlations (every doc a step). */
    @Test
    void aFourHundredEightyDocCorrelationFigureIsSmall() throws IOException {
        Random random = new Random(7);
        List<CorrelationRow> rows = new ArrayList<>();
        for (String family : List.of("a", "b", "c", "d")) {
            for (Score s : Score.DEFAULTS) {
                for (int doc = 0; doc < 480; doc++) {
                    double r = Math.tanh(random.nextGaussian());
                    rows.add(new CorrelationRow(family, "task", doc, s.column(), "spearman", r, 0.01, 20));
                }
            }
        }
        Path png = CorrelationPlots.write(rows, dir).get(0);
        long svg = Files.size(dir.resolve("correlations_task_spearman.svg"));
        System.out.printf("ECDF 480 docs x 9 scores x 4 families: svg %d bytes, png %d bytes%n", svg, Files.size(png));
        Files.copy(dir.resolve("correlations_task_spearman.svg"), Path.of("/tmp/ecdf.svg"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        assertTrue(svg < 600_000, "svg of " + svg + " bytes");
    }
}
