package org.elusive.sloth;

import static org.elusive.CliRun.run;
import org.elusive.CliRun;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code elusive sloth fit|backtest} end to end on the synthetic fixture, and its bad-input errors. */
class SlothCliTest {
    @TempDir Path tmp;

    private Path variant(String name, UnaryOperator<String> header) throws IOException {
        List<String> lines = Files.readAllLines(SlothFixtureTest.resource("synthetic.csv"));
        lines.set(0, header.apply(lines.get(0)));
        Path p = tmp.resolve(name);
        Files.write(p, lines);
        return p;
    }

    @Test void malformedTablesExitTwoNamingFileAndColumn() throws IOException {
        for (String col : List.of("FLOPs (1E21)", "#Params (B)", "Pretraining Data Size (T)")) {
            Path bad = variant("no-col.csv", h -> h.replace("," + col + ",", ",renamed,"));
            CliRun r = run("sloth", "backtest", "--data", bad.toString(), "--benchmarks", "B1,B2", "--out", tmp.resolve("o").toString());
            assertEquals(2, r.code(), r.err());
            assertTrue(r.err().contains("no-col.csv") && r.err().contains("'" + col + "'"), r.err());
        }
        CliRun r = run("sloth", "fit", "--data", SlothFixtureTest.resource("synthetic.csv").toString(), "--benchmarks", "B1,Nope",
                "--skills", "1", "--out", tmp.resolve("o").toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("synthetic.csv") && r.err().contains("unknown benchmark column 'Nope'"), r.err());
        r = run("sloth", "backtest", "--data", tmp.resolve("absent.csv").toString(), "--benchmarks", "v1", "--out", tmp.toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("absent.csv"), r.err());
        r = run("sloth", "backtest", "--data", SlothFixtureTest.resource("synthetic.csv").toString(), "--benchmarks", "B1,B2",
                "--methods", "factor_sigmoid_d=3", "--holdout", "family", "--out", tmp.toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("--methods factor_sigmoid_d=3: d = 3 skills exceed the 2 benchmarks"), r.err());
        r = run("sloth", "backtest", "--data", SlothFixtureTest.resource("synthetic.csv").toString(), "--benchmarks", "B1,B2",
                "--methods", "factor_sigmoid_d=1,factor_relu_d=1", "--holdout", "family", "--out", tmp.toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("unknown method 'factor_relu_d=1'"), r.err());
        // the paper's held-out groups are defined for its benchmark sets only
        r = run("sloth", "backtest", "--data", SlothFixtureTest.resource("synthetic.csv").toString(), "--benchmarks", "B1,B2",
                "--methods", "pca_d=1", "--out", tmp.toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("--holdout paper: the paper's held-out groups exist for --benchmarks v1, v2 or all"), r.err());
    }

