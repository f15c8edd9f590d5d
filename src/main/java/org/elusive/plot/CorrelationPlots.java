package org.elusive.plot;

import java.awt.BasicStroke;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.elusive.rows.CorrelationRow;
import org.elusive.transform.Score;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The Elusive paper's figure: for each score, the complementary empirical CDF of the per-sample
 * correlations with compute, P(correlation &gt; x) over the docs of a task, one line per family.
 * One figure per (task, method), one panel per score; NaN correlations are left out. The CSV holds the
 * vertices of each step line.
 */
public final class CorrelationPlots {
    private CorrelationPlots() {}

    static final int COLUMNS = 3, PANEL_W = 420, PANEL_H = 320;
    private static final int MAX_STEPS = 2000;

    /** Writes {@code correlations_<task>_<method>.png/.svg/.csv} into {@code dir}; returns the PNG paths. */
    public static List<Path> write(List<CorrelationRow> rows, Path dir) {
        List<Path> out = new ArrayList<>();
        byTaskMethod(rows).forEach((task, methods) -> methods.forEach((method, rs) -> {
            FigureCsv csv = new FigureCsv("correlation", "fraction_greater");
            out.add(Figures.write(dir, "correlations_" + Style.safe(task) + "_" + Style.safe(method),
                    panels(task, method, rs, csv), COLUMNS, PANEL_W, PANEL_H, csv));
        }));
        return out;
    }

    static Map<String, Map<String, List<CorrelationRow>>> byTaskMethod(List<CorrelationRow> rows) {
        Map<String, Map<String, List<CorrelationRow>>> byTaskMethod = new TreeMap<>();
        for (CorrelationRow r : rows) {
            byTaskMethod.computeIfAbsent(r.task(), k -> new TreeMap<>()).computeIfAbsent(r.method(), k -> new ArrayList<>()).add(r);
        }
        return byTaskMethod;
    }

    /**
     * The rows of one (task, method) as score → family → non-NaN correlations, scores in the order of
     * the stages ({@link Score}) and families sorted.
     */
    static Map<String, Map<String, double[]>> byScoreFamily(List<CorrelationRow> rows) {
        Map<String, Map<String, List<Double>>> byScore = new LinkedHashMap<>();
        rows.stream().sorted(Comparator.comparingInt((CorrelationRow r) -> scoreOrder(r.score())).thenComparing(CorrelationRow::family))
                .forEach(r -> byScore.computeIfAbsent(r.score(), k -> new TreeMap<>())
                        .computeIfAbsent(r.family(), k -> new ArrayList<>()).add(r.correlation()));
        Map<String, Map<String, double[]>> out = new LinkedHashMap<>();
        byScore.forEach((score, families) -> families.forEach((family, v) -> out.computeIfAbsent(score, k -> new LinkedHashMap<>())
                .put(family, v.stream().mapToDouble(Double::doubleValue).filter(x -> !Double.isNaN(x)).sorted().toArray())));
        return out;
    }

    static List<Figures.Panel> panels(String task, String method, List<CorrelationRow> rows, FigureCsv csv) {
        List<Figures.Panel> panels = new ArrayList<>();
        byScoreFamily(rows).forEach((score, families) -> {
            XYChart c = Style.chart(PANEL_W, PANEL_H, Style.score(score) + "  (" + task + ")",
                    Style.method(method) + " correlation with log compute, per doc", "fraction of docs above", true);
            Style.bounds(c, -1, 1, 0, 1);
            int i = 0;
            for (Map.Entry<String, double[]> f : families.entrySet()) {
                double[][] xy = survival(f.getValue());
                XYSeries s = c.addSeries(f.getKey() + " (" + f.getValue().length + " docs)", xy[0], xy[1]);
                s.setMarker(SeriesMarkers.NONE);
                s.setLineColor(Style.color(i++));
                s.setLineStyle(new BasicStroke(1.8f));
                for (int k = 0; k < xy[0].length; k++) csv.row(score, f.getKey(), xy[0][k], xy[1][k]);
            }
            panels.add(new Figures.Panel(c));
        });
        return panels;
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

    static int scoreOrder(String score) {
        for (Score s : Score.values()) if (s.column().equals(score)) return s.ordinal();
        return Integer.MAX_VALUE;
    }
}
