package org.elusive.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;
import org.elusive.rows.ScoreRow;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The Elusive paper's per-doc scatters across the transformation stages (notebook 04), one figure
 * {@code stages_<task>} per task, a point per (doc, checkpoint) coloured by family:
 * p_vocab(correct) (log axis, i.e. log p_vocab) → p_choices(correct), p_vocab(correct) → Brier,
 * p_choices(correct) → Brier, and accuracy as the paper draws it, the fraction of docs with accuracy
 * 1 per bin of p_choices(correct) (30 equal bins on [0, 1], at their left edges rounded to 2 decimals)
 * and per bin of p_vocab(correct) (30 log-spaced bins from its 1% quantile to 1). Log axes start at
 * the 1% quantile of p_vocab(correct), as the paper's; points left of it are not drawn. The CSV holds
 * the values; a log axis draws their log10.
 */
public final class StagePlots {
    private StagePlots() {}

    private static final int W = 520, H = 380, BINS = 30;

    public static List<Path> write(List<ScoreRow> scores, Path dir) {
        List<Path> out = new ArrayList<>();
        MassPlots.byTask(scores).forEach((task, rows) -> {
            double q = Quantile.of(rows.stream().mapToDouble(ScoreColumns::pVocabCorrect).toArray(), 0.01);
            double lo = q > 0 ? q : rows.stream().mapToDouble(ScoreColumns::pVocabCorrect).filter(v -> v > 0).min().orElse(1e-50);
            Map<String, List<ScoreRow>> byFamily = new TreeMap<>();
            for (ScoreRow r : rows) byFamily.computeIfAbsent(r.family(), k -> new ArrayList<>()).add(r);
            double brierMax = rows.stream().mapToDouble(ScoreColumns::brier).filter(Double::isFinite).max().orElse(1);
            FigureCsv csv = new FigureCsv("x", "y");
            List<Figures.Panel> panels = new ArrayList<>();
            panels.add(scatter(task, byFamily, "p_vocab_correct", ScoreColumns::pVocabCorrect, new double[] {lo, 1.05}, true,
                    "p_choices_correct", ScoreColumns::pChoicesCorrect, new double[] {0, 1}, csv));
            panels.add(scatter(task, byFamily, "p_vocab_correct", ScoreColumns::pVocabCorrect, new double[] {lo, 1.05}, true,
                    "brier", ScoreColumns::brier, new double[] {0, brierMax}, csv));
            panels.add(scatter(task, byFamily, "p_choices_correct", ScoreColumns::pChoicesCorrect, new double[] {0, 1}, false,
                    "brier", ScoreColumns::brier, new double[] {0, brierMax}, csv));
            panels.add(accuracy(task, byFamily, "p_choices_correct", ScoreColumns::pChoicesCorrect, linearEdges(), false, csv));
            panels.add(accuracy(task, byFamily, "p_vocab_correct", ScoreColumns::pVocabCorrect, logEdges(lo), true, csv));
            out.add(Figures.write(dir, "stages_" + Style.safe(task), panels, 3, W, H, csv));
        });
        return out;
    }

    private static Figures.Panel scatter(String task, Map<String, List<ScoreRow>> byFamily, String xScore,
            ToDoubleFunction<ScoreRow> xf, double[] xRange, boolean xLog, String yScore, ToDoubleFunction<ScoreRow> yf,
            double[] yRange, FigureCsv csv) {
        XYChart c = Style.chart(W, H, task, Style.score(xScore), Style.score(yScore), false);
        if (xLog) Style.log10Axis(c, true);
        Style.bounds(c, xLog ? Math.log10(xRange[0]) : xRange[0], xLog ? Math.log10(xRange[1]) : xRange[1], yRange[0],
                yRange[1] > yRange[0] ? yRange[1] : yRange[0] + 1);
        PointCloud cloud = new PointCloud();
        String panel = yScore + " vs " + xScore;
        int i = 0;
        for (Map.Entry<String, List<ScoreRow>> f : byFamily.entrySet()) {
            Color color = Style.color(i++);
            List<double[]> pts = new ArrayList<>();
            for (ScoreRow r : f.getValue()) {
                double x = xf.applyAsDouble(r), y = yf.applyAsDouble(r);
                if (x >= xRange[0] && Double.isFinite(x) && Double.isFinite(y)) pts.add(new double[] {x, y});
            }
            double[] xs = pts.stream().mapToDouble(p -> p[0]).toArray(), ys = pts.stream().mapToDouble(p -> p[1]).toArray();
            double[] drawnX = xLog ? Style.log10(xs) : xs;
            cloud.add(drawnX, ys, color);
            PointCloud.legend(c, f.getKey(), drawnX, ys, color);
            for (int k = 0; k < xs.length; k++) csv.row(panel, f.getKey(), xs[k], ys[k]);
        }
        if (c.getSeriesMap().isEmpty()) PerDoc.empty(c);
        return new Figures.Panel(c, List.of(cloud));
    }

