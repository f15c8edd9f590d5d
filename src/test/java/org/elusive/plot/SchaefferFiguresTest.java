package org.elusive.plot;

import static org.elusive.plot.FigureCsvs.num;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.elusive.Golden;
import org.elusive.cli.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each `plot` command of the Elusive paper's notebooks writes PNG, SVG and CSV, and the CSV holds
 * the numbers scipy / numpy / pandas compute for the same figure (scripts/reference/
 * make_schaeffer_figure_fixtures.py on the engine fixture).
 */
class SchaefferFiguresTest {
    @TempDir Path dir;

    private static final String CORRELATIONS = Golden.resource("engine/correlations.csv").toString();
    private static final String SCORES = Golden.resource("engine/scores.csv").toString();

    @Test
    void kdesAreScipysGaussianKdeOnSeabornsGrid() throws IOException {
        Path out = dir.resolve("figs");
        assertEquals(0, Main.run("plot", "correlations", "--input", CORRELATIONS, "--out", out.toString(), "--figures", "kde"));
        Map<String, List<double[]>> expected = new HashMap<>();
        for (var r : FigureCsvs.read(Golden.resource("plot/kde.csv"))) {
            expected.computeIfAbsent(r.get("task") + "/" + r.get("score") + "/" + r.get("method") + "/" + r.get("family"),
                    k -> new java.util.ArrayList<>()).add(new double[] {num(r, "correlation"), num(r, "density")});
        }
        int checked = 0;
        for (var e : expected.entrySet()) {
            String[] k = e.getKey().split("/");
            Path csv = out.resolve("kde_" + k[0] + "_" + k[1] + ".csv");
            assertFiles(out, "kde_" + k[0] + "_" + k[1]);
            List<Map<String, String>> rows = FigureCsvs.read(csv).stream()
                    .filter(r -> r.get("panel").equals(k[2]) && r.get("series").equals(k[3])).toList();
            assertEquals(Kde.GRID_SIZE, rows.size(), e.getKey());
            for (int i = 0; i < rows.size(); i++) {
                Golden.assertClose(e.getValue().get(i)[0], num(rows.get(i), "correlation"), e.getKey() + " x " + i);
                Golden.assertClose(e.getValue().get(i)[1], num(rows.get(i), "density"), e.getKey() + " density " + i);
                checked++;
            }
        }
        assertTrue(checked >= 20 * Kde.GRID_SIZE, checked + " KDE points checked");
    }

    @Test
    void methodAndFamilyPairsDrawEveryDocWithBothCorrelations() throws IOException {
        Path out = dir.resolve("figs");
        assertEquals(0, Main.run("plot", "correlations", "--input", CORRELATIONS, "--out", out.toString(),
                "--figures", "methods,families"));
        // independently: the (doc, family) pairs of arc_easy / brier with Pearson and Spearman both not NaN
        Map<String, Double> pearson = new HashMap<>(), spearman = new HashMap<>();
        for (var r : FigureCsvs.read(Path.of(CORRELATIONS))) {
            if (!r.get("task").equals("arc_easy") || !r.get("score").equals("brier")) continue;
            String key = r.get("family") + "/" + r.get("doc_id");
            if (r.get("method").equals("pearson")) pearson.put(key, num(r, "correlation"));
            if (r.get("method").equals("spearman")) spearman.put(key, num(r, "correlation"));
        }
        assertFiles(out, "methods_arc_easy_brier");
        assertFiles(out, "families_arc_easy_brier");
        List<Map<String, String>> drawn = FigureCsvs.read(out.resolve("methods_arc_easy_brier.csv")).stream()
                .filter(r -> r.get("panel").equals("Pearson vs Spearman")).toList();
        long both = pearson.keySet().stream().filter(k -> !pearson.get(k).isNaN() && !spearman.get(k).isNaN()).count();
        assertEquals(both, drawn.size());
        for (var r : drawn) {
            assertTrue(pearson.entrySet().stream().anyMatch(e -> e.getKey().startsWith(r.get("series") + "/")
                    && e.getValue() == num(r, "x_correlation") && spearman.get(e.getKey()) == num(r, "y_correlation")), r.toString());
        }
    }

