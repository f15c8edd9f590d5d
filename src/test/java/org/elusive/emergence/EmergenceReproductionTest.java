package org.elusive.emergence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.elusive.emergence.SliceAndSandwich.Result;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Slice-and-Sandwich on the paper's own tables (../shared/data/scaling/ushaped, every dataset and
 * threshold with a 3-group file, plus hard lift, clipping, degrees 3/4 and 7/6 and no calibration on
 * MMLU and arithmetic) against fit_cluster.py re-run with statsmodels: every prediction and MSE to 1e-6.
 */
class EmergenceReproductionTest {
    private static final Table SUMMARY = TableFiles.read(Fixtures.resource("forecast_summary_expected.csv"));
    private static final Table EXPECTED = TableFiles.read(Fixtures.resource("forecast_expected.csv"));

    static Stream<Arguments> cases() {
        Table summary = SUMMARY;
        List<Arguments> out = new ArrayList<>();
        for (int i = 0; i < summary.size(); i++) {
            out.add(Arguments.of(summary.string(i, summary.require("dataset", "")),
                    summary.string(i, summary.require("file", "")),
                    summary.number(i, summary.require("threshold", "")),
                    summary.string(i, summary.require("variant", "")),
                    summary.number(i, summary.require("random_guess", "")), i));
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} T={2} {3}")
    @MethodSource("cases")
    void reproducesThePapersCode(String dataset, String file, double threshold, String variant, double rg, int row) {
        Path csv = Fixtures.shared("data/scaling/ushaped/" + dataset + "/" + file);
        Table table = TableFiles.read(csv);
        List<String> groups = GroupColumns.groups(table);
        List<GroupColumns.ModelPoint> points = GroupColumns.points(table,
                List.of(groups.get(0), groups.get(groups.size() - 1)), Set.copyOf(PaperModels.EXCLUDED));
        ForecastOptions paper = ForecastOptions.paper(threshold, rg);
        ForecastOptions o = switch (variant) {
            case "hard_lift" -> new ForecastOptions(threshold, rg, 5, 2, true, false, true);
            case "clip" -> new ForecastOptions(threshold, rg, 5, 2, false, true, true);
            case "e3h4" -> paper.withDegrees(3, 4);
            case "e7h6" -> paper.withDegrees(7, 6);
            case "no_calibration" -> new ForecastOptions(threshold, rg, 5, 2, false, false, false);
            default -> paper;
        };
        Result r = SliceAndSandwich.forecast(points, 0, 1, o);

        Table summary = SUMMARY;
        assertEquals((int) summary.number(row, summary.require("train_models", "")), r.trainModels());
        assertEquals((int) summary.number(row, summary.require("test_models", "")), r.testModels());
        SliceAndSandwichTest.assertClose(summary, row, "mse_slice_and_sandwich", r.mse());
        SliceAndSandwichTest.assertClose(summary, row, "mse_sigmoid_baseline", r.baselineMse());

        Table expected = EXPECTED;
        List<String[]> mine = new ArrayList<>();
        for (String[] e : expected.rows()) {
            if (e[1].equals(file) && e[3].equals(variant)) mine.add(new String[] {e[3], e[4], e[5], e[6], e[7]});
        }
        Table slice = new Table(expected.source(), List.of("variant", "model", "acc_pred", "acc_base_pred", "brier_pred"), mine);
        assertTrue(slice.size() > 50, "fixture rows for " + file);
        SliceAndSandwichTest.compare(slice, variant, r);
    }
}
