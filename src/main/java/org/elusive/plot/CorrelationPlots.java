package org.elusive.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.elusive.rows.CorrelationRow;
import org.elusive.transform.Score;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The Elusive paper's figure: for each score, the complementary empirical CDF of the per-sample
 * correlations with compute, P(correlation &gt; x) over the docs of a task, one line per family.
 * One figure per (task, method), one panel per score; NaN correlations are left out.
 */
public final class CorrelationPlots {
    private CorrelationPlots() {}

    private static final int COLUMNS = 3, PANEL_W = 420, PANEL_H = 320, MAX_STEPS = 2000;
    private static final Color[] PALETTE = {new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c),
            new Color(0xd62728), new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f)};

    /** Writes {@code correlations_<task>_<method>.png/.svg} into {@code dir}; returns the PNG paths. */
    public static List<Path> write(List<CorrelationRow> rows, Path dir) {
        Map<String, Map<String, List<CorrelationRow>>> byTaskMethod = new TreeMap<>();
        for (CorrelationRow r : rows) {
            byTaskMethod.computeIfAbsent(r.task(), k -> new TreeMap<>()).computeIfAbsent(r.method(), k -> new ArrayList<>()).add(r);
        }
        List<Path> out = new ArrayList<>();
        byTaskMethod.forEach((task, methods) -> methods.forEach((method, rs) -> {
            String stem = "correlations_" + safe(task) + "_" + safe(method);
            Figures.writeGrid(panels(task, method, rs), COLUMNS, PANEL_W, PANEL_H, dir.resolve(stem + ".png"), dir.resolve(stem + ".svg"));
            out.add(dir.resolve(stem + ".png"));
        }));
        return out;
    }

    static List<XYChart> panels(String task, String method, List<CorrelationRow> rows) {
        Map<String, Map<String, List<Double>>> byScore = new LinkedHashMap<>();
        rows.stream().sorted(Comparator.comparingInt((CorrelationRow r) -> scoreOrder(r.score())).thenComparing(CorrelationRow::family))
                .forEach(r -> byScore.computeIfAbsent(r.score(), k -> new TreeMap<>())
                        .computeIfAbsent(r.family(), k -> new ArrayList<>()).add(r.correlation()));
        List<XYChart> charts = new ArrayList<>();
        byScore.forEach((score, families) -> {
            XYChart c = new XYChartBuilder().width(PANEL_W).height(PANEL_H).title(score + "  (" + task + ")")
                    .xAxisTitle(method + " correlation with log10(compute)").yAxisTitle("P(correlation > x)").build();
            style(c);
            int i = 0;
            for (Map.Entry<String, List<Double>> f : families.entrySet()) {
                double[] v = f.getValue().stream().mapToDouble(Double::doubleValue).filter(x -> !Double.isNaN(x)).sorted().toArray();
                double[][] xy = survival(v);
                XYSeries s = c.addSeries(f.getKey() + " (" + v.length + " docs)", xy[0], xy[1]);
                s.setMarker(SeriesMarkers.NONE);
                s.setLineColor(PALETTE[i++ % PALETTE.length]);
                s.setLineStyle(new BasicStroke(1.8f));
            }
            charts.add(c);
        });
        return charts;
    }

    /**
     * Points of the step function x ↦ #(v &gt; x)/k on [-1, 1] for sorted {@code v}: exact steps when
     * there are at most 2000 distinct values, else sampled on a 2001-point grid.
     */
    static double[][] survival(double[] v) {
        int k = v.length;
        if (k == 0) return new double[][] {{-1, 1}, {0, 0}};
        double[] distinct = Arrays.stream(v).distinct().toArray();
        List<double[]> pts = new ArrayList<>();
        if (distinct.length <= MAX_STEPS) {
            pts.add(new double[] {-1, above(v, -1)});
            for (double d : distinct) {
                double x = Math.max(-1, Math.min(1, d));
                pts.add(new double[] {x, above(v, Math.nextDown(d))});
                pts.add(new double[] {x, above(v, d)});
            }
            pts.add(new double[] {1, above(v, 1)});
        } else {
            for (int i = 0; i <= MAX_STEPS; i++) {
                double x = -1 + 2.0 * i / MAX_STEPS;
                pts.add(new double[] {x, above(v, x)});
            }
        }
        return new double[][] {pts.stream().mapToDouble(p -> p[0]).toArray(), pts.stream().mapToDouble(p -> p[1]).toArray()};
    }

    /** Fraction of sorted {@code v} strictly greater than x. */
    static double above(double[] v, double x) {
        int lo = 0, hi = v.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (v[mid] <= x) lo = mid + 1;
            else hi = mid;
        }
        return (v.length - lo) / (double) v.length;
    }

    private static void style(XYChart c) {
        var s = c.getStyler();
        s.setXAxisMin(-1.0).setXAxisMax(1.0).setYAxisMin(0.0).setYAxisMax(1.0);
        s.setChartBackgroundColor(Color.WHITE);
        s.setPlotBackgroundColor(Color.WHITE);
        s.setPlotGridLinesColor(new Color(0xdddddd));
        s.setLegendPosition(Styler.LegendPosition.InsideSW);
        s.setLegendBorderColor(new Color(0xcccccc));
        s.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
        s.setChartTitleBoxVisible(false);
        c.getStyler().setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        c.getStyler().setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
        c.getStyler().setDecimalPattern("0.0#");
    }

    private static int scoreOrder(String score) {
        for (Score s : Score.values()) if (s.column().equals(score)) return s.ordinal();
        return Integer.MAX_VALUE;
    }

    private static String safe(String s) {
        return s.chars().mapToObj(ch -> Character.isLetterOrDigit(ch) || ch == '-' || ch == '_' ? String.valueOf((char) ch) : "_")
                .collect(Collectors.joining());
    }
}
