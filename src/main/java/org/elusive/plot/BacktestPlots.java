package org.elusive.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.elusive.forecast.Backtest;
import org.elusive.forecast.Methods;
import org.elusive.forecast.Panel;
import org.elusive.forecast.Split;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The backtest's figure: per (set, benchmark) one panel of accuracy against log10(compute), the
 * observed accuracy of every checkpoint (training and held out), each method's predicted accuracy at
 * the held-out checkpoints, and the cutoff as a dashed line. Written as PNG, SVG and a CSV of exactly
 * the points drawn ({@code panel, series, x, y}); a prediction outside [0, 1] (an extrapolated polynomial)
 * is in the CSV but off the axes, which keep accuracy's range.
 */
public final class BacktestPlots {
    private BacktestPlots() {}

    private static final int COLUMNS = 2, PANEL_W = 820, PANEL_H = 420;
    private static final Color[] PALETTE = {new Color(0xff7f0e), new Color(0x2ca02c), new Color(0xd62728),
            new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x17becf)};

    /** One drawn point. */
    private record Point(String panel, String series, double x, double y) {}

    /** Writes {@code <stem>.png/.svg/.csv} into {@code dir}; returns the PNG. */
    public static Path write(Backtest.Result r, Path dir, String stem) {
        List<XYChart> charts = new ArrayList<>();
        List<Point> drawn = new ArrayList<>();
        for (int i = 0; i < r.panels().size(); i++) charts.add(panel(r, r.panels().get(i), r.splits().get(i), drawn));
        Figures.writeGrid(charts.stream().map(Figures.Panel::new).toList(), Math.min(COLUMNS, charts.size()), PANEL_W, PANEL_H,
                dir.resolve(stem + ".png"), dir.resolve(stem + ".svg"));
        StringBuilder csv = new StringBuilder("panel,series,x,y\n");
        for (Point p : drawn) csv.append(String.format(Locale.ROOT, "%s,%s,%.17g,%.17g%n", p.panel(), p.series(), p.x(), p.y()));
        try {
            Files.writeString(dir.resolve(stem + ".csv"), csv);
        } catch (IOException e) {
            throw new UncheckedIOException(dir.resolve(stem + ".csv") + ": cannot write", e);
        }
        return dir.resolve(stem + ".png");
    }

    private static XYChart panel(Backtest.Result r, Panel p, Split s, List<Point> drawn) {
        String name = p.set() + "/" + p.benchmark();
        XYChart c = new XYChartBuilder().width(PANEL_W).height(PANEL_H).title(name).xAxisTitle("log10(compute, FLOPs)")
                .yAxisTitle("accuracy").build();
        style(c);
        List<Double> tx = new ArrayList<>(), ty = new ArrayList<>(), hx = new ArrayList<>(), hy = new ArrayList<>();
        for (int j = 0; j < p.checkpoints().size(); j++) {
            (s.train()[j] ? tx : hx).add(p.checkpoints().get(j).x());
            (s.train()[j] ? ty : hy).add(Panel.mean(p.acc(), j));
        }
        scatter(c, name, "observed (fit)", tx, ty, Color.BLACK, SeriesMarkers.CIRCLE, drawn);
        scatter(c, name, "observed (held out)", hx, hy, new Color(0x1f77b4), SeriesMarkers.DIAMOND, drawn);
        int k = 0;
        for (String m : Methods.NAMES) {
            List<Double> xs = new ArrayList<>(), ys = new ArrayList<>();
            for (Backtest.Row row : r.rows()) {
                if (row.set().equals(p.set()) && row.benchmark().equals(p.benchmark()) && row.method().equals(m)
                        && Double.isFinite(row.accPred())) {
                    xs.add(Math.log10(row.compute()));
                    ys.add(row.accPred());
                }
            }
            Color color = PALETTE[k++ % PALETTE.length];
            if (!xs.isEmpty()) scatter(c, name, m, xs, ys, color, SeriesMarkers.CROSS, drawn);
        }
        double cut = Math.log10(p.checkpoints().get(s.lastTrain()).compute());
        XYSeries line = c.addSeries("cutoff", new double[] {cut, cut}, new double[] {0, 1});
        line.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line).setMarker(SeriesMarkers.NONE).setLineColor(Color.RED);
        line.setLineStyle(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {5f, 5f}, 0f));
        drawn.add(new Point(name, "cutoff", cut, 0));
        drawn.add(new Point(name, "cutoff", cut, 1));
        return c;
    }

    private static void scatter(XYChart c, String panel, String series, List<Double> xs, List<Double> ys, Color color,
                                org.knowm.xchart.style.markers.Marker marker, List<Point> drawn) {
        if (xs.isEmpty()) return;
        XYSeries s = c.addSeries(series, xs, ys);
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        s.setMarker(marker).setMarkerColor(color);
        for (int i = 0; i < xs.size(); i++) drawn.add(new Point(panel, series, xs.get(i), ys.get(i)));
    }

    private static void style(XYChart c) {
        var st = c.getStyler();
        st.setLegendPosition(Styler.LegendPosition.OutsideE);
        st.setChartBackgroundColor(Color.WHITE);
        st.setPlotGridLinesVisible(true);
        st.setMarkerSize(7);
        st.setYAxisMin(0.0);
        st.setYAxisMax(1.0);
        st.setDecimalPattern("0.0#");
    }
}
