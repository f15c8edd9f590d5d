package org.elusive.plot;

import static org.elusive.plot.ChartParts.ACCURACY;
import static org.elusive.plot.ChartParts.LOG_COMPUTE;
import static org.elusive.plot.ChartParts.TC_BRIER;

import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import org.elusive.emergence.Polynomials;
import org.elusive.emergence.SliceAndSandwich.Prediction;
import org.elusive.emergence.SliceAndSandwich.Result;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.style.Styler;

/**
 * The matplotlib figures of Wu &amp; Lo 2024's Slice-and-Sandwich (fit_cluster.py and its robustness
 * scripts): the accuracy–TC Brier relation, the easy/hard fits, the TC Brier scaling law, the
 * accuracy forecast against the sigmoid baseline (and the oracle), and the robustness of the forecast
 * to the polynomial degrees and to the threshold. Models below the threshold are the training split
 * (red), the others the testing split (blue); TC Brier is negated, as the paper plots it.
 */
public final class ForecastPlots {
    private ForecastPlots() {}

    private static final double INF = Double.POSITIVE_INFINITY;

    /** Overall TC Brier against accuracy per model, with the OLS line brier = a + b·acc fitted on the training split. */
    public static Figure relation(Result r, String title) {
        XYChart chart = ChartParts.base(title, ACCURACY, TC_BRIER);
        List<Prediction> ps = r.predictions();
        split(chart, "training split", ps, true, Prediction::acc, Prediction::brier, Color.RED);
        split(chart, "testing split", ps, false, Prediction::acc, Prediction::brier, Color.BLUE);
        ChartParts.curve(chart, "OLS", ps.stream().map(Prediction::acc).toList(),
                a -> r.accToBrier()[0] + r.accToBrier()[1] * a, Color.BLACK, null, -INF, INF);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
        return new Figure(chart);
    }

    /** Easy and hard groups, train and test split, with the polynomials fitted below the threshold. */
    public static Figure fits(Result r, String title) {
        XYChart chart = ChartParts.base(title, LOG_COMPUTE, TC_BRIER);
        List<Prediction> ps = r.predictions();
        groupPoints(chart, ps);
        List<Double> xs = ps.stream().map(Prediction::x).toList();
        ChartParts.curve(chart, "easy polynomial regression (degree " + r.options().easyDegree() + ")", xs,
                x -> Polynomials.value(r.easyCoef(), x), Color.BLACK, null, -1, 0);
        ChartParts.curve(chart, "hard polynomial regression (degree " + r.options().hardDegree() + ")", xs,
                x -> Polynomials.value(r.hardCoef(), x), Color.DARK_GRAY, ChartParts.DASHED, -1, 0);
        return framed(chart, r.options().threshold(), -1, 0);
    }

    /** Overall TC Brier of every model with the predicted law: the easy/hard mean (or the lifted hard group). */
    public static Figure brierLaw(Result r, String title) {
        XYChart chart = ChartParts.base(title, LOG_COMPUTE, TC_BRIER);
        List<Prediction> ps = r.predictions();
        split(chart, "training split", ps, true, Prediction::x, Prediction::brier, Color.RED);
        split(chart, "testing split", ps, false, Prediction::x, Prediction::brier, Color.BLUE);
        ChartParts.curve(chart, "Slice-and-Sandwich", ps.stream().map(Prediction::x).toList(), r::brierLaw,
                Color.BLACK, null, -1, 0);
        return framed(chart, r.options().threshold(), -1, 0);
    }

    /**
     * Accuracy of every model with the Slice-and-Sandwich law and the sigmoid baseline, each with its
     * MSE on the testing split; with {@code oracle}, the sigmoid fitted on every model (green).
     */
    public static Figure forecast(Result r, boolean oracle, String title) {
        XYChart chart = ChartParts.base(title, LOG_COMPUTE, ACCURACY);
        List<Prediction> ps = r.predictions();
        accuracyPoints(chart, ps);
        List<Double> xs = ps.stream().map(Prediction::x).toList();
        ChartParts.curve(chart, "Slice-and-Sandwich, MSE=" + e2(r.mse()), xs, r::accLaw, Color.BLACK, null, 0, 1);
        ChartParts.curve(chart, "sigmoid baseline, MSE=" + e2(r.baselineMse()), xs, r::baselineLaw, ChartParts.ORANGE, null, 0, 1);
        if (oracle) {
            ChartParts.curve(chart, "oracle (sigmoid fitted on every model), MSE=" + e2(r.oracleMse()), xs, r::oracleLaw,
                    ChartParts.GREEN, null, 0, 1);
        }
        return framed(chart, r.options().threshold(), 0, 1);
    }

