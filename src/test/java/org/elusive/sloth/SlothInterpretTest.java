package org.elusive.sloth;

import static org.elusive.CliRun.run;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.elusive.CliRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sloth interpret} against the numpy reference (scripts/reference/sloth_interpret_reference.py,
 * the paper's {@code Sloth.interpret} with factor_analyzer's geomin GPA written out) on a d = 3
 * sigmoid fit of the paper's data (src/test/resources/sloth/interpret: params.json, skills.csv),
 * and the invariants that make it an interpretation: the same predictions, white then unit-variance
 * skills, a lower geomin criterion, anchored signs.
 */
class SlothInterpretTest {
    /** 501 GPA updates through Commons Math here and LAPACK there: they agree to 2e-14 (measured); 1e-9 is asserted. */
    static final double TOL = 1e-9;
    @TempDir Path tmp;

    static JsonNode expected() throws IOException {
        return new ObjectMapper().readTree(SlothFixtureTest.resource("interpret/expected.json").toFile());
    }

    static Interpretation paperFit(Interpretation.Rotation r) {
        return Interpretation.of(FitOutput.read(SlothFixtureTest.resource("interpret")), r, "logS");
    }

    static void assertMatrix(JsonNode want, double[][] got, double tol, String what) {
        assertEquals(want.size(), got.length, what);
        for (int i = 0; i < got.length; i++) {
            assertEquals(want.get(i).size(), got[i].length, what);
            for (int j = 0; j < got[i].length; j++) assertEquals(want.get(i).get(j).asDouble(), got[i][j], tol, what + "[" + i + "][" + j + "]");
        }
    }

    static double[] vector(JsonNode v) {
        double[] out = new double[v.size()];
        for (int i = 0; i < out.length; i++) out[i] = v.get(i).asDouble();
        return out;
    }

    @Test void geominRotationEqualsTheReference() throws IOException {
        JsonNode g = expected().get("geomin");
        double[][] a = new double[g.get("A").size()][];
        for (int i = 0; i < a.length; i++) a[i] = vector(g.get("A").get(i));
        Geomin.Result r = Geomin.rotate(a);
        assertEquals(g.get("updates").asInt(), r.updates());
        assertEquals(g.get("criterion_start").asDouble(), r.start(), 1e-12);
        assertEquals(g.get("criterion").asDouble(), r.criterion(), TOL);
        assertMatrix(g.get("rotation"), r.rotation(), TOL, "T");
        assertMatrix(g.get("loadings"), r.loadings(), TOL, "A T^-T");
        // the rotation's columns have unit length (skills keep unit variance), and it lowered the criterion
        for (int j = 0; j < 4; j++) {
            double norm = 0;
            for (double[] row : r.rotation()) norm += row[j] * row[j];
            assertEquals(1, norm, 1e-12);
        }
        assertTrue(r.criterion() < r.start() - 0.5, r.start() + " → " + r.criterion());
        assertEquals(Geomin.criterion(r.loadings()), r.criterion(), 1e-12);
    }

    @Test void interpretationOfThePaperFitEqualsTheReference() throws IOException {
        JsonNode want = expected().get("fit");
        Interpretation in = paperFit(Interpretation.Rotation.GEOMIN);
        assertEquals(want.get("updates").asInt(), in.geomin().updates());
        assertEquals(want.get("criterion_start").asDouble(), in.geomin().start(), 1e-9);
        assertEquals(want.get("criterion").asDouble(), in.geomin().criterion(), TOL);
        assertArrayEquals(vector(want.get("signs")), in.signs());
        assertMatrix(want.get("whitening"), in.whitening(), 1e-10, "whitening");
        assertMatrix(want.get("rotation"), in.geomin().rotation(), TOL, "rotation");
        assertMatrix(want.get("transform"), in.transform(), TOL, "transform");
        assertMatrix(want.get("loadings"), in.loadings(), TOL, "loadings");
        assertMatrix(want.get("B"), in.map(), TOL, "map");
        assertMatrix(want.get("skills"), in.skills(), TOL, "skills");
        assertMatrix(want.get("skill_correlation"), in.correlation(), TOL, "correlation");
        assertArrayEquals(vector(want.get("bias")), in.bias(), 1e-10);
        // the numbers of the reference at a glance: GSM8K and MATH load on skill 3, IFEval on skill 2
        assertEquals(3.4125, in.loadings()[2][5], 5e-5);
        assertEquals(0.6151, in.loadings()[1][6], 5e-5);
        assertEquals(0.6105, in.correlation()[0][2], 5e-5);
    }

