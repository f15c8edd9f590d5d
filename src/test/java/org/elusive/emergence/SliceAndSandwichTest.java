package org.elusive.emergence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.elusive.emergence.GroupColumns.ModelPoint;
import org.elusive.emergence.SliceAndSandwich.Prediction;
import org.elusive.emergence.SliceAndSandwich.Result;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The forecast on a committed 20-model table against fit_cluster.py re-run in Python, plus invariants. */
class SliceAndSandwichTest {

    @ParameterizedTest
    @ValueSource(strings = {"default", "hard_lift", "clip", "e3h2"})
    void matchesThePapersCodeOnTinyTable(String variant) {
        Table table = TableFiles.read(Fixtures.resource("forecast_tiny.csv"));
        List<String> groups = GroupColumns.groups(table);
        assertEquals(List.of("0_10_brier", "10_20_brier", "20_30_brier"), groups);
        List<ModelPoint> points = GroupColumns.points(table, List.of(groups.get(0), groups.get(2)),
                Set.copyOf(PaperModels.EXCLUDED));
        ForecastOptions o = switch (variant) {
            case "hard_lift" -> new ForecastOptions(1.0, 0.25, 5, 2, true, false, true);
            case "clip" -> new ForecastOptions(1.0, 0.25, 5, 2, false, true, true);
            case "e3h2" -> ForecastOptions.paper(1.0, 0.25).withDegrees(3, 2);
            default -> ForecastOptions.paper(1.0, 0.25);
        };
        Result r = SliceAndSandwich.forecast(points, 0, 1, o);
        Table expected = TableFiles.read(Fixtures.resource("forecast_tiny_expected.csv"));
        int checked = compare(expected, variant, r);
        assertEquals(18, checked); // 20 models minus phi-2 (excluded) and one without acc
    }

    static int compare(Table expected, String variant, Result r) {
        Map<String, Prediction> byModel = new HashMap<>();
        for (Prediction p : r.predictions()) byModel.put(p.model(), p);
        int cVariant = expected.require("variant", ""), cModel = expected.require("model", "");
        int checked = 0;
        for (int i = 0; i < expected.size(); i++) {
            if (!expected.string(i, cVariant).equals(variant)) continue;
            Prediction p = byModel.get(expected.string(i, cModel));
            assertTrue(p != null, "no prediction for " + expected.string(i, cModel));
            assertClose(expected, i, "acc_pred", p.accPred());
            assertClose(expected, i, "acc_base_pred", p.accBasePred());
            assertClose(expected, i, "brier_pred", p.brierPred());
            if (expected.has("mse")) {
                assertClose(expected, i, "mse", r.mse());
                assertClose(expected, i, "baseline_mse", r.baselineMse());
                assertEquals((int) expected.number(i, expected.require("train_models", "")), r.trainModels());
                assertEquals((int) expected.number(i, expected.require("test_models", "")), r.testModels());
            }
            checked++;
        }
        assertEquals(byModel.size(), checked, "models predicted but not in the fixture");
        return checked;
    }

    static void assertClose(Table expected, int row, String column, double got) {
        double want = expected.number(row, expected.require(column, ""));
        assertTrue(Fixtures.close(got, want, 1e-6), column + " of " + expected.string(row, 1) + ": " + got + " vs " + want);
    }

    @Test
    void recoversExactPolynomialLaws() {
        // easy and hard exactly polynomial in x, brier exactly linear in acc: every prediction is exact
        List<ModelPoint> points = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            double x = -1 + i * 0.15;
            double easy = 0.5 - 0.02 * x + 0.03 * x * x - 0.01 * Math.pow(x, 3) + 0.002 * Math.pow(x, 5);
            double hard = 0.7 + 0.05 * x - 0.02 * x * x;
            double brier = (easy + hard) / 2;
            double acc = (-brier + 0.9) / 1.4; // -brier = a + b·acc with a = -0.9, b = 1.4
            points.add(new ModelPoint("m" + i, Math.pow(10, x), acc, brier, new double[] {easy, hard}));
        }
        Result r = SliceAndSandwich.forecast(points, 0, 1, ForecastOptions.paper(1.2, 0.25));
        assertEquals(15, r.trainModels());
        assertEquals(9, r.testModels());
        assertEquals(-0.9, r.accToBrier()[0], 1e-9);
        assertEquals(1.4, r.accToBrier()[1], 1e-9);
        assertEquals(0.0, r.accShift(), 1e-9);
        assertEquals(0.0, r.mse(), 1e-12);
        for (Prediction p : r.predictions()) {
            assertEquals(p.acc(), p.accPred(), 1e-8, p.model());
            assertEquals(p.acc(), r.accLaw(p.x()), 1e-8, p.model());
        }
        assertTrue(r.baselineMse() > 1e-4, "a sigmoid cannot follow this law: " + r.baselineMse());
    }

    @Test
    void inverseSigmoidClampsAsThePaper() {
        assertEquals(Math.log(1e-6 / (1 + 1e-6)), SliceAndSandwich.inverseSigmoid(-0.1), 1e-15);
        assertEquals(Math.log((1 + 1e-6) / 1e-6), SliceAndSandwich.inverseSigmoid(1.3), 1e-12);
        assertEquals(0.0, SliceAndSandwich.inverseSigmoid(0.5), 1e-15);
    }
}
