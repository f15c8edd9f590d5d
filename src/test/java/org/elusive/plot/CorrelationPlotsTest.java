package org.elusive.plot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.elusive.Golden;
import org.elusive.cli.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CorrelationPlotsTest {
    @TempDir Path dir;

    @Test
    void survivalIsTheFractionStrictlyAbove() {
        double[] v = {-0.5, 0.5, 0.5};
        assertEquals(1.0, CorrelationPlots.above(v, -1));
        assertEquals(2 / 3.0, CorrelationPlots.above(v, -0.5));
        assertEquals(0.0, CorrelationPlots.above(v, 0.5));
        double[][] xy = CorrelationPlots.survival(v);
        assertArrayEquals(new double[] {-1, -0.5, -0.5, 0.5, 0.5, 1}, xy[0]);
        assertArrayEquals(new double[] {1, 1, 2 / 3.0, 2 / 3.0, 0, 0}, xy[1], 1e-15);
    }

    @Test
    void onePngAndSvgPerTaskAndMethodWithAPanelPerScore() throws IOException {
        Path corr = dir.resolve("corr.parquet"), figs = dir.resolve("figs");
        assertEquals(0, Main.run("correlate", "--input", Golden.resource("engine/choices.csv").toString(), "--out", corr.toString(),
                "--methods", "spearman", "--scores", "p_choices_correct,brier,acc,acc_norm"));
        assertEquals(0, Main.run("plot", "correlations", "--input", corr.toString(), "--out", figs.toString(), "--figures", "ecdf"));
        try (var files = Files.list(figs)) {
            assertEquals(List.of("correlations_arc_easy_spearman.csv", "correlations_arc_easy_spearman.png",
                    "correlations_arc_easy_spearman.svg", "correlations_winogrande_spearman.csv",
                    "correlations_winogrande_spearman.png", "correlations_winogrande_spearman.svg"),
                    files.map(p -> p.getFileName().toString()).sorted().toList());
        }
        BufferedImage png = ImageIO.read(figs.resolve("correlations_arc_easy_spearman.png").toFile());
        assertEquals(3 * 420, png.getWidth(), "three panels per row");
        assertEquals(2 * 320, png.getHeight(), "four scores: two rows");
        String svg = Files.readString(figs.resolve("correlations_winogrande_spearman.svg"));
        assertTrue(svg.contains("<svg") && svg.contains("width=\"1260") && svg.contains("height=\"640"), svg.substring(0, 400));
    }

    @Test
    void plotWithoutSubcommandIsAUsageError() {
        var old = System.err;
        var buf = new java.io.ByteArrayOutputStream();
        System.setErr(new java.io.PrintStream(buf, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            assertEquals(2, Main.run("plot"));
            assertEquals(2, Main.run("emergence"));
        } finally {
            System.setErr(old);
        }
        String usage = buf.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(usage.contains("Usage: elusive plot [") && usage.contains("Usage: elusive emergence ["), usage);
    }
    @Test
    void outputThatIsAFileIsAUsageError() throws IOException {
        Path file = Files.writeString(dir.resolve("figs"), "x");
        String corr = Golden.resource("engine/correlations.csv").toString();
        assertEquals(2, Main.run("plot", "correlations", "--input", corr, "--out", file.toString()));
        assertEquals(2, Main.run("plot", "correlations", "--input", corr, "--out", file.resolve("sub").toString()));
        assertEquals(2, Main.run("plot", "emergence", "--table", Golden.resource("emergence/forecast_tiny.csv").toString(),
                "--threshold", "1", "--random-guess", "0.25", "--easy-degree", "3", "--out", file.toString()));
    }
}
