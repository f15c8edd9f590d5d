package org.elusive.plot;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;
import org.elusive.rows.CorrelationSummaryRow;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.Marker;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The Elusive paper's distribution statistics by benchmark (notebook 03): for each correlation method
 * and statistic one figure {@code statistic_<method>_<statistic>}, the statistic's value (x) for
 * every task (y, one row each, named over the row; the CSV's {@code task_row} is the row's index),
 * coloured by score and marked by family.
 */
public final class StatisticPlots {
    private StatisticPlots() {}

    /**
     * The statistics drawn, read from the summary table here and nowhere else: the column, its words,
     * and the getter (where the summary gains the paper's other statistics, they are added here).
     */
    public enum Statistic {
        MEAN("mean", "mean of the correlations", CorrelationSummaryRow::mean),
        MEDIAN("median", "median of the correlations", CorrelationSummaryRow::median),
        SURVIVAL_AREA("survival_area", "area under the complementary CDF of the correlations", CorrelationSummaryRow::survivalArea),
        STD("std", "standard deviation of the correlations", CorrelationSummaryRow::std),
        SKEW("skew", "skewness of the correlations", CorrelationSummaryRow::skew),
        KURTOSIS("kurtosis", "excess kurtosis of the correlations", CorrelationSummaryRow::kurtosis),
        NAN_FRACTION("frac_nan", "fraction of docs with a NaN correlation", r -> r.n() == 0 ? Double.NaN : r.nNan() / (double) r.n());

        final String column, words;
        final ToDoubleFunction<CorrelationSummaryRow> getter;

        Statistic(String column, String words, ToDoubleFunction<CorrelationSummaryRow> getter) {
            this.column = column;
            this.words = words;
            this.getter = getter;
        }
    }

    private static final Marker[] MARKERS = {SeriesMarkers.CIRCLE, SeriesMarkers.SQUARE, SeriesMarkers.DIAMOND,
            SeriesMarkers.TRIANGLE_UP, SeriesMarkers.TRIANGLE_DOWN, SeriesMarkers.CROSS, SeriesMarkers.OVAL, SeriesMarkers.RECTANGLE};

    public static List<Path> write(List<CorrelationSummaryRow> summary, Path dir) {
        List<Path> out = new ArrayList<>();
        Map<String, List<CorrelationSummaryRow>> byMethod = new TreeMap<>();
        for (CorrelationSummaryRow r : summary) byMethod.computeIfAbsent(r.method(), k -> new ArrayList<>()).add(r);
        byMethod.forEach((method, rows) -> {
            List<String> tasks = rows.stream().map(CorrelationSummaryRow::task).distinct().sorted().toList();
            long series = rows.stream().map(r -> r.score() + "/" + r.family()).distinct().count();
            int h = (int) Math.max(Math.max(360, 120 + 26 * tasks.size()), 60 + 19 * series);
            for (Statistic st : Statistic.values()) {
                FigureCsv csv = new FigureCsv("value", "task_row");
                XYChart c = chart(method, st, tasks, rows, h, csv);
                out.add(Figures.write(dir, "statistic_" + Style.safe(method) + "_" + st.column,
                        List.of(new Figures.Panel(c, List.of((g, chart) -> taskNames(g, chart, tasks)))), 1, 1000, h, csv));
            }
        });
        return out;
    }

    private static XYChart chart(String method, Statistic st, List<String> tasks, List<CorrelationSummaryRow> rows, int h,
            FigureCsv csv) {
        XYChart c = Style.chart(1000, h, st.words + " (" + Style.method(method) + " correlations with log compute)",
                st.words, "benchmark", false);
        List<String> scores = rows.stream().map(CorrelationSummaryRow::score).distinct()
                .sorted(Comparator.comparingInt(CorrelationPlots::scoreOrder)).toList();
        List<String> families = rows.stream().map(CorrelationSummaryRow::family).distinct().sorted().toList();
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (int si = 0; si < scores.size(); si++) {
            for (int fi = 0; fi < families.size(); fi++) {
                String score = scores.get(si), family = families.get(fi);
                List<double[]> pts = new ArrayList<>();
                for (CorrelationSummaryRow r : rows) {
                    double v = st.getter.applyAsDouble(r);
                    if (r.score().equals(score) && r.family().equals(family) && Double.isFinite(v)) {
                        pts.add(new double[] {v, tasks.indexOf(r.task())});
                    }
                }
                if (pts.isEmpty()) continue;
                String name = Style.score(score) + " (" + family + ")";
                XYSeries s = c.addSeries(name, pts.stream().mapToDouble(p -> p[0]).toArray(), pts.stream().mapToDouble(p -> p[1]).toArray());
                s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
                s.setMarker(MARKERS[fi % MARKERS.length]).setMarkerColor(Style.color(si));
                for (double[] p : pts) {
                    csv.row(tasks.get((int) p[1]), name, p[0], p[1]);
                    lo = Math.min(lo, p[0]);
                    hi = Math.max(hi, p[0]);
                }
            }
        }
        if (c.getSeriesMap().isEmpty()) { PerDoc.empty(c); lo = 0; hi = 1; }
        double pad = hi > lo ? 0.05 * (hi - lo) : 0.5;
        Style.bounds(c, lo - pad, hi + pad, -0.5, tasks.size() - 0.5);
        c.getStyler().setYAxisTicksVisible(false);
        return c;
    }

    /**
     * Each task's name over its row, inside the plot at its left edge: XChart places ticks at round
     * numbers of its choosing, not at the rows, so the rows are labelled here.
     */
    private static void taskNames(Graphics2D g, XYChart chart, List<String> tasks) {
        Graphics2D t = (Graphics2D) g.create();
        t.setColor(Color.DARK_GRAY);
        t.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
        double x = chart.getScreenXFromChart(chart.getStyler().getXAxisMin()) + 4;
        for (int i = 0; i < tasks.size(); i++) {
            t.drawString(tasks.get(i), (float) x, (float) chart.getScreenYFromChart(i) - 5);
        }
        t.dispose();
    }
}
