package org.elusive.emergence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.elusive.cli.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The commands end to end through Main.run, and their exit-2 messages on malformed tables. */
class EmergenceCliTest {
    @TempDir Path tmp;

    @Test
    void groupsWritesParquetThatForecastReads() {
        Path groups = tmp.resolve("groups.parquet");
        assertEquals(0, Main.run("emergence", "groups", "--scores", Fixtures.resource("scores_small.csv").toString(),
                "--threshold", "1", "--groups", "3", "--exclude", "microsoft/phi-2", "--out", groups.toString()));
        Table back = TableFiles.read(groups);
        DifficultyGroupsTest.assertSameTable(TableFiles.read(Fixtures.resource("groups_small_expected.csv")),
                builderOf(back), 1e-12);

        Path pred = tmp.resolve("pred.csv"), summary = tmp.resolve("summary.csv");
        assertEquals(0, Main.run("emergence", "forecast", "--table", groups.toString(), "--threshold", "0.5",
                "--random-guess", "0.25", "--easy-degree", "2", "--hard-degree", "1", "--exclude", "none",
                "--out", pred.toString(), "--summary", summary.toString()));
        Table s = TableFiles.read(summary);
        assertEquals(List.of("method", "easy_degree", "hard_degree", "train_models", "test_models", "mse"), s.columns());
        assertEquals("slice_and_sandwich", s.string(0, 0));
        assertEquals("sigmoid_baseline", s.string(1, 0));
        // 9 checkpoints: compute/1e21 < 10^0.5 for m0..m5 and phi-2
        assertEquals(7, (int) s.number(0, 3));
        assertEquals(2, (int) s.number(0, 4));
        assertEquals(9, TableFiles.read(pred).size());
    }

    @Test
    void metadataGivesThePapersShape() throws Exception {
        Path meta = tmp.resolve("meta.csv");
        Files.writeString(meta, "Model,Model Family,Model Size (B),Pretraining Data Size (T),FLOPs (1E21),MMLU\n"
                + "org/unscored,x,1.0,1.0,6.0,0.3\n" + "org/m3,fam,0.316,0.08,0.1518,0.26\n");
        Path out = tmp.resolve("g.csv");
        assertEquals(0, Main.run("emergence", "groups", "--scores", Fixtures.resource("scores_small.csv").toString(),
                "--threshold", "1", "--groups", "3", "--metadata", meta.toString(), "--out", out.toString()));
        Table t = TableFiles.read(out);
        assertEquals(List.of("Model", "Model Family", "Model Size (B)", "Pretraining Data Size (T)", "FLOPs (1E21)", "MMLU",
                "0_16_brier", "0_16_san", "16_32_brier", "16_32_san", "32_48_brier", "32_48_san", "acc", "brier", "san"),
                t.columns());
        assertEquals(2 + 8, t.size()); // metadata rows first, then the 8 other scored checkpoints
        assertEquals("org/unscored", t.string(0, 0));
        assertTrue(Double.isNaN(t.number(0, 6)));
        assertEquals("org/m3", t.string(1, 0));
        assertEquals(0.26, t.number(1, 5), 0);
        assertEquals("org/m0", t.string(2, 0));
        assertTrue(Double.isNaN(t.number(2, 5)));
        assertTrue(t.number(1, 6) > 0 && t.number(2, 6) > 0);
    }

    @Test
    void forecastSummaryAndDegreeSweepMatchTheFixture() {
        Path pred = tmp.resolve("pred.csv"), summary = tmp.resolve("summary.csv");
        assertEquals(0, Main.run("emergence", "forecast", "--table", Fixtures.resource("forecast_tiny.csv").toString(),
                "--threshold", "1", "--random-guess", "0.25", "--easy-degree", "3,5", "--out", pred.toString(),
                "--summary", summary.toString(), "--format", "csv"));
        Table s = TableFiles.read(summary);
        Table expected = TableFiles.read(Fixtures.resource("forecast_tiny_expected.csv"));
        double mse5 = Double.NaN, mse3 = Double.NaN, base = Double.NaN;
        for (int i = 0; i < expected.size(); i++) {
            String v = expected.string(i, 0);
            if (v.equals("default")) { mse5 = expected.number(i, 7); base = expected.number(i, 8); }
            if (v.equals("e3h2")) mse3 = expected.number(i, 7);
        }
        assertEquals(3, s.size());
        assertTrue(Fixtures.close(s.number(0, 5), mse3, 1e-9), s.number(0, 5) + " vs " + mse3);
        assertTrue(Fixtures.close(s.number(1, 5), mse5, 1e-9), s.number(1, 5) + " vs " + mse5);
        assertTrue(Fixtures.close(s.number(2, 5), base, 1e-9), s.number(2, 5) + " vs " + base);
        assertEquals(2 * 18, TableFiles.read(pred).size());
    }