    @Test void fitWritesParametersSkillsAndLoadings() throws IOException {
        Path out = tmp.resolve("fit");
        CliRun r = run("sloth", "fit", "--data", SlothFixtureTest.resource("synthetic.csv").toString(), "--benchmarks", "B1,B2,B3,B4",
                "--skills", "2", "--link", "sigmoid", "--max-epochs", "300", "--format", "csv", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        List<String> skills = Files.readAllLines(out.resolve("skills.csv"));
        assertEquals("model,family,params_b,tokens_t,skill_1,skill_2", skills.get(0));
        assertEquals(22, skills.size());
        List<String> loadings = Files.readAllLines(out.resolve("loadings.csv"));
        assertEquals("benchmark,skill_1,skill_2,bias,floor", loadings.get(0));
        String[] b1 = loadings.get(1).split(",");
        assertEquals("B1", b1[0]);
        // the paper's logit guard (1e-5) moves a fixed floor of 0.25 by 5e-6
        assertEquals(0.25, Double.parseDouble(b1[4]), 1e-5);
        String json = Files.readString(out.resolve("params.json"));
        assertTrue(json.contains("\"W_X\"") && json.contains("\"families\"") && json.contains("\"link\" : \"sigmoid\""), json);
        assertEquals(1 + 21 * 4, Files.readAllLines(out.resolve("fitted.csv")).size());
        // the link figure's points: the sigmoid here, so g(z) = 1 / (1 + e^−z), and the score c + (1 − c)·g with B1's floor
        List<String> links = Files.readAllLines(out.resolve("links.csv"));
        assertEquals("benchmark,z,link,score", links.get(0));
        assertEquals(1 + 4 * 121, links.size());
        String[] mid = links.get(1 + 60).split(",");
        assertEquals("B1", mid[0]);
        assertEquals(0.0, Double.parseDouble(mid[1]), 1e-12);
        assertEquals(0.5, Double.parseDouble(mid[2]), 1e-15);
        assertEquals(Double.parseDouble(b1[4]) + (1 - Double.parseDouble(b1[4])) * 0.5, Double.parseDouble(mid[3]), 1e-12);
        for (String ext : List.of("png", "svg")) assertTrue(Files.size(out.resolve("links." + ext)) > 1000, ext);
    }

    @Test void backtestWritesErrorsSummaryAndFigures() throws IOException {
        Path out = tmp.resolve("bt");
        CliRun r = run("sloth", "backtest", "--data", SlothFixtureTest.resource("synthetic.csv").toString(), "--benchmarks", "B1,B2,B3,B4",
                "--min-models", "2", "--methods", FIVE, "--holdout", "family", "--max-epochs", "200", "--lrs", "0.1", "--format", "csv",
                "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        List<String> errors = Files.readAllLines(out.resolve("errors.csv"));
        assertEquals("method,family,model,benchmark,predicted,actual,abs_error", errors.get(0));
        // min_models 2: every family but its smallest model is predicted, 21 − 6 = 15 models × 4 benchmarks × 5 methods
        assertEquals(1 + 15 * 4 * 5, errors.size());
        List<String> summary = Files.readAllLines(out.resolve("summary.csv"));
        assertEquals("method,benchmark,mae_pooled,mae_family_avg,n_groups,n_predictions", summary.get(0));
        // every method, pooled and per benchmark
        assertEquals(1 + 5 * 5, summary.size());
        assertTrue(summary.stream().anyMatch(l -> l.startsWith("factor_trainlink_faminter_d=2,all,") && l.endsWith(",6,60")), summary.toString());
        for (String ext : List.of("png", "svg")) {
            assertTrue(Files.size(out.resolve("pred_vs_actual_B1." + ext)) > 1000, ext);
            assertTrue(Files.size(out.resolve("errors_heatmap." + ext)) > 1000, ext);
        }
        // the heatmap's cells are the summary's family-averaged MAE, method × benchmark
        List<String> heat = Files.readAllLines(out.resolve("errors_heatmap.csv"));
        assertEquals("method,benchmark,mae_family_avg", heat.get(0));
        assertEquals(summary.size(), heat.size());
        for (int i = 1; i < heat.size(); i++) {
            String[] h = heat.get(i).split(","), sm = summary.get(i).split(",");
            assertEquals(List.of(sm[0], sm[1], sm[3]), List.of(h));
        }
    }

    static final String FIVE = "factor_sigmoid_faminter_d=2,factor_trainlink_faminter_d=2,logF_sigmoid,logF_trainlink_faminter,pca_d=2";

    /** The fixture with the cell of {@code model} in {@code column} set to {@code value}. */
    private Path withCell(String name, String model, String column, String value) throws IOException {
        List<String> lines = Files.readAllLines(SlothFixtureTest.resource("synthetic.csv"));
        int col = List.of(lines.get(0).split(",", -1)).indexOf(column);
        for (int i = 1; i < lines.size(); i++) {
            String[] cells = lines.get(i).split(",", -1);
            if (cells[1].equals(model)) {
                cells[col] = value;
                lines.set(i, String.join(",", cells));
            }
        }
        Path p = tmp.resolve(name);
        Files.write(p, lines);
        return p;
    }

    @Test void aCellThatIsNotANumberIsAnErrorNamingFileRowModelColumnAndValue() throws IOException {
        // row 3 of the file (header = row 1) is alpha-0.4b; before, "n/a" was read as missing and the model dropped
        Path bad = withCell("bad-cell.csv", "alpha-0.4b", "B2", "n/a");
        CliRun r = run("sloth", "fit", "--data", bad.toString(), "--benchmarks", "B1,B2", "--skills", "1", "--out", tmp.resolve("o").toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("bad-cell.csv: row 3 (model 'alpha-0.4b'), column 'B2': 'n/a' is not a number"), r.err());
        bad = withCell("bad-flops.csv", "beta-0.5b", "FLOPs (1E21)", "1e21x");
        r = run("sloth", "backtest", "--data", bad.toString(), "--benchmarks", "B1", "--out", tmp.resolve("o").toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("bad-flops.csv: row 7 (model 'beta-0.5b'), column 'FLOPs (1E21)': '1e21x' is not a number"), r.err());
        // a column that is not read as a number may hold text: B3 is not among the benchmarks
        Path other = withCell("other-col.csv", "alpha-0.4b", "B3", "n/a");
        r = run("sloth", "fit", "--data", other.toString(), "--benchmarks", "B1,B2", "--skills", "1", "--max-epochs", "5",
                "--format", "csv", "--out", tmp.resolve("o2").toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(!r.err().contains("warning"), r.err());
    }

    @Test void rowsTheProtocolDropsAreCountedInAWarning() throws IOException {
        // eps has two models; without eps-'s B1 one is incomplete and the other alone in its family (min-models 3)
        String eps = Files.readAllLines(SlothFixtureTest.resource("synthetic.csv")).stream()
                .filter(l -> l.endsWith(",eps")).findFirst().orElseThrow().split(",")[1];
        Path holes = withCell("holes.csv", eps, "B1", "");
        CliRun r = run("sloth", "backtest", "--data", holes.toString(), "--benchmarks", "B1,B2", "--min-models", "3", "--methods", FIVE.replace("d=2", "d=1"),
                "--holdout", "family", "--max-epochs", "5", "--lrs", "0.1", "--format", "csv", "--out", tmp.resolve("bt").toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("warning: " + holes + ": kept 19 of 21 rows; dropped 1 without params, tokens, FLOPs (each > 0)"
                + " or a value for every benchmark, and 1 of families with fewer than 3 such rows (the paper's protocol)"), r.err());
        // min-models 3 keeps each family's 2 smallest in training: alpha 3 + beta 2 + delta 1 + gamma 2 + gamma-chat 1
        // models predicted × 2 benchmarks × 5 methods
        assertEquals(1 + 9 * 2 * 5, Files.readAllLines(tmp.resolve("bt").resolve("errors.csv")).size());
    }
}
