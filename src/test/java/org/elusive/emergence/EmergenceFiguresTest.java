package org.elusive.emergence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.DoubleUnaryOperator;
import java.util.stream.Stream;
import org.elusive.cli.Main;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The CSV of every `plot emergence` figure on the paper's MMLU tables against the paper's plotting
 * scripts re-run in Python (scripts/reference/make_emergence_figures_fixture.py): every drawn point,
 * every sampled curve (to 1e-6) and band, and nothing else; then colours, colour bar, labels, axis
 * titles and the options that change what is drawn.
 */
class EmergenceFiguresTest {
    @TempDir static Path out;

    private static final Table POINTS = TableFiles.read(Fixtures.resource("figures_points_expected.csv"));
    private static final Table CURVES = TableFiles.read(Fixtures.resource("figures_curves_expected.csv"));
    private static final String MMLU = "data/scaling/ushaped/mmlu/";

    @BeforeAll
    static void drawThePapersFigures() {
        Path three = Fixtures.shared(MMLU + "mmlu_instance_brier_-1000_31.622776601683793_3_redist.csv");
        plot("mmlu3", three, "1.5", "--oracle");
        plot("mmlu13", Fixtures.shared(MMLU + "mmlu_instance_brier_-1000_19.952623149688797_3_redist.csv"), "1.3",
                "--figures", "robustness_threshold,forecast", "--easy-degree", "3", "--no-calibration");
        plot("mmlu10", Fixtures.shared(MMLU + "mmlu_instance_brier_-1000_31.622776601683793_10_redist.csv"), "1.5",
                "--figures", "groups", "--illustration-degree", "7");
        plot("accmmlu10", Fixtures.shared(MMLU + "acc_mmlu_instance_brier_-1000_31.622776601683793_10_redist.csv"), "1.5",
                "--illustration-degree", "7");
        plot("hellaswag", Fixtures.shared("data/scaling/ushaped/hellaswag/hellaswag_instance_brier_-1000_199.52623149688787_3_redist.csv"),
                "2.3", "--figures", "overall,groups", "--no-emergence");
    }

    private static void plot(String name, Path table, String threshold, String... extra) {
        plotInto(out, name, table, threshold, extra);
    }

    private static void plotInto(Path dir, String name, Path table, String threshold, String... extra) {
        List<String> args = new ArrayList<>(List.of("plot", "emergence", "--table", table.toString(), "--threshold", threshold,
                "--random-guess", "0.25", "--name", name, "--out", dir.toString()));
        args.addAll(List.of(extra));
        assertEquals(0, Main.run(args.toArray(String[]::new)));
    }