    @Test
    void missingFlopsColumnExits2NamingFileAndColumn() throws Exception {
        Path bad = tmp.resolve("no_flops.csv");
        List<String> lines = Files.readAllLines(Fixtures.resource("forecast_tiny.csv"));
        Files.write(bad, lines.stream().map(l -> l.replaceFirst("FLOPs \\(1E21\\)", "compute")).toList());
        String err = runExpecting(2, "emergence", "forecast", "--table", bad.toString(), "--threshold", "1",
                "--random-guess", "0.25", "--out", tmp.resolve("p.csv").toString(), "--summary", tmp.resolve("s.csv").toString());
        assertTrue(err.contains("no_flops.csv") && err.contains("'FLOPs (1E21)'"), err);
    }

    @Test
    void unknownGroupColumnExits2() {
        String err = runExpecting(2, "emergence", "forecast", "--table", Fixtures.resource("forecast_tiny.csv").toString(),
                "--threshold", "1", "--random-guess", "0.25", "--hard-column", "20_40_brier",
                "--out", tmp.resolve("p.csv").toString(), "--summary", tmp.resolve("s.csv").toString());
        assertTrue(err.contains("forecast_tiny.csv") && err.contains("'20_40_brier'") && err.contains("20_30_brier"), err);
    }

    @Test
    void tableWithoutGroupColumnsExits2() {
        String err = runExpecting(2, "emergence", "forecast", "--table", Fixtures.resource("scores_single.csv").toString(),
                "--threshold", "1", "--random-guess", "0.25",
                "--out", tmp.resolve("p.csv").toString(), "--summary", tmp.resolve("s.csv").toString());
        assertTrue(err.contains("scores_single.csv") && err.contains("{a}_{b}_brier"), err);
    }

    @Test
    void scoresWithoutTcBrierExits2() throws Exception {
        Path bad = tmp.resolve("scores.csv");
        List<String> lines = Files.readAllLines(Fixtures.resource("scores_single.csv"));
        Files.write(bad, lines.stream().map(l -> l.replace(",tc_brier,", ",tcb,")).toList());
        String err = runExpecting(2, "emergence", "groups", "--scores", bad.toString(), "--threshold", "1",
                "--groups", "3", "--out", tmp.resolve("g.csv").toString());
        assertTrue(err.contains("scores.csv") && err.contains("'tc_brier'"), err);
    }

    @Test
    void plotWritesPngAndSvg() throws Exception {
        Path out = tmp.resolve("fig");
        assertEquals(0, Main.run("plot", "emergence", "--table", Fixtures.resource("forecast_tiny.csv").toString(),
                "--threshold", "1", "--random-guess", "0.25", "--easy-degree", "3", "--illustration-degree", "3",
                "--out", out.toString()));
        for (String stem : List.of("overall_acc", "overall_brier", "groups", "relation", "fit", "brier_law", "forecast",
                "robustness_degree", "robustness_threshold")) {
            Path png = out.resolve("forecast_tiny_" + stem + ".png"), svg = out.resolve("forecast_tiny_" + stem + ".svg");
            byte[] head = Files.readAllBytes(png);
            assertTrue(head.length > 10_000 && head[1] == 'P' && head[2] == 'N' && head[3] == 'G', png.toString());
            String text = Files.readString(svg);
            assertTrue(text.contains("<svg") && text.contains("</svg>"), svg.toString());
            Table drawn = TableFiles.read(out.resolve("forecast_tiny_" + stem + ".csv"));
            assertEquals(List.of("series", "kind", "x", "y", "color"), drawn.columns());
            assertTrue(drawn.size() > 20, stem);
        }
        try (var files = Files.list(out)) {
            assertEquals(27, files.count()); // nine figures, three files each
        }
        // --figures draws only the ones named
        Path some = tmp.resolve("some");
        assertEquals(0, Main.run("plot", "emergence", "--table", Fixtures.resource("forecast_tiny.csv").toString(),
                "--threshold", "1", "--random-guess", "0.25", "--figures", "fit,overall", "--out", some.toString()));
        try (var files = Files.list(some)) {
            assertEquals(List.of("forecast_tiny_fit.csv", "forecast_tiny_fit.png", "forecast_tiny_fit.svg",
                    "forecast_tiny_overall_acc.csv", "forecast_tiny_overall_acc.png", "forecast_tiny_overall_acc.svg",
                    "forecast_tiny_overall_brier.csv", "forecast_tiny_overall_brier.png", "forecast_tiny_overall_brier.svg"),
                    files.map(p -> p.getFileName().toString()).sorted().toList());
        }
        // an accuracy-grouped table gets the accuracy-per-group figure only
        assertEquals(0, Main.run("plot", "emergence", "--table", Fixtures.resource("groups_small_acc_expected.csv").toString(),
                "--threshold", "1", "--random-guess", "0.25", "--illustration-degree", "2", "--name", "acc",
                "--out", out.toString()));
        assertTrue(Files.size(out.resolve("acc_groups.png")) > 10_000);
        assertTrue(Files.notExists(out.resolve("acc_forecast.png")));
    }