    @Test void rotatedModelPredictsWhatTheFitPredicts() {
        for (Interpretation.Rotation r : Interpretation.Rotation.values()) {
            Interpretation in = paperFit(r);
            FitOutput fit = in.fit();
            int n = fit.skills().length, k = fit.k(), nb = fit.benchmarks().size();
            // Z·Λ_rot + b_rot = θ·Λ + b for every model and benchmark
            for (int i = 0; i < n; i++)
                for (int j = 0; j < nb; j++) {
                    double before = fit.bias()[j], after = in.bias()[j];
                    for (int s = 0; s < k; s++) {
                        before += fit.skills()[i][s] * fit.loadings()[s][j];
                        after += in.skills()[i][s] * in.loadings()[s][j];
                    }
                    assertEquals(before, after, 1e-9, r + " model " + i + " benchmark " + j);
                }
            // the skills' map times the loadings is unchanged: [W_X; W_D]·M · M⁻¹·Λ = [W_X; W_D]·Λ
            double[][] w = new double[fit.mapRows().size()][];
            for (int m = 0; m < w.length; m++) w[m] = m < fit.features().size() ? fit.wX()[m] : fit.wD()[m - fit.features().size()];
            double[][] before = Matrices.multiply(w, fit.loadings()), after = Matrices.multiply(in.map(), in.loadings());
            for (int m = 0; m < w.length; m++) assertArrayEquals(before[m], after[m], 1e-9, r + " row " + fit.mapRows().get(m));
            // skills are centred with unit variance; the anchor's weights are positive
            double[] mu = Matrices.columnMeans(in.skills());
            for (int s = 0; s < k; s++) {
                assertEquals(0, mu[s], 1e-12);
                assertEquals(1, in.correlation()[s][s], 1e-12);
                assertTrue(in.map()[fit.features().indexOf("logS")][s] > 0, r + " skill " + s);
            }
        }
    }

    @Test void whiteningGivesIdentityCovarianceAndNoneKeepsIt() {
        Interpretation in = paperFit(Interpretation.Rotation.NONE);
        double[][] centred = in.fit().skills().clone();
        double[] mu = Matrices.columnMeans(centred);
        for (int i = 0; i < centred.length; i++) {
            centred[i] = centred[i].clone();
            for (int s = 0; s < mu.length; s++) centred[i][s] -= mu[s];
        }
        double[][] cov = Matrices.covariance(Matrices.multiply(centred, in.whitening()));
        for (int a = 0; a < cov.length; a++) assertArrayEquals(Matrices.identity(cov.length)[a], cov[a], 1e-12);
        // without a rotation the skills are the whitened ones (up to the anchored signs): uncorrelated
        for (int a = 0; a < cov.length; a++) assertArrayEquals(Matrices.identity(cov.length)[a], in.correlation()[a], 1e-12);
        assertEquals(0, in.geomin().updates());
        // the geomin rotation finds a sparser structure than the whitened loadings: a lower criterion
        Interpretation rotated = paperFit(Interpretation.Rotation.GEOMIN);
        assertEquals(in.geomin().criterion(), rotated.geomin().start(), 1e-12);
        assertTrue(rotated.geomin().criterion() < in.geomin().criterion() / 3, rotated.geomin().criterion() + " vs " + in.geomin().criterion());
    }

    @Test void levelCurvesLieOnTheirLevelInsideTheBox() {
        LevelCurves.Skill f = new LevelCurves.Skill(0.7, -0.3, 0.4);
        List<LevelCurves.Curve> curves = LevelCurves.curves(f, -0.8, 1.9, -0.8, 1.2);
        assertTrue(curves.size() >= 5, "curves: " + curves.size());
        // simplified: far fewer vertices than the 2 × 200 solved for, and every chord's midpoint still on its
        // level to within what 5e-4 of the box is worth in f (|∇f| ≤ 1.5 here: 2e-3)
        assertTrue(curves.stream().allMatch(c -> c.u().length < 100), "vertices");
        for (LevelCurves.Curve c : curves)
            for (int p = 1; p < c.u().length; p++)
                assertEquals(c.level(), f.value((c.u()[p - 1] + c.u()[p]) / 2, (c.v()[p - 1] + c.v()[p]) / 2), 2e-3);
        for (LevelCurves.Curve c : curves)
            for (int p = 0; p < c.u().length; p++) {
                assertEquals(c.level(), f.value(c.u()[p], c.v()[p]), 1e-9);
                assertTrue(c.u()[p] >= -0.8 && c.u()[p] <= 1.9 && c.v()[p] >= -0.8 && c.v()[p] <= 1.2);
                if (p > 0) assertTrue(c.u()[p] >= c.u()[p - 1]);
            }
        // matplotlib's choice for levels=15 over [-0.53, 1.07]: a step of 0.1, levels strictly inside
        List<Double> levels = LevelCurves.levels(-0.53, 1.07);
        assertEquals(16, levels.size());
        assertEquals(-0.5, levels.get(0), 1e-12);
        assertEquals(1.0, levels.get(15), 1e-12);
        // ln to log10: a weight w on ln S is w·ln 10 on log10 S
        assertEquals(Math.log(10), LevelCurves.Skill.ofNatural(0, 1, 0).a(), 1e-15);
        assertEquals(Math.log(10) * Math.log(10), LevelCurves.Skill.ofNatural(0, 0, 1).c(), 1e-15);
    }