    /**
     * fit_cluster_robustness_degree.py: the easy group fitted with each result's easy degree and the
     * hard group with its hard degree (the paper: 3/5/7 and 2/4/6), solid, dashed, dotted in turn.
     */
    public static Figure degreeRobustness(List<Result> rs, String title) {
        XYChart chart = ChartParts.base(title, LOG_COMPUTE, TC_BRIER);
        List<Prediction> ps = rs.get(0).predictions();
        groupPoints(chart, ps);
        List<Double> xs = ps.stream().map(Prediction::x).toList();
        float[][] styles = {null, ChartParts.DASHED, ChartParts.DOTTED};
        for (int i = 0; i < rs.size(); i++) {
            Result r = rs.get(i);
            ChartParts.curve(chart, "easy, degree " + r.options().easyDegree(), xs, x -> Polynomials.value(r.easyCoef(), x),
                    Color.BLACK, styles[i % 3], -1, 0);
        }
        for (int i = 0; i < rs.size(); i++) {
            Result r = rs.get(i);
            ChartParts.curve(chart, "hard, degree " + r.options().hardDegree(), xs, x -> Polynomials.value(r.hardCoef(), x),
                    Color.DARK_GRAY, styles[i % 3], -1, 0);
        }
        return framed(chart, rs.get(0).options().threshold(), -1, 0);
    }

    /**
     * fit_cluster_robustness_threshold.py at one threshold: the accuracy forecast with each result's
     * easy degree (the paper: 3 solid, 5 dashed; hard degree 2; no calibration) and the sigmoid baseline.
     */
    public static Figure thresholdRobustness(List<Result> rs, String title) {
        XYChart chart = ChartParts.base(title, LOG_COMPUTE, ACCURACY);
        List<Prediction> ps = rs.get(0).predictions();
        accuracyPoints(chart, ps);
        List<Double> xs = ps.stream().map(Prediction::x).toList();
        for (int i = 0; i < rs.size(); i++) {
            Result r = rs.get(i);
            ChartParts.curve(chart, "Slice-and-Sandwich, easy degree " + r.options().easyDegree() + ", MSE=" + e2(r.mse()),
                    xs, r::accLaw, Color.BLACK, i == 0 ? null : ChartParts.DASHED, 0, 1);
        }
        ChartParts.curve(chart, "sigmoid baseline, MSE=" + e2(rs.get(0).baselineMse()), xs, rs.get(0)::baselineLaw,
                ChartParts.ORANGE, null, 0, 1);
        return framed(chart, rs.get(0).options().threshold(), 0, 1);
    }

    private static void groupPoints(XYChart chart, List<Prediction> ps) {
        split(chart, "easy training split", ps, true, Prediction::x, Prediction::easy, Color.RED);
        split(chart, "easy testing split", ps, false, Prediction::x, Prediction::easy, Color.BLUE);
        split(chart, "hard training split", ps, true, Prediction::x, Prediction::hard, ChartParts.ORANGE);
        split(chart, "hard testing split", ps, false, Prediction::x, Prediction::hard, ChartParts.LIGHT_BLUE);
    }

    private static void accuracyPoints(XYChart chart, List<Prediction> ps) {
        split(chart, "training split", ps, true, Prediction::x, Prediction::acc, Color.RED);
        split(chart, "testing split", ps, false, Prediction::x, Prediction::acc, Color.BLUE);
    }

    private static void split(XYChart chart, String name, List<Prediction> ps, boolean train,
                              ToDoubleFunction<Prediction> x, ToDoubleFunction<Prediction> y, Color color) {
        List<Double> xs = new ArrayList<>(), ys = new ArrayList<>();
        for (Prediction p : ps) {
            if (p.train() == train) { xs.add(x.applyAsDouble(p)); ys.add(y.applyAsDouble(p)); }
        }
        if (!xs.isEmpty()) ChartParts.scatter(chart, name, xs, ys, color);
    }

    /** The threshold line and the paper's y range (ylim) of a compute figure. */
    private static Figure framed(XYChart chart, double threshold, double lo, double hi) {
        ChartParts.thresholdLine(chart, threshold, lo, hi);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW); // matplotlib's legend sits inside too
        chart.getStyler().setYAxisMin(lo);
        chart.getStyler().setYAxisMax(hi);
        return new Figure(chart);
    }

    private static String e2(double v) {
        return String.format(Locale.ROOT, "%.2e", v);
    }
}