    @Test
    void tooFewModelsForDegreeSevenLeaveOutOnlyThatFigureUnlessItIsNamed() throws Exception {
        // T = 0.8: 8 complete models below it, enough for degree 5, not for the robustness figure's degree 7
        Path fig = tmp.resolve("few");
        String table = Fixtures.resource("forecast_tiny.csv").toString();
        String err = runExpecting(0, "plot", "emergence", "--table", table, "--threshold", "0.8", "--random-guess", "0.25",
                "--out", fig.toString());
        assertTrue(err.contains("robustness_degree left out: 8 models"), err);
        assertTrue(Files.exists(fig.resolve("forecast_tiny_robustness_threshold.csv")));
        assertTrue(Files.notExists(fig.resolve("forecast_tiny_robustness_degree.csv")));
        err = runExpecting(2, "plot", "emergence", "--table", table, "--threshold", "0.8", "--random-guess", "0.25",
                "--figures", "robustness_degree", "--out", fig.toString());
        assertTrue(err.contains("leaves 8 models") && err.contains("degree 7 needs at least 9"), err);
    }

    @Test
    void modelWithZeroFlopsIsLeftOutOfTheForecastAndPlots() throws Exception {
        // a Pythia step0 checkpoint has no log10(FLOPs): it must not turn every fit into NaN
        Path withStep0 = tmp.resolve("with_step0.csv");
        List<String> lines = new java.util.ArrayList<>(Files.readAllLines(Fixtures.resource("forecast_tiny.csv")));
        lines.add(lines.get(1).replaceFirst("^org/model-00,toy,[^,]*,", "org/model-step0,toy,0.0,"));
        Files.write(withStep0, lines);
        Path p0 = tmp.resolve("p0.csv"), s0 = tmp.resolve("s0.csv"), p1 = tmp.resolve("p1.csv"), s1 = tmp.resolve("s1.csv");
        assertEquals(0, Main.run("emergence", "forecast", "--table", Fixtures.resource("forecast_tiny.csv").toString(),
                "--threshold", "1", "--random-guess", "0.25", "--out", p0.toString(), "--summary", s0.toString()));
        assertEquals(0, Main.run("emergence", "forecast", "--table", withStep0.toString(),
                "--threshold", "1", "--random-guess", "0.25", "--out", p1.toString(), "--summary", s1.toString()));
        assertEquals(Files.readString(s0), Files.readString(s1));
        assertEquals(Files.readString(p0), Files.readString(p1));
        assertEquals(0, Main.run("plot", "emergence", "--table", withStep0.toString(), "--threshold", "1",
                "--random-guess", "0.25", "--easy-degree", "3", "--illustration-degree", "3", "--out", tmp.resolve("fig").toString()));
    }

    /** The models the paper's protocol leaves out (a step0, a missing acc) are counted in a warning, and the run goes on. */
    @Test
    void modelsLeftOutOfTheForecastAreCountedInAWarning() throws Exception {
        Path holes = tmp.resolve("holes.csv");
        List<String> lines = new java.util.ArrayList<>(Files.readAllLines(Fixtures.resource("forecast_tiny.csv")));
        lines.add(lines.get(1).replaceFirst("^org/model-00,toy,[^,]*,", "org/model-step0,toy,0.0,"));
        String[] cells = lines.get(4).split(",", -1);
        cells[List.of(lines.get(0).split(",")).indexOf("acc")] = "";
        lines.set(4, String.join(",", cells));
        Files.write(holes, lines);
        String err = runExpecting(0, "emergence", "forecast", "--table", holes.toString(), "--threshold", "1",
                "--random-guess", "0.25", "--out", tmp.resolve("p.csv").toString(), "--summary", tmp.resolve("s.csv").toString());
        // 21 rows: microsoft/phi-2 is excluded by name (not counted), the fixture's org/model-07 has no acc either
        assertEquals(22, lines.size());
        assertEquals("warning: " + holes + ": 3 of 20 models left out of the forecast: 1 without"
                + " FLOPs > 0 (e.g. a step0), 2 without acc or a value in '0_10_brier' or '20_30_brier' (the paper's protocol)",
                err.strip());
    }

