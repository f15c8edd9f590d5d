package org.elusive.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleUnaryOperator;
import java.util.function.ToDoubleFunction;
import org.elusive.emergence.GroupColumns.ModelPoint;
import org.elusive.emergence.Polynomials;
import org.elusive.emergence.SliceAndSandwich.Prediction;
import org.elusive.emergence.SliceAndSandwich.Result;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The figures of Wu &amp; Lo 2024: TC Brier per difficulty group against log compute with polynomial
 * fits (plot_question_group_tc_brier.py), the easy/hard fits of Slice-and-Sandwich and the forecast
 * of accuracy against the sigmoid baseline (fit_cluster.py). Each is written as PNG and SVG.
 */
public final class EmergencePlots {
    private EmergencePlots() {}

    /** ColorBrewer RdYlBu, as plotly's diverging.RdYlBu: red = easiest group, blue = hardest. */
    private static final Color[] RD_YL_BU = {new Color(165, 0, 38), new Color(215, 48, 39), new Color(244, 109, 67),
            new Color(253, 174, 97), new Color(254, 224, 144), new Color(224, 243, 248), new Color(171, 217, 233),
            new Color(116, 173, 209), new Color(69, 117, 180), new Color(49, 54, 149)};
    private static final Color ORANGE = new Color(255, 165, 0), LIGHT_BLUE = new Color(137, 196, 244);

    /**
     * Every group against log10(FLOPs/1e21), with a degree-{@code degree} least-squares polynomial over
     * all models per group and the threshold as a dashed line: negated TC Brier in [-1, 0]
     * ({@code accuracy} false) or accuracy in [0, 1] (plot_question_group_acc.py).
     */
    public static XYChart groups(List<ModelPoint> points, List<String> groupColumns, int degree, double threshold,
                                 boolean accuracy, String title) {
        XYChart chart = base(title, "log compute (FLOPs / 1e21, log10)", accuracy ? "accuracy" : "TC Brier score (negated)");
        double sign = accuracy ? 1 : -1, lo = accuracy ? 0 : -1, hi = accuracy ? 1 : 0;
        int g = groupColumns.size();
        for (int j = 0; j < g; j++) {
            List<Double> xs = new ArrayList<>(), ys = new ArrayList<>();
            for (ModelPoint p : points) {
                double y = p.groups()[j];
                if (Double.isNaN(y) || Double.isNaN(p.flops())) continue;
                xs.add(Math.log10(p.flops()));
                ys.add(sign * y);
            }
            Color color = g == 1 ? RD_YL_BU[0] : RD_YL_BU[(int) Math.round(j * 9.0 / (g - 1))];
            scatter(chart, groupColumns.get(j), xs, ys, color);
            if (xs.size() > degree + 1) {
                double[] c = Polynomials.fit(unbox(xs), unbox(ys), degree);
                curve(chart, groupColumns.get(j) + " fit", xs, x -> Polynomials.value(c, x), color, false, lo, hi)
                        .setShowInLegend(false);
            }
        }
        thresholdLine(chart, threshold, lo, hi);
        return chart;
    }

    /** Easy and hard groups, train and test split, with the polynomials fitted below the threshold. */
    public static XYChart fits(Result r, String title) {
        XYChart chart = base(title, "log compute (FLOPs / 1e21, log10)", "TC Brier score (negated)");
        List<Prediction> ps = r.predictions();
        split(chart, "easy training split", ps, true, Prediction::easy, Color.RED);
        split(chart, "easy testing split", ps, false, Prediction::easy, Color.BLUE);
        split(chart, "hard training split", ps, true, Prediction::hard, ORANGE);
        split(chart, "hard testing split", ps, false, Prediction::hard, LIGHT_BLUE);
        List<Double> xs = ps.stream().map(Prediction::x).toList();
        curve(chart, "easy polynomial (degree " + r.options().easyDegree() + ")", xs,
                x -> Polynomials.value(r.easyCoef(), x), Color.BLACK, false, -1, 0);
        curve(chart, "hard polynomial (degree " + r.options().hardDegree() + ")", xs,
                x -> Polynomials.value(r.hardCoef(), x), Color.DARK_GRAY, true, -1, 0);
        thresholdLine(chart, r.options().threshold(), -1, 0);
        chart.getStyler().setYAxisMin(-1.0);
        chart.getStyler().setYAxisMax(0.0);
        return chart;
    }

