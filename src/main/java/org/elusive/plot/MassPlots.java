package org.elusive.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Line2D;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;
import org.elusive.rows.ScoreRow;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The Elusive paper's mechanism (notebook 05), per task: how the probability mass on the correct
 * choice and on the incorrect choices moves with compute. The paper's filter comes first: docs whose
 * p_vocab(correct) is below its 1% quantile, or whose incorrect-choice mass is below the 1% quantile of
 * p_vocab(all choices), and checkpoints below {@code minCompute} (the paper: 1e17 FLOPs) are left out.
 * <ul>
 *   <li>{@code mass_<task>}: the two masses against compute, log-log, the mean over docs per family
 *   and checkpoint with ±2 standard errors (seaborn's {@code errorbar=("se", 2)});</li>
 *   <li>{@code neg_log_mass_<task>}: the same for their negative logs (cross-entropies);</li>
 *   <li>{@code mass_scatter_<task>}: per family, every (doc, checkpoint) as incorrect-choice mass
 *   against p_vocab(correct), coloured by compute on a log scale.</li>
 * </ul>
 */
public final class MassPlots {
    private MassPlots() {}

    private static final int W = 520, H = 380;

    /** Writes the three figures of each task; returns the PNG paths. */
    public static List<Path> write(List<ScoreRow> scores, double minCompute, Path dir) {
        List<Path> out = new ArrayList<>();
        byTask(scores).forEach((task, rows) -> {
            Filtered f = filter(rows, minCompute);
            if (f.rows().isEmpty()) return;
            String stem = Style.safe(task);
            out.add(lines(task, f.rows(), "p_vocab_correct", ScoreColumns::pVocabCorrect, "p_vocab_incorrect",
                    ScoreColumns::pVocabIncorrect, "probability mass", dir, "mass_" + stem));
            out.add(lines(task, f.rows(), "neg_log_p_vocab_correct", ScoreColumns::negLogPVocabCorrect,
                    "neg_log_p_vocab_incorrect", ScoreColumns::negLogPVocabIncorrect, "cross-entropy (nats)", dir,
                    "neg_log_mass_" + stem));
            out.add(MassScatter.write(task, f, minCompute, dir, "mass_scatter_" + stem));
        });
        return out;
    }

    /** The rows kept by the paper's filter, and the lower axis bound of the scatter. */
    record Filtered(List<ScoreRow> rows, double minValue) {}

    static Filtered filter(List<ScoreRow> rows, double minCompute) {
        double qx = Quantile.of(rows.stream().mapToDouble(ScoreColumns::pVocabCorrect).toArray(), 0.01);
        double qy = Quantile.of(rows.stream().mapToDouble(ScoreColumns::pVocabChoices).toArray(), 0.01);
        List<ScoreRow> kept = rows.stream().filter(r -> ScoreColumns.pVocabCorrect(r) >= qx
                && ScoreColumns.pVocabIncorrect(r) >= qy && r.compute() >= minCompute && r.compute() > 0).toList();
        return new Filtered(kept, Math.max(Math.min(qx, qy), 1e-50));
    }

    static Map<String, List<ScoreRow>> byTask(List<ScoreRow> scores) {
        Map<String, List<ScoreRow>> out = new TreeMap<>();
        for (ScoreRow r : scores) out.computeIfAbsent(r.task(), k -> new ArrayList<>()).add(r);
        return out;
    }

    /** Mean and standard error (ddof 1; NaN for one value) of a score per family and compute. */
    record Point(double compute, double mean, double se, int n) {}

    static Map<String, List<Point>> means(List<ScoreRow> rows, ToDoubleFunction<ScoreRow> y) {
        Map<String, Map<Double, List<Double>>> groups = new TreeMap<>();
        for (ScoreRow r : rows) {
            groups.computeIfAbsent(r.family(), k -> new TreeMap<>()).computeIfAbsent(r.compute(), k -> new ArrayList<>())
                    .add(y.applyAsDouble(r));
        }
        Map<String, List<Point>> out = new TreeMap<>();
        groups.forEach((family, byCompute) -> byCompute.forEach((compute, v) -> {
            int n = v.size();
            double mean = v.stream().mapToDouble(Double::doubleValue).sum() / n, ss = 0;
            for (double x : v) ss += (x - mean) * (x - mean);
            double se = n < 2 ? Double.NaN : Math.sqrt(ss / (n - 1)) / Math.sqrt(n);
            out.computeIfAbsent(family, k -> new ArrayList<>()).add(new Point(compute, mean, se, n));
        }));
        return out;
    }

    private static Path lines(String task, List<ScoreRow> rows, String scoreA, ToDoubleFunction<ScoreRow> a,
            String scoreB, ToDoubleFunction<ScoreRow> b, String yTitle, Path dir, String stem) {
        Map<String, List<Point>> ma = means(rows, a), mb = means(rows, b);
        // the paper's lower y bound, shared by both panels: a fifth of the smallest mean, at least 1e-16
        double smallest = Double.POSITIVE_INFINITY, largest = 0;
        for (Map<String, List<Point>> m : List.of(ma, mb)) {
            for (List<Point> ps : m.values()) {
                for (Point p : ps) {
                    if (!drawn(p)) continue;
                    smallest = Math.min(smallest, p.mean());
                    largest = Math.max(largest, p.mean() + (Double.isFinite(p.se()) ? 2 * p.se() : 0));
                }
            }
        }
        double yMin = Math.max(smallest / 5, 1e-16), yMax = Math.max(largest * 1.5, yMin * 10);
        double[] x = computeRange(rows);
        FigureCsv csv = new FigureCsv("compute", "mean", "mean_minus_2se", "mean_plus_2se");
        List<Figures.Panel> panels = List.of(panel(task, scoreA, ma, yTitle, x, yMin, yMax, csv),
                panel(task, scoreB, mb, yTitle, x, yMin, yMax, csv));
        return Figures.write(dir, stem, panels, 2, W, H, csv);
    }

    /** Compute axis bounds: the data's range widened by 10% each way (log scale). */
    static double[] computeRange(List<ScoreRow> rows) {
        double lo = rows.stream().mapToDouble(ScoreRow::compute).min().orElse(1), hi = rows.stream().mapToDouble(ScoreRow::compute).max().orElse(10);
        return new double[] {lo / 1.1, hi * 1.1};
    }

    private static Figures.Panel panel(String task, String score, Map<String, List<Point>> means, String yTitle,
            double[] x, double yMin, double yMax, FigureCsv csv) {
        XYChart c = Style.chart(W, H, Style.score(score) + "  (" + task + ")", "compute (FLOPs)", yTitle, false);
        Style.log10Axis(c, true);
        Style.log10Axis(c, false);
        Style.bounds(c, Math.log10(x[0]), Math.log10(x[1]), Math.log10(yMin), Math.log10(yMax));
        List<double[]> bars = new ArrayList<>();
        List<Color> barColors = new ArrayList<>();
        int i = 0;
        for (Map.Entry<String, List<Point>> f : means.entrySet()) {
            List<Point> ps = f.getValue().stream().filter(MassPlots::drawn).toList();
            Color color = Style.color(i++);
            if (ps.isEmpty()) continue;
            XYSeries s = c.addSeries(f.getKey(), Style.log10(ps.stream().mapToDouble(Point::compute).toArray()),
                    Style.log10(ps.stream().mapToDouble(Point::mean).toArray()));
            s.setMarker(SeriesMarkers.CIRCLE).setMarkerColor(color).setLineColor(color);
            s.setLineStyle(new BasicStroke(1.6f));
            for (Point p : ps) {
                double lo = p.mean() - 2 * p.se(), hi = p.mean() + 2 * p.se();
                csv.row(score, f.getKey(), p.compute(), p.mean(), lo, hi);
                if (Double.isFinite(p.se())) {
                    bars.add(new double[] {p.compute(), lo, hi});
                    barColors.add(color);
                }
            }
        }
        if (c.getSeriesMap().isEmpty()) PerDoc.empty(c);
        return new Figures.Panel(c, List.of((g, chart) -> errorBars(g, chart, bars, barColors, yMin)));
    }

    /** A mean that a log axis can show (a mass that underflowed to 0 has an infinite cross-entropy). */
    private static boolean drawn(Point p) {
        return p.mean() > 0 && Double.isFinite(p.mean());
    }

    /**
     * Vertical bars from mean − 2 SE to mean + 2 SE on the log axes; a lower end at or below the axis
     * (a negative one has no logarithm) is drawn to the axis.
     */
    private static void errorBars(Graphics2D g, XYChart chart, List<double[]> bars, List<Color> colors, double yMin) {
        Graphics2D b = (Graphics2D) g.create();
        b.setStroke(new BasicStroke(1.2f));
        for (int i = 0; i < bars.size(); i++) {
            double[] bar = bars.get(i);
            double sx = chart.getScreenXFromChart(Math.log10(bar[0]));
            double y0 = chart.getScreenYFromChart(Math.log10(Math.max(bar[1], yMin)));
            double y1 = chart.getScreenYFromChart(Math.log10(bar[2]));
            b.setColor(colors.get(i));
            b.draw(new Line2D.Double(sx, y0, sx, y1));
        }
        b.dispose();
    }

    static String flops(double compute) {
        return String.format(Locale.ROOT, "%.2g FLOPs", compute);
    }
}