    /** A negative or infinite compute is a typo, not a step0: an error naming file, line and value, not a model dropped unseen. */
    @ParameterizedTest
    @ValueSource(strings = {"-3.5", "Infinity"})
    void negativeOrInfiniteFlopsExit2NamingFileLineAndValue(String flops) throws Exception {
        Path bad = tmp.resolve("bad_flops.csv");
        List<String> lines = new java.util.ArrayList<>(Files.readAllLines(Fixtures.resource("forecast_tiny.csv")));
        lines.set(3, lines.get(3).replaceFirst("^(org/model-02,toy,)[^,]*,", "$1" + flops + ","));
        Files.write(bad, lines);
        for (String[] command : new String[][] {{"emergence", "forecast", "--summary", tmp.resolve("s.csv").toString()},
                {"plot", "emergence", "--easy-degree", "3", "--illustration-degree", "3"}}) {
            List<String> args = new java.util.ArrayList<>(List.of(command));
            args.addAll(List.of("--table", bad.toString(), "--threshold", "1", "--random-guess", "0.25",
                    "--out", tmp.resolve(command[0]).toString()));
            String err = runExpecting(2, args.toArray(String[]::new));
            assertEquals("error: " + bad + ": line 4, column 'FLOPs (1E21)': expected a non-negative finite number, got '"
                    + flops + "' (model org/model-02)", err.strip());
        }
    }

    @Test
    void impossibleOptionsExit2NamingTheOption() {
        String table = Fixtures.resource("forecast_tiny.csv").toString(), p = tmp.resolve("p.csv").toString(),
                s = tmp.resolve("s.csv").toString();
        assertTrue(runExpecting(2, "emergence", "forecast", "--table", table, "--threshold", "1", "--random-guess", "0.25",
                "--easy-degree", "0", "--out", p, "--summary", s).contains("--easy-degree"));
        assertTrue(runExpecting(2, "emergence", "forecast", "--table", table, "--threshold", "1", "--random-guess", "1.5",
                "--out", p, "--summary", s).contains("--random-guess"));
        assertTrue(runExpecting(2, "emergence", "forecast", "--table", table, "--threshold", "NaN", "--random-guess", "0.25",
                "--out", p, "--summary", s).contains("--threshold"));
        assertTrue(runExpecting(2, "plot", "emergence", "--table", table, "--threshold", "1", "--random-guess", "0.25",
                "--hard-degree", "-1", "--out", tmp.toString()).contains("--hard-degree"));
        assertTrue(runExpecting(2, "emergence", "groups", "--scores", Fixtures.resource("scores_small.csv").toString(),
                "--threshold", "NaN", "--groups", "3", "--out", p).contains("--threshold"));
    }

    @Test
    void outputThatIsADirectoryExits2() throws Exception {
        Path dir = Files.createDirectory(tmp.resolve("pred.csv"));
        String err = runExpecting(2, "emergence", "forecast", "--table", Fixtures.resource("forecast_tiny.csv").toString(),
                "--threshold", "1", "--random-guess", "0.25", "--out", dir.toString(), "--summary", tmp.resolve("s.csv").toString());
        assertTrue(err.contains(dir + ": is a directory"), err);
    }

    private static String runExpecting(int code, String... args) {
        PrintStream old = System.err;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setErr(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            assertEquals(code, Main.run(args));
        } finally {
            System.setErr(old);
        }
        return buf.toString(StandardCharsets.UTF_8);
    }

    private static Table.Builder builderOf(Table t) {
        Table.Builder b = new Table.Builder(t.columns());
        for (int r = 0; r < t.size(); r++) {
            Object[] row = new Object[t.columns().size()];
            for (int c = 0; c < row.length; c++) {
                String s = t.string(r, c);
                row[c] = c < 2 ? s : (Object) t.number(r, c);
            }
            b.add(row);
        }
        return b;
    }

}