    @Test void cliWritesTablesAndFiguresAndRejectsBadInput() throws IOException {
        Path out = tmp.resolve("interpret");
        CliRun r = run("sloth", "interpret", "--fit", SlothFixtureTest.resource("interpret").toString(), "--format", "csv", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        for (String f : List.of("rotated_loadings.csv", "rotated_skills.csv", "rotated_map.csv", "rotation.csv", "interpret.json",
                "loadings_heatmap.png", "loadings_heatmap.svg", "loadings_heatmap.csv", "skill_correlation.png", "skill_correlation.csv",
                "level_curves_skill_1.png", "level_curves_skill_3.svg", "level_curves.csv"))
            assertTrue(Files.isRegularFile(out.resolve(f)), f);
        List<String> loadings = Files.readAllLines(out.resolve("rotated_loadings.csv"));
        assertEquals("benchmark,skill_1,skill_2,skill_3,bias", loadings.get(0));
        String[] gsm = loadings.get(6).split(",");
        assertEquals("GSM8K", gsm[0]);
        assertEquals(expected().get("fit").get("loadings").get(2).get(5).asDouble(), Double.parseDouble(gsm[3]), TOL);
        // the heatmap's CSV holds the 3 × 12 cells drawn, the correlation's the 3 × 3
        assertEquals(1 + 36, Files.readAllLines(out.resolve("loadings_heatmap.csv")).size());
        assertEquals(1 + 9, Files.readAllLines(out.resolve("skill_correlation.csv")).size());
        assertEquals(80, Files.readAllLines(out.resolve("rotated_skills.csv")).size());

        r = run("sloth", "interpret", "--fit", tmp.resolve("nothing").toString(), "--out", out.toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("nothing/params.json: not found"), r.err());
        r = run("sloth", "interpret", "--fit", SlothFixtureTest.resource("interpret").toString(), "--anchor", "logX", "--out", out.toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("--anchor logX: expected a feature or family"), r.err());
        Path broken = tmp.resolve("broken");
        Files.createDirectories(broken);
        Files.copy(SlothFixtureTest.resource("interpret/params.json"), broken.resolve("params.json"));
        Files.writeString(broken.resolve("skills.csv"), "model,family,params_b,tokens_t,skill_1,skill_2\na,b,1,1,0,0\n");
        r = run("sloth", "interpret", "--fit", broken.toString(), "--out", out.toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("skills.csv: missing column 'skill_3'"), r.err());
        // skill 3 a copy of skill 1: nothing to whiten
        List<String> rows = new java.util.ArrayList<>(Files.readAllLines(SlothFixtureTest.resource("interpret/skills.csv")));
        for (int i = 1; i < rows.size(); i++) {
            String[] c = rows.get(i).split(",");
            c[6] = c[4];
            rows.set(i, String.join(",", c));
        }
        Files.write(broken.resolve("skills.csv"), rows);
        r = run("sloth", "interpret", "--fit", broken.toString(), "--out", out.toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("the skills' covariance is singular (skill 3 is a combination of the others)"), r.err());
    }

    /** The documented flow on the paper's data: the notebook's fit (d = 3, sigmoid, all 12 benchmarks), then interpret. */
    @Test void paperDataFitThenInterpretFindsThePapersSkills() throws IOException {
        Path data = SlothSharedDataTest.data();
        Path fit = tmp.resolve("fit"), out = tmp.resolve("interpret");
        CliRun r = run("sloth", "fit", "--data", data.toString(), "--benchmarks", "all", "--skills", "3", "--link", "sigmoid",
                "--format", "csv", "--out", fit.toString());
        assertEquals(0, r.code(), r.err());
        r = run("sloth", "interpret", "--fit", fit.toString(), "--format", "csv", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        Interpretation in = Interpretation.of(FitOutput.read(fit), Interpretation.Rotation.GEOMIN, "logS");
        List<String> b = in.fit().benchmarks();
        // the paper's reading (its loadings figure): GSM8K and MATH share a reasoning skill, IFEval loads
        // on another one (instruction following)
        int gsm = argmax(in.loadings(), b.indexOf("GSM8K")), math = argmax(in.loadings(), b.indexOf("MATH Lvl 5"));
        int ifeval = argmax(in.loadings(), b.indexOf("IFEval"));
        assertEquals(gsm, math);
        assertTrue(ifeval != gsm, "IFEval on the reasoning skill");
        for (int s = 0; s < 3; s++) assertEquals(1, in.correlation()[s][s], 1e-12);
        assertTrue(in.geomin().criterion() < in.geomin().start());
    }

    private static int argmax(double[][] loadings, int benchmark) {
        int best = 0;
        for (int s = 1; s < loadings.length; s++) if (loadings[s][benchmark] > loadings[best][benchmark]) best = s;
        return best;
    }
}
