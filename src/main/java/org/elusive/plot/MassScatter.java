package org.elusive.plot;

import java.awt.Color;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.elusive.rows.ScoreRow;
import org.knowm.xchart.XYChart;

/**
 * The joint scatter of notebook 05: per family, the incorrect-choice mass against p_vocab(correct) of
 * every (doc, checkpoint), both on log axes from the filter's lower bound to 1, coloured by compute
 * on seaborn's "mako" map under a log norm from {@code minCompute} (the smallest compute when that is
 * 0) to 1.1 × the largest compute, as the paper's LogNorm.
 * The legend shows the colours of the family's checkpoints (at most six of them, evenly spread).
 */
final class MassScatter {
    private MassScatter() {}

    private static final int W = 520, H = 420, LEGEND_ENTRIES = 6;

    /** seaborn's mako at 0, 0.25, 0.5, 0.75, 1 (from its colormap table). */
    private static final Color[] MAKO = {new Color(11, 4, 5), new Color(62, 53, 107), new Color(53, 123, 162),
            new Color(73, 193, 173), new Color(222, 245, 229)};

    static Path write(String task, MassPlots.Filtered f, double minCompute, Path dir, String stem) {
        double maxCompute = f.rows().stream().mapToDouble(ScoreRow::compute).max().orElse(1) * 1.1;
        double lowest = f.rows().stream().mapToDouble(ScoreRow::compute).min().orElse(1);
        double vmin = minCompute > 0 ? minCompute : lowest;
        Map<String, List<ScoreRow>> byFamily = new TreeMap<>();
        for (ScoreRow r : f.rows()) byFamily.computeIfAbsent(r.family(), k -> new ArrayList<>()).add(r);
        FigureCsv csv = new FigureCsv("compute", "p_vocab_correct", "p_vocab_incorrect");
        List<Figures.Panel> panels = new ArrayList<>();
        byFamily.forEach((family, rows) -> {
            XYChart c = Style.chart(W, H, family + "  (" + task + ")", Style.score("p_vocab_correct"),
                    Style.score("p_vocab_incorrect"), false);
            Style.log10Axis(c, true);
            Style.log10Axis(c, false);
            Style.bounds(c, Math.log10(f.minValue()), 0, Math.log10(f.minValue()), 0);
            int n = rows.size();
            double[] x = new double[n], y = new double[n];
            Color[] colors = new Color[n];
            for (int i = 0; i < n; i++) {
                ScoreRow r = rows.get(i);
                x[i] = ScoreColumns.pVocabCorrect(r);
                y[i] = ScoreColumns.pVocabIncorrect(r);
                colors[i] = color(r.compute(), vmin, maxCompute);
                csv.row(family, "compute", r.compute(), x[i], y[i]);
            }
            double[] lx = Style.log10(x), ly = Style.log10(y);
            legend(c, rows, lx, ly, vmin, maxCompute);
            panels.add(new Figures.Panel(c, List.of(new PointCloud().add(lx, ly, colors))));
        });
        return Figures.write(dir, stem, panels, 3, W, H, csv);
    }

    /** A legend entry per shown checkpoint compute, its marker at one of its points. */
    private static void legend(XYChart c, List<ScoreRow> rows, double[] x, double[] y, double vmin, double vmax) {
        List<Double> computes = rows.stream().map(ScoreRow::compute).distinct().sorted().toList();
        int k = Math.min(LEGEND_ENTRIES, computes.size());
        for (int j = 0; j < k; j++) {
            double compute = computes.get(k == 1 ? 0 : (int) Math.round(j * (computes.size() - 1) / (double) (k - 1)));
            for (int i = 0; i < rows.size(); i++) {
                if (rows.get(i).compute() == compute && Double.isFinite(x[i]) && Double.isFinite(y[i])) {
                    PointCloud.legend(c, MassPlots.flops(compute), new double[] {x[i]}, new double[] {y[i]},
                            color(compute, vmin, vmax));
                    break;
                }
            }
        }
        if (c.getSeriesMap().isEmpty()) PerDoc.empty(c);
    }

    /** mako at log10(compute) between log10(vmin) and log10(vmax), clamped to the ends. */
    static Color color(double compute, double vmin, double vmax) {
        double t = (Math.log10(compute) - Math.log10(vmin)) / (Math.log10(vmax) - Math.log10(vmin));
        t = Double.isFinite(t) ? Math.max(0, Math.min(1, t)) : 0;
        double pos = t * (MAKO.length - 1);
        int i = Math.min((int) pos, MAKO.length - 2);
        double u = pos - i;
        Color a = MAKO[i], b = MAKO[i + 1];
        return new Color((int) Math.round(a.getRed() + u * (b.getRed() - a.getRed())),
                (int) Math.round(a.getGreen() + u * (b.getGreen() - a.getGreen())),
                (int) Math.round(a.getBlue() + u * (b.getBlue() - a.getBlue())));
    }
}
