package org.elusive.correlate;

import static org.elusive.Golden.assertClose;
import static org.elusive.Golden.close;
import static org.elusive.Golden.resource;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.elusive.rows.CorrelationRow;
import org.elusive.rows.CorrelationSummaryRow;
import org.elusive.rows.ScoreRow;
import org.elusive.store.TableReader;
import org.elusive.store.Tables;
import org.elusive.transform.Score;
import org.elusive.transform.Scores;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Correlations, p-values and summaries against scipy.stats / pandas (make_engine_fixture.py), per family,
 * a doc correlated over the checkpoints that have it ({@code --drop-missing}, as that fixture computes it);
 * the summary's pandas-convention columns (std ddof 1, adjusted skew and kurtosis, exact survival area).
 */
class CorrelationsGoldenTest {
    static List<CorrelationRow> actual;

    @BeforeAll
    static void compute() {
        List<Score> stored = Arrays.stream(Score.values()).filter(s -> s.sourceColumn().equals(s.column())).toList();
        List<ScoreRow> rows = Scores.compute(Tables.readChoices(resource("engine/choices.csv")));
        actual = Correlations.compute(rows, ScalingSets.byFamily(ScalingSets.families(rows)), Method.ALL, stored, true);
    }

    static String key(CorrelationRow r) {
        return r.family() + "/" + r.task() + "/" + r.docId() + "/" + r.score() + "/" + r.method();
    }

    @Test
    void everyCorrelationAndPValueEqualsScipy() {
        List<CorrelationRow> expected = Tables.readCorrelations(resource("engine/correlations.csv"));
        assertEquals(expected.size(), actual.size());
        Map<String, CorrelationRow> byKey = new HashMap<>();
        for (CorrelationRow r : actual) byKey.put(key(r), r);
        int nan = 0, exactKendall = 0;
        List<String> bad = new ArrayList<>();
        for (CorrelationRow e : expected) {
            CorrelationRow a = byKey.get(key(e));
            assertNotNull(a, key(e));
            assertEquals(e.nModels(), a.nModels(), key(e));
            if (!close(a.correlation(), e.correlation()) || !closePValue(a.pValue(), e.pValue())) {
                bad.add(key(e) + " n=" + e.nModels() + ": expected " + e.correlation() + " p " + e.pValue()
                        + " but was " + a.correlation() + " p " + a.pValue());
            }
            if (Double.isNaN(e.correlation())) nan++;
            if (e.method().equals("kendall") && e.nModels() > 33 && e.pValue() < 1e-40) exactKendall++;
        }
        assertTrue(bad.isEmpty(), bad.size() + " mismatches:\n" + String.join("\n", bad.subList(0, Math.min(20, bad.size()))));
        assertTrue(nan > 100, "the fixture exercises constant vectors");
        assertTrue(exactKendall > 0, "the fixture exercises Kendall's exact p-value beyond n = 33");
    }

    /**
     * p-values relative to 1e-9 however small they are (exact Kendall p-values reach 1e-48 here);
     * only where scipy's is exactly 0 (a perfect correlation) is an absolute 1e-12 allowed.
     */
    static boolean closePValue(double actual, double expected) {
        if (expected == 0) return Math.abs(actual) <= 1e-12;
        if (Double.isNaN(expected)) return Double.isNaN(actual);
        return Math.abs(actual - expected) <= 1e-9 * Math.abs(expected);
    }

    @Test
    void summariesEqualPandas() {
        Map<List<String>, CorrelationSummaryRow> byKey = Summaries.of(actual).stream()
                .collect(Collectors.toMap(r -> List.of(r.family(), r.task(), r.score(), r.method()), r -> r));
        int[] rows = {0};
        try (TableReader t = TableReader.open(resource("engine/summary.csv"))) {
            t.scan(List.of("family", "task", "score", "method", "n", "n_nan", "mean", "median", "std", "skew", "kurtosis",
                    "survival_area"), e -> {
                List<String> k = List.of(e.str(0), e.str(1), e.str(2), e.str(3));
                CorrelationSummaryRow a = byKey.get(k);
                assertNotNull(a, k.toString());
                assertEquals(e.i64(4), a.n(), k.toString());
                assertEquals(e.i64(5), a.nNan(), k.toString());
                assertClose(e.f64OrNaN(6), a.mean(), k + " mean");
                assertClose(e.f64OrNaN(7), a.median(), k + " median");
                assertClose(e.f64OrNaN(8), a.stdDdof1(), k + " std");
                assertClose(e.f64OrNaN(9), a.skewAdjusted(), k + " skew");
                assertClose(e.f64OrNaN(10), a.kurtosisAdjusted(), k + " kurtosis");
                assertClose(e.f64OrNaN(11), a.survivalArea(), k + " survival_area");
                rows[0]++;
            });
        }
        assertEquals(byKey.size(), rows[0]);
    }

    @Test
    void lowerIsBetterScoresAreNegated() {
        Set<String> monotone = actual.stream()
                .filter(r -> r.family().equals("alpha") && r.docId() == 3 && r.method().equals("spearman"))
                .filter(r -> r.score().equals("tc_brier") || r.score().equals("p_choices_correct"))
                .map(r -> r.task() + "/" + r.score() + "=" + r.correlation()).collect(Collectors.toSet());
        assertTrue(monotone.contains("arc_easy/tc_brier=1.0") && monotone.contains("arc_easy/p_choices_correct=1.0"), monotone.toString());
    }

    /** scipy 1.17: pearsonr → (nan, nan); spearmanr → (0.7, 0.1881204043741873); kendalltau → (0.6, 0.2333…). */
    @Test
    void infiniteScoreIsNaNForPearsonOnly() {
        Correlator c = new Correlator();
        c.correlate(new Axis(new double[] {1, 2, 3, 4, 5.5}, 5), new double[] {1, 2, Double.NEGATIVE_INFINITY, 4, 5}, true, true, true);
        assertTrue(Double.isNaN(c.statistic[Method.PEARSON.ordinal()]) && Double.isNaN(c.pValue[Method.PEARSON.ordinal()]));
        assertClose(0.7, c.statistic[Method.SPEARMAN.ordinal()], "spearman");
        assertClose(0.1881204043741873, c.pValue[Method.SPEARMAN.ordinal()], "spearman p");
        assertClose(0.6, c.statistic[Method.KENDALL.ordinal()], "kendall");
        assertClose(0.23333333333333334, c.pValue[Method.KENDALL.ordinal()], "kendall p");
    }
}
