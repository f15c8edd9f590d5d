package org.elusive.plot;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.elusive.rows.CorrelationRow;
import org.elusive.rows.ScoreRow;
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
        assertTrue(svg < 600_000, "svg of " + svg + " bytes (7.7 MB when every segment was an element)");
    }

    /** 480 docs × 20 checkpoints × 4 families = 38,400 points in each of three scatter panels. */
    @Test
    void aThirtyEightThousandPointStagesFigureIsSmall() throws IOException {
        Random random = new Random(11);
        List<ScoreRow> rows = new ArrayList<>();
        for (String family : List.of("a", "b", "c", "d")) {
            for (int step = 1; step <= 20; step++) {
                for (int doc = 0; doc < 480; doc++) {
                    double logp = -Math.abs(random.nextGaussian() * 4) - 0.1, p = Math.exp(logp);
                    double pc = 1 / (1 + Math.exp(-random.nextGaussian() * 2));
                    rows.add(new ScoreRow(family, family + "-m", "step" + step, 1_000_000, step * 1e9, step * 6e15, "task",
                            doc, 4, 0, logp, p, p / pc, p / pc - p, pc, (1 - pc) * (1 - pc) / 2, (1 - pc) * (1 - pc),
                            pc > 0.5 ? 1 : 0, pc > 0.5 ? 1 : 0, pc > 0.5));
                }
            }
        }
        Path png = StagePlots.write(rows, dir).get(0);
        long svg = Files.size(dir.resolve("stages_task.svg"));
        System.out.printf("stages 38,400 points: svg %d bytes, png %d bytes%n", svg, Files.size(png));
        assertTrue(svg < 1_500_000, "svg of " + svg + " bytes");
        assertTrue(Files.readString(dir.resolve("stages_task.svg")).contains("data:image/png;base64,"), "points as an image");
    }
}
