package org.elusive.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.List;
import java.util.function.DoubleUnaryOperator;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The pieces every emergence figure is made of: the frame, scatter points, sampled curves, ±1.96σ
 * bands, the threshold line and the palettes the paper's figures use.
 */
final class ChartParts {
    private ChartParts() {}

    /** The x axis of every compute figure, in words (the paper writes "log compute (M)"). */
    static final String LOG_COMPUTE = "training compute, log10 of FLOPs / 10^21";
    static final String ACCURACY = "accuracy";
    /** The paper plots TC Brier negated, so that up is better on both axes of its figures. */
    static final String TC_BRIER = "TC Brier score, negated (higher is better)";

    /** plotly.express.colors.diverging.RdYlBu (ColorBrewer, 11 colours): red = easiest group. */
    static final List<Color> RD_YL_BU = List.of(new Color(165, 0, 38), new Color(215, 48, 39), new Color(244, 109, 67),
            new Color(253, 174, 97), new Color(254, 224, 144), new Color(255, 255, 191), new Color(224, 243, 248),
            new Color(171, 217, 233), new Color(116, 173, 209), new Color(69, 117, 180), new Color(49, 54, 149));
    /** plotly.express.colors.qualitative.Plotly, the colours px.scatter gives one per model. */
    static final List<Color> PLOTLY = List.of(new Color(0x636EFA), new Color(0xEF553B), new Color(0x00CC96),
            new Color(0xAB63FA), new Color(0xFFA15A), new Color(0x19D3F3), new Color(0xFF6692), new Color(0xB6E880),
            new Color(0xFF97FF), new Color(0xFECB52));
    static final Color ORANGE = new Color(255, 165, 0), LIGHT_BLUE = new Color(173, 216, 230), GREEN = new Color(0, 128, 0);
    /** Samples of every drawn curve over the data's x range. */
    static final int CURVE_POINTS = 400;

    static XYChart base(String title, String xTitle, String yTitle) {
        XYChart chart = new XYChartBuilder().width(900).height(600).title(title).xAxisTitle(xTitle).yAxisTitle(yTitle).build();
        var styler = chart.getStyler();
        styler.setLegendPosition(Styler.LegendPosition.OutsideE);
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setPlotGridLinesVisible(true);
        styler.setMarkerSize(6);
        styler.setDecimalPattern("0.0#");
        return chart;
    }

    static XYSeries scatter(XYChart chart, String name, List<Double> xs, List<Double> ys, Color color) {
        XYSeries s = chart.addSeries(name, xs, ys);
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        s.setMarker(SeriesMarkers.CIRCLE).setMarkerColor(color);
        return s;
    }

    /** The x values where a curve is sampled: {@link #CURVE_POINTS} evenly over [min, max] of the data. */
    static double[] grid(List<Double> data) {
        double x0 = data.stream().mapToDouble(Double::doubleValue).min().orElse(0);
        double x1 = data.stream().mapToDouble(Double::doubleValue).max().orElse(1);
        double[] xs = new double[CURVE_POINTS];
        for (int i = 0; i < xs.length; i++) xs[i] = x0 + (x1 - x0) * i / (xs.length - 1);
        return xs;
    }

    /**
     * A line sampled on {@link #grid}; where it leaves [lo, hi] (an extrapolated polynomial) it becomes
     * a gap (NaN), so the axes keep the paper's ranges.
     */
    static XYSeries curve(XYChart chart, String name, List<Double> data, DoubleUnaryOperator f, Color color,
                          float[] dash, double lo, double hi) {
        double[] xs = grid(data), ys = new double[xs.length];
        for (int i = 0; i < xs.length; i++) {
            double y = f.applyAsDouble(xs[i]);
            ys[i] = y < lo || y > hi ? Double.NaN : y;
        }
        XYSeries s = chart.addSeries(name, xs, ys);
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line).setMarker(SeriesMarkers.NONE).setLineColor(color);
        s.setLineStyle(dash == null ? new BasicStroke(2f)
                : new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, dash, 0f));
        return s;
    }

    static final float[] DASHED = {6f, 4f}, DOTTED = {2f, 3f};

    /**
     * The band f(x) ± 1.96σ as one closed polygon, upper edge left to right then lower edge right to
     * left (the paper's fill='toself'), each clamped to [lo, hi] so an extrapolated fit stays inside
     * the frame; filled with {@code color} at 30% opacity.
     */
    static XYSeries band(XYChart chart, String name, List<Double> data, DoubleUnaryOperator f, double sigma,
                         Color color, double lo, double hi) {
        double[] grid = grid(data);
        int n = grid.length;
        double[] xs = new double[2 * n], ys = new double[2 * n];
        for (int i = 0; i < n; i++) {
            double y = f.applyAsDouble(grid[i]);
            xs[i] = grid[i];
            ys[i] = clamp(y + 1.96 * sigma, lo, hi);
            xs[2 * n - 1 - i] = grid[i];
            ys[2 * n - 1 - i] = clamp(y - 1.96 * sigma, lo, hi);
        }
        XYSeries s = chart.addSeries(name, xs, ys);
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.PolygonArea).setMarker(SeriesMarkers.NONE);
        s.setFillColor(new Color(color.getRed(), color.getGreen(), color.getBlue(), 77));
        s.setLineColor(new Color(255, 255, 255, 0));
        s.setShowInLegend(false);
        return s;
    }

    /** The emergence threshold as a dashed red vertical line from lo to hi (the paper's add_vline). */
    static XYSeries thresholdLine(XYChart chart, double threshold, double lo, double hi) {
        XYSeries s = chart.addSeries("emergence threshold", new double[] {threshold, threshold}, new double[] {lo, hi});
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line).setMarker(SeriesMarkers.NONE).setLineColor(Color.RED);
        s.setLineStyle(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {5f, 5f}, 0f));
        return s;
    }

    static double clamp(double v, double lo, double hi) {
        return Math.max(lo, Math.min(hi, v));
    }

    /** utils.whiten: k added to each channel (capped at 255, as a browser reads rgb(280, …)). */
    static Color whiten(Color c, int k) {
        return new Color(Math.min(255, c.getRed() + k), Math.min(255, c.getGreen() + k), Math.min(255, c.getBlue() + k));
    }
}