    static Stream<String> figures() {
        Set<String> names = new TreeSet<>();
        for (int r = 0; r < POINTS.size(); r++) names.add(POINTS.string(r, 0));
        for (int r = 0; r < CURVES.size(); r++) names.add(CURVES.string(r, 0));
        return names.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("figures")
    void drawsThePapersPointsAndCurves(String figure) {
        Table csv = drawn(figure.replace('/', '_'));
        Map<String, List<double[]>> want = new LinkedHashMap<>();
        for (int r = 0; r < POINTS.size(); r++) {
            if (POINTS.string(r, 0).equals(figure)) {
                want.computeIfAbsent(POINTS.string(r, 1), k -> new ArrayList<>()).add(new double[] {POINTS.number(r, 2), POINTS.number(r, 3)});
            }
        }
        Map<String, List<double[]>> got = series(csv, "points");
        assertEquals(want.keySet(), got.keySet(), figure + ": the point series");
        want.forEach((s, pts) -> assertSamePoints(figure + " " + s, pts, got.get(s)));
        int curves = 0;
        for (int r = 0; r < CURVES.size(); r++) {
            if (!CURVES.string(r, 0).equals(figure)) continue;
            curves++;
            String name = CURVES.string(r, 1);
            boolean band = !Double.isNaN(CURVES.number(r, 3));
            List<String> matches = series(csv, band ? "band" : "line").keySet().stream().filter(k -> k.startsWith(name)).toList();
            assertEquals(1, matches.size(), figure + ": one series named " + name + "…, got " + matches);
            List<double[]> pts = series(csv, band ? "band" : "line").get(matches.get(0));
            DoubleUnaryOperator f = law(CURVES.string(r, 2), CURVES.string(r, 4));
            double[] range = range(figure);
            if (band) assertBand(figure + " " + name, pts, f, CURVES.number(r, 3), range);
            else assertCurve(figure + " " + name, pts, f, range);
        }
        assertEquals(curves, series(csv, "line").keySet().stream().filter(k -> !k.equals("emergence threshold")).count()
                + series(csv, "band").size(), figure + ": every curve drawn is a curve of the paper's");
    }

    @Test
    void groupColoursAndColourBarAreThePapers() {
        // 10 groups: RdYlBu's first ten colours; the bar runs over all 11, whitened by 25 and reversed
        Table ten = drawn("mmlu10_groups");
        List<String> rdYlBu = List.of("#a50026", "#d73027", "#f46d43", "#fdae61", "#fee090", "#ffffbf", "#e0f3f8", "#abd9e9",
                "#74add1", "#4575b4");
        assertEquals(rdYlBu, colours(ten, "points"));
        assertEquals(List.of("10", "9", "8", "7", "6", "5", "4", "3", "2", "1"), column(ten, "colorbar", 3).stream()
                .map(y -> Integer.toString((int) Double.parseDouble(y))).toList());
        List<String> bar = column(ten, "colorbar", 4);
        assertEquals("#4a4fae", bar.get(0));  // whiten(rgb(49,54,149)): the hardest end, at the bottom
        assertEquals("#be193f", bar.get(9));  // whiten(rgb(165,0,38)): level 1, the easiest, at the top
        // 3 groups: entries 0, 3 and 9, and a bar of those three
        Table three = drawn("mmlu3_groups");
        assertEquals(List.of("#a50026", "#fdae61", "#4575b4"), colours(three, "points"));
        assertEquals(List.of("#5e8ecd", "#ffc77a", "#be193f"), column(three, "colorbar", 4));
        // bands in the group's colour at 30% opacity; the accuracy figure has no bar (show_color_bar = False there)
        assertEquals(List.of("#a500264d", "#fdae614d", "#4575b44d"), colours(three, "band"));
        assertTrue(column(drawn("accmmlu10_groups"), "colorbar", 4).isEmpty());
    }

    @Test
    void emergenceIsLabelledAndNoEmergenceHasNoThresholdLine() {
        for (String f : List.of("mmlu3_overall_acc", "mmlu3_overall_brier", "mmlu3_groups")) {
            Table csv = drawn(f);
            assertEquals(List.of("Emergence"), column(csv, "label", 0), f);
            assertEquals(1.5, Double.parseDouble(column(csv, "label", 2).get(0)), 0, f);
            assertEquals(List.of(1.5, 1.5), series(csv, "line").get("emergence threshold").stream().map(p -> p[0]).toList());
        }
        for (String f : List.of("hellaswag_overall_acc", "hellaswag_groups")) {
            Table csv = drawn(f);
            assertEquals(List.of("No Emergence"), column(csv, "label", 0), f);
            assertFalse(series(csv, "line").containsKey("emergence threshold"), f);
        }
    }

    @Test
    void axesAndTitlesAreWords() {
        try (Stream<Path> files = Files.list(out)) {
            List<Path> csvs = files.filter(p -> p.toString().endsWith(".csv")).toList();
            assertEquals(16, csvs.size(), csvs.toString()); // 9 + 2 + 1 + 1 + 3 figures
            for (Path p : csvs) {
                Table csv = TableFiles.read(p);
                String x = column(csv, "x_axis", 0).get(0), y = column(csv, "y_axis", 0).get(0);
                assertFalse(column(csv, "title", 0).get(0).isBlank(), p.toString());
                assertEquals(p.toString().endsWith("_relation.csv") ? "accuracy" : "training compute, log10 of FLOPs / 10^21", x);
                assertTrue(Set.of("accuracy", "TC Brier score, negated (higher is better)").contains(y), p + ": " + y);
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void noCalibrationDrawsTheUnshiftedLaw() {
        // --no-calibration with easy degree 3 is the threshold-robustness curve of easy degree 3, in every sample
        Map<String, List<double[]>> forecast = series(drawn("mmlu13_forecast"), "line");
        Map<String, List<double[]>> robust = series(drawn("mmlu13_robustness_threshold"), "line");
        List<double[]> a = forecast.entrySet().stream().filter(e -> e.getKey().startsWith("Slice-and-Sandwich")).findFirst().orElseThrow().getValue();
        List<double[]> b = robust.entrySet().stream().filter(e -> e.getKey().startsWith("Slice-and-Sandwich, easy degree 3")).findFirst().orElseThrow().getValue();
        assertEquals(a.size(), b.size());
        for (int i = 0; i < a.size(); i++) assertEquals(Double.toString(b.get(i)[1]), Double.toString(a.get(i)[1]));
        // and the default forecast at the same threshold is shifted: it differs from it
        plotInto(out.resolve("calibrated"), "mmlu13cal", Fixtures.shared(MMLU + "mmlu_instance_brier_-1000_19.952623149688797_3_redist.csv"),
                "1.3", "--figures", "forecast", "--easy-degree", "3");
        List<double[]> c = series(TableFiles.read(out.resolve("calibrated/mmlu13cal_forecast.csv")), "line").entrySet().stream()
                .filter(e -> e.getKey().startsWith("Slice-and-Sandwich")).findFirst().orElseThrow().getValue();
        assertTrue(Math.abs(c.get(0)[1] - a.get(0)[1]) > 1e-4, c.get(0)[1] + " vs " + a.get(0)[1]);
    }

    // ---------------------------------------------------------------- helpers

    private static Table drawn(String stem) {
        return TableFiles.read(out.resolve(stem + ".csv"));
    }

    /** Rows of one kind grouped by series, in drawing order: (x, y). */
    private static Map<String, List<double[]>> series(Table csv, String kind) {
        Map<String, List<double[]>> out = new LinkedHashMap<>();
        for (int r = 0; r < csv.size(); r++) {
            if (!csv.string(r, 1).equals(kind)) continue;
            out.computeIfAbsent(csv.string(r, 0), k -> new ArrayList<>()).add(new double[] {csv.number(r, 2), csv.number(r, 3)});
        }
        return out;
    }

    private static List<String> column(Table csv, String kind, int column) {
        List<String> out = new ArrayList<>();
        for (int r = 0; r < csv.size(); r++) if (csv.string(r, 1).equals(kind)) out.add(csv.string(r, column));
        return out;
    }

    private static List<String> colours(Table csv, String kind) {
        Set<String> out = new LinkedHashSet<>();
        for (int r = 0; r < csv.size(); r++) if (csv.string(r, 1).equals(kind)) out.add(csv.string(r, 4));
        return new ArrayList<>(out);
    }

    private static void assertSamePoints(String what, List<double[]> want, List<double[]> got) {
        assertEquals(want.size(), got.size(), what);
        Comparator<double[]> order = Comparator.<double[]>comparingDouble(p -> p[0]).thenComparingDouble(p -> p[1]);
        List<double[]> w = want.stream().sorted(order).toList(), g = got.stream().sorted(order).toList();
        for (int i = 0; i < w.size(); i++) {
            assertTrue(Fixtures.close(g.get(i)[0], w.get(i)[0], 1e-12) && Fixtures.close(g.get(i)[1], w.get(i)[1], 1e-12),
                    what + ": " + g.get(i)[0] + "," + g.get(i)[1] + " vs " + w.get(i)[0] + "," + w.get(i)[1]);
        }
    }

    /** Sampled on 400 points; a value outside the figure's y range is a gap (NaN). */
    private static void assertCurve(String what, List<double[]> pts, DoubleUnaryOperator f, double[] range) {
        assertEquals(400, pts.size(), what);
        int finite = 0;
        for (double[] p : pts) {
            double want = f.applyAsDouble(p[0]);
            if (Math.abs(want - range[0]) < 1e-9 || Math.abs(want - range[1]) < 1e-9) continue; // at the edge of the frame
            if (want < range[0] || want > range[1]) {
                assertTrue(Double.isNaN(p[1]), what + " at " + p[0] + ": " + want + " is outside the frame, drawn as " + p[1]);
            } else {
                assertTrue(Fixtures.close(p[1], want, 1e-6), what + " at " + p[0] + ": " + p[1] + " vs " + want);
                finite++;
            }
        }
        assertTrue(finite > 20, what + ": " + finite + " points inside the frame");
    }

    /** The polygon: f + 1.96σ left to right, then f − 1.96σ right to left, each clamped to the frame. */
    private static void assertBand(String what, List<double[]> pts, DoubleUnaryOperator f, double sigma, double[] range) {
        int n = pts.size() / 2;
        assertEquals(800, pts.size(), what);
        for (int i = 0; i < n; i++) {
            double[] up = pts.get(i), down = pts.get(2 * n - 1 - i);
            assertEquals(up[0], down[0], 0, what);
            double mid = f.applyAsDouble(up[0]);
            assertTrue(Fixtures.close(up[1], clamp(mid + 1.96 * sigma, range), 1e-6), what + " upper at " + up[0]);
            assertTrue(Fixtures.close(down[1], clamp(mid - 1.96 * sigma, range), 1e-6), what + " lower at " + up[0]);
        }
    }

    private static double clamp(double v, double[] range) {
        return Math.max(range[0], Math.min(range[1], v));
    }

    /** The y range a figure keeps: TC Brier in [-1, 0], accuracy in [0, 1], the relation's OLS line unbounded. */
    private static double[] range(String figure) {
        if (figure.endsWith("/relation")) return new double[] {Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY};
        boolean accuracy = figure.startsWith("acc") || figure.endsWith("/forecast") || figure.endsWith("/robustness_threshold");
        return accuracy ? new double[] {0, 1} : new double[] {-1, 0};
    }

    /** A fixture curve: ascending polynomial coefficients, or (alpha, beta, random guess) of a sigmoid. */
    private static DoubleUnaryOperator law(String form, String coefficients) {
        double[] c = Stream.of(coefficients.split(";")).mapToDouble(Double::parseDouble).toArray();
        if (form.equals("sigmoid")) return x -> 1 / (1 + Math.exp(-(c[0] * x + c[1]))) + c[2];
        return x -> {
            double y = 0;
            for (int k = c.length - 1; k >= 0; k--) y = y * x + c[k];
            return y;
        };
    }
}
