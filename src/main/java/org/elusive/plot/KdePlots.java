package org.elusive.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.elusive.rows.CorrelationRow;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The Elusive paper's KDEs of the per-sample correlations (notebook 03): for each (task, score) one
 * panel per correlation method, one density per family, each family normalised on its own
 * ({@link Kde}, seaborn's {@code common_norm=False}) and clipped to [-1, 1]. The CSV holds the 200
 * grid points of each curve.
 */
public final class KdePlots {
    private KdePlots() {}

    /** Writes {@code kde_<task>_<score>.png/.svg/.csv}; returns the PNG paths. */
    public static List<Path> write(List<CorrelationRow> rows, Path dir) {
        List<Path> out = new ArrayList<>();
        PerDoc.byTaskScore(rows).forEach((key, byMethod) -> {
            FigureCsv csv = new FigureCsv("correlation", "density");
            List<Figures.Panel> panels = new ArrayList<>();
            byMethod.forEach((method, byFamily) -> panels.add(panel(key, method, byFamily, csv)));
            out.add(Figures.write(dir, "kde_" + Style.safe(key.task()) + "_" + Style.safe(key.score()), panels,
                    panels.size(), CorrelationPlots.PANEL_W, CorrelationPlots.PANEL_H, csv));
        });
        return out;
    }

    private static Figures.Panel panel(PerDoc.Key key, String method, Map<String, Map<Long, Double>> byFamily, FigureCsv csv) {
        XYChart c = Style.chart(CorrelationPlots.PANEL_W, CorrelationPlots.PANEL_H,
                Style.score(key.score()) + "  (" + key.task() + ")",
                Style.method(method) + " correlation with log compute, per doc", "density", false);
        // XChart steps its ticks from the first series' data, not the axis bounds (a curve starting at
        // -0.58 gave ticks at 0.01, 0.21, …): an invisible first series over [-1, 1]
        XYSeries span = c.addSeries(" ", new double[] {-1, 1}, new double[] {0, 0});
        span.setMarker(SeriesMarkers.NONE).setLineColor(new Color(0, 0, 0, 0)).setShowInLegend(false);
        double top = 0;
        int i = 0;
        for (Map.Entry<String, Map<Long, Double>> f : byFamily.entrySet()) {
            double[] v = f.getValue().values().stream().mapToDouble(Double::doubleValue).toArray();
            double[][] curve = Kde.of(v, -1, 1);
            int color = i++;
            if (curve == null) continue;
            XYSeries s = c.addSeries(f.getKey(), curve[0], curve[1]);
            s.setMarker(SeriesMarkers.NONE).setLineColor(Style.color(color));
            s.setLineStyle(new BasicStroke(1.8f));
            for (int k = 0; k < curve[0].length; k++) {
                csv.row(method, f.getKey(), curve[0][k], curve[1][k]);
                top = Math.max(top, curve[1][k]);
            }
        }
        Style.bounds(c, -1, 1, 0, top > 0 ? top * 1.05 : 1);

        return new Figures.Panel(c);
    }
}