    /** Fraction of accuracy 1 per bin of a score, one line per family, a dashed line at 0.5. */
    private static Figures.Panel accuracy(String task, Map<String, List<ScoreRow>> byFamily, String xScore,
            ToDoubleFunction<ScoreRow> xf, double[][] edgesAndLabels, boolean xLog, FigureCsv csv) {
        double[] edges = edgesAndLabels[0], labels = edgesAndLabels[1];
        XYChart c = Style.chart(W, H, task, Style.score(xScore), "fraction of docs with accuracy 1", false);
        if (xLog) Style.log10Axis(c, true);
        Style.bounds(c, xLog ? Math.log10(edges[0]) : 0, xLog ? Math.log10(1.05) : 1, 0, 1);
        String panel = "accuracy vs " + xScore + " bin";
        int i = 0;
        for (Map.Entry<String, List<ScoreRow>> f : byFamily.entrySet()) {
            double[] sum = new double[BINS];
            int[] n = new int[BINS];
            for (ScoreRow r : f.getValue()) {
                int b = Quantile.bin(xf.applyAsDouble(r), edges);
                if (b >= 0) { sum[b] += ScoreColumns.acc(r); n[b]++; }
            }
            List<double[]> pts = new ArrayList<>();
            for (int b = 0; b < BINS; b++) if (n[b] > 0) pts.add(new double[] {labels[b], sum[b] / n[b]});
            Color color = Style.color(i++);
            if (pts.isEmpty()) continue;
            double[] xs = pts.stream().mapToDouble(p -> p[0]).toArray();
            XYSeries s = c.addSeries(f.getKey(), xLog ? Style.log10(xs) : xs, pts.stream().mapToDouble(p -> p[1]).toArray());
            s.setMarker(SeriesMarkers.CIRCLE).setMarkerColor(color).setLineColor(color);
            s.setLineStyle(new BasicStroke(1.4f));
            for (double[] p : pts) csv.row(panel, f.getKey(), p[0], p[1]);
        }
        double halfX = xLog ? Math.log10(0.5) : 0.5;
        XYSeries half = c.addSeries("p = 0.5", new double[] {halfX, halfX}, new double[] {0, 1});
        half.setMarker(SeriesMarkers.NONE).setLineColor(Color.BLACK);
        half.setLineStyle(new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {5f, 4f}, 0f));
        return new Figures.Panel(c);
    }

    /** np.linspace(0, 1, 31) and its left edges rounded to 2 decimals (the paper's bin labels). */
    static double[][] linearEdges() {
        double[] e = Kde.linspace(0, 1, BINS + 1), labels = new double[BINS];
        for (int b = 0; b < BINS; b++) labels[b] = Math.rint(e[b] * 100) / 100;
        return new double[][] {e, labels};
    }

    /** np.logspace(log10(lo), 0, 31) and its left edges. */
    static double[][] logEdges(double lo) {
        double[] exps = Kde.linspace(Math.log10(lo), 0, BINS + 1), e = new double[BINS + 1];
        for (int b = 0; b <= BINS; b++) e[b] = Math.pow(10, exps[b]);
        return new double[][] {e, Arrays.copyOf(e, BINS)};
    }
}