    /** Accuracy of every model with the Slice-and-Sandwich law and the sigmoid baseline, MSE in the legend. */
    public static XYChart forecast(Result r, String title) {
        XYChart chart = base(title, "log compute (FLOPs / 1e21, log10)", "accuracy");
        List<Prediction> ps = r.predictions();
        split(chart, "training split", ps, true, Prediction::acc, Color.RED);
        split(chart, "testing split", ps, false, Prediction::acc, Color.BLUE);
        List<Double> xs = ps.stream().map(Prediction::x).toList();
        curve(chart, String.format(Locale.ROOT, "Slice-and-Sandwich, MSE=%.2e", r.mse()), xs, r::accLaw, Color.BLACK, false, 0, 1);
        curve(chart, String.format(Locale.ROOT, "sigmoid baseline, MSE=%.2e", r.baselineMse()), xs, r::baselineLaw, ORANGE, false, 0, 1);
        thresholdLine(chart, r.options().threshold(), 0, 1);
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setYAxisMax(1.0);
        return chart;
    }

    /** Writes {@code <stem>.png} and {@code <stem>.svg}. */
    public static void save(XYChart chart, Path dir, String stem) {
        Figures.createDirectory(dir);
        try {
            BitmapEncoder.saveBitmapWithDPI(chart, dir.resolve(stem + ".png").toString(), BitmapEncoder.BitmapFormat.PNG, 150);
            Figures.writeSvg(chart, chart.getWidth(), chart.getHeight(), dir.resolve(stem + ".svg"));
        } catch (IOException e) {
            throw new UncheckedIOException(dir.resolve(stem) + ": cannot write figure", e);
        }
    }

    private static XYChart base(String title, String xTitle, String yTitle) {
        XYChart chart = new XYChartBuilder().width(900).height(600).title(title).xAxisTitle(xTitle).yAxisTitle(yTitle).build();
        var styler = chart.getStyler();
        styler.setLegendPosition(Styler.LegendPosition.OutsideE);
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setPlotGridLinesVisible(true);
        styler.setMarkerSize(6);
        styler.setDecimalPattern("0.0#");
        return chart;
    }

    private static void scatter(XYChart chart, String name, List<Double> xs, List<Double> ys, Color color) {
        if (xs.isEmpty()) return;
        XYSeries s = chart.addSeries(name, xs, ys);
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        s.setMarker(SeriesMarkers.CIRCLE).setMarkerColor(color);
    }

    private static void split(XYChart chart, String name, List<Prediction> ps, boolean train,
                              ToDoubleFunction<Prediction> y, Color color) {
        List<Double> xs = new ArrayList<>(), ys = new ArrayList<>();
        for (Prediction p : ps) {
            if (p.train() == train) { xs.add(p.x()); ys.add(y.applyAsDouble(p)); }
        }
        scatter(chart, name, xs, ys, color);
    }

    /**
     * A smooth line over the x range of the data; where it leaves [lo, hi] (an extrapolated polynomial)
     * it becomes a gap, so that the axes keep the paper's ranges.
     */
    private static XYSeries curve(XYChart chart, String name, List<Double> data, DoubleUnaryOperator f,
                                  Color color, boolean dashed, double lo, double hi) {
        double x0 = data.stream().mapToDouble(Double::doubleValue).min().orElse(0);
        double x1 = data.stream().mapToDouble(Double::doubleValue).max().orElse(1);
        int n = 400;
        double[] xs = new double[n], ys = new double[n];
        for (int i = 0; i < n; i++) {
            xs[i] = x0 + (x1 - x0) * i / (n - 1);
            double y = f.applyAsDouble(xs[i]);
            ys[i] = y < lo || y > hi ? Double.NaN : y;
        }
        XYSeries s = chart.addSeries(name, xs, ys);
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line).setMarker(SeriesMarkers.NONE).setLineColor(color);
        s.setLineStyle(dashed ? new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f)
                : new BasicStroke(2f));
        return s;
    }

    private static void thresholdLine(XYChart chart, double threshold, double lo, double hi) {
        XYSeries s = chart.addSeries("emergence threshold", new double[] {threshold, threshold}, new double[] {lo, hi});
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line).setMarker(SeriesMarkers.NONE).setLineColor(Color.RED);
        s.setLineStyle(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {5f, 5f}, 0f));
    }

    private static double[] unbox(List<Double> v) {
        return v.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