    @Test
    void statisticsByBenchmarkAreTheSummaryTables() throws IOException {
        Path out = dir.resolve("figs");
        assertEquals(0, Main.run("plot", "correlations", "--input", CORRELATIONS, "--out", out.toString(), "--figures", "statistics"));
        assertFiles(out, "statistic_spearman_mean");
        Map<String, Double> means = new HashMap<>();
        for (var r : FigureCsvs.read(Golden.resource("engine/summary.csv"))) {
            if (r.get("method").equals("spearman") && !r.get("mean").equals("nan")) {
                means.put(r.get("task") + "/" + Style.score(r.get("score")) + " (" + r.get("family") + ")", num(r, "mean"));
            }
        }
        List<Map<String, String>> drawn = FigureCsvs.read(out.resolve("statistic_spearman_mean.csv"));
        assertEquals(means.size(), drawn.size());
        for (var r : drawn) Golden.assertClose(means.get(r.get("panel") + "/" + r.get("series")), num(r, "value"), r.toString());
    }

    @Test
    void massesArePandasMeansAndTwoStandardErrorsAfterThePapersFilter() throws IOException {
        Path out = dir.resolve("figs");
        assertEquals(0, Main.run("plot", "masses", "--input", SCORES, "--out", out.toString(), "--min-compute", "0"));
        for (String stem : List.of("mass_arc_easy", "neg_log_mass_arc_easy", "mass_scatter_arc_easy", "mass_winogrande")) {
            assertFiles(out, stem);
        }
        int checked = 0;
        for (var e : FigureCsvs.read(Golden.resource("plot/mass.csv"))) {
            var row = FigureCsvs.read(out.resolve("mass_" + e.get("task") + ".csv")).stream()
                    .filter(r -> r.get("panel").equals(e.get("score")) && r.get("series").equals(e.get("family"))
                            && num(r, "compute") == num(e, "compute")).findFirst().orElseThrow(() -> new AssertionError(e.toString()));
            Golden.assertClose(num(e, "mean"), num(row, "mean"), e + " mean");
            if (!Double.isNaN(num(e, "two_se"))) {
                Golden.assertClose(num(e, "mean") + num(e, "two_se"), num(row, "mean_plus_2se"), e + " upper bar");
                Golden.assertClose(num(e, "mean") - num(e, "two_se"), num(row, "mean_minus_2se"), e + " lower bar");
            }
            checked++;
        }
        assertEquals(FigureCsvs.read(Golden.resource("plot/mass.csv")).size(), checked);
        assertTrue(checked > 100);
    }

    @Test
    void stagesAccuracyIsPandasCutFractions() throws IOException {
        Path out = dir.resolve("figs");
        assertEquals(0, Main.run("plot", "stages", "--input", SCORES, "--out", out.toString()));
        assertFiles(out, "stages_arc_easy");
        assertFiles(out, "stages_winogrande");
        List<Map<String, String>> expected = FigureCsvs.read(Golden.resource("plot/stages_acc.csv"));
        for (var e : expected) {
            var rows = FigureCsvs.read(out.resolve("stages_" + e.get("task") + ".csv")).stream()
                    .filter(r -> r.get("panel").equals("accuracy vs p_choices_correct bin") && r.get("series").equals(e.get("family"))
                            && num(r, "x") == num(e, "bin")).toList();
            assertEquals(1, rows.size(), e.toString());
            Golden.assertClose(num(e, "fraction"), num(rows.get(0), "y"), e.toString());
        }
        long drawn = List.of("arc_easy", "winogrande").stream().mapToLong(t -> {
            try {
                return FigureCsvs.read(out.resolve("stages_" + t + ".csv")).stream()
                        .filter(r -> r.get("panel").equals("accuracy vs p_choices_correct bin")).count();
            } catch (IOException ex) {
                throw new java.io.UncheckedIOException(ex);
            }
        }).sum();
        assertEquals(expected.size(), drawn, "no bin drawn that pandas leaves empty");
    }

    @Test
    void aFamilyThatIsNotInTheTableIsBadInput() {
        assertEquals(2, Main.run("plot", "stages", "--input", SCORES, "--out", dir.toString(), "--families", "nosuch"));
        assertEquals(2, Main.run("plot", "correlations", "--input", CORRELATIONS, "--out", dir.toString(), "--figures", "pie"));
    }

    private static void assertFiles(Path out, String stem) throws IOException {
        for (String ext : List.of(".png", ".svg", ".csv")) {
            assertTrue(Files.size(out.resolve(stem + ext)) > 0, stem + ext);
        }
        assertTrue(Files.readString(out.resolve(stem + ".svg")).contains("<svg"), stem + ".svg");
    }
}
