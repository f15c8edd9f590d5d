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
            CliRun r = run("sloth", "backtest", "--data", bad.toString(), "--benchmarks", "B1,B2", "--skills", "1", "--out", tmp.resolve("o").toString());
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
                "--skills", "3", "--out", tmp.toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("--skills 3"), r.err());
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
    }

    @Test void backtestWritesErrorsSummaryAndFigures() throws IOException {
        Path out = tmp.resolve("bt");
        CliRun r = run("sloth", "backtest", "--data", SlothFixtureTest.resource("synthetic.csv").toString(), "--benchmarks", "B1,B2,B3,B4",
                "--min-models", "2", "--skills", "2", "--max-epochs", "200", "--lrs", "0.1", "--format", "csv", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        List<String> errors = Files.readAllLines(out.resolve("errors.csv"));
        assertEquals("method,family,model,benchmark,predicted,actual,abs_error", errors.get(0));
        // min_models 2: every family but its smallest model is predicted, 21 − 6 = 15 models × 4 benchmarks × 5 methods
        assertEquals(1 + 15 * 4 * 5, errors.size());
        List<String> summary = Files.readAllLines(out.resolve("summary.csv"));
        assertEquals("method,benchmark,mae,n_families,n_predictions", summary.get(0));
        assertTrue(summary.stream().anyMatch(l -> l.startsWith("sloth_monotone,all,")), summary.toString());
        for (String ext : List.of("png", "svg")) assertTrue(Files.size(out.resolve("pred_vs_actual_B1." + ext)) > 1000, ext);
    }
}
