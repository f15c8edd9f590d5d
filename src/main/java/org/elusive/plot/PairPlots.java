package org.elusive.plot;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.elusive.rows.CorrelationRow;
import org.knowm.xchart.XYChart;

/**
 * The Elusive paper's per-doc scatters of correlations (notebook 03), for each (task, score): one
 * correlation method against another (a point per doc and family, coloured by family) and one family
 * against another (a point per doc and method, coloured by method; docs matched by id). A doc whose
 * correlation is NaN under either coordinate is not drawn. Axes are [-1, 1] both ways.
 */
public final class PairPlots {
    private PairPlots() {}

    private static final int SIDE = 360;

    /** Writes {@code methods_<task>_<score>} and/or {@code families_<task>_<score>} (.png/.svg/.csv). */
    public static List<Path> write(List<CorrelationRow> rows, Path dir, boolean methodPairs, boolean familyPairs) {
        List<Path> out = new ArrayList<>();
        PerDoc.byTaskScore(rows).forEach((key, byMethod) -> {
            String stem = Style.safe(key.task()) + "_" + Style.safe(key.score());
            List<String> methods = List.copyOf(byMethod.keySet());
            if (methodPairs && methods.size() >= 2) {
                FigureCsv csv = new FigureCsv("x_correlation", "y_correlation");
                List<Figures.Panel> panels = new ArrayList<>();
                for (int a = 0; a < methods.size(); a++) {
                    for (int b = a + 1; b < methods.size(); b++) {
                        panels.add(methodPanel(key, methods.get(a), methods.get(b), byMethod, csv));
                    }
                }
                out.add(Figures.write(dir, "methods_" + stem, panels, 3, SIDE + 140, SIDE, csv));
            }
            List<String> families = byMethod.values().stream().flatMap(m -> m.keySet().stream()).distinct().sorted().toList();
            if (familyPairs && families.size() >= 2) {
                FigureCsv csv = new FigureCsv("x_correlation", "y_correlation");
                List<Figures.Panel> panels = new ArrayList<>();
                for (int a = 0; a < families.size(); a++) {
                    for (int b = a + 1; b < families.size(); b++) {
                        panels.add(familyPanel(key, families.get(a), families.get(b), byMethod, csv));
                    }
                }
                out.add(Figures.write(dir, "families_" + stem, panels, 3, SIDE + 140, SIDE, csv));
            }
        });
        return out;
    }

    private static Figures.Panel methodPanel(PerDoc.Key key, String mx, String my,
            Map<String, Map<String, Map<Long, Double>>> byMethod, FigureCsv csv) {
        XYChart c = square(key, Style.method(mx) + " correlation with log compute", Style.method(my) + " correlation with log compute");
        PointCloud cloud = new PointCloud();
        List<String> families = byMethod.values().stream().flatMap(m -> m.keySet().stream()).distinct().sorted().toList();
        for (int i = 0; i < families.size(); i++) {
            String f = families.get(i);
            double[][] xy = matched(byMethod.get(mx).getOrDefault(f, Map.of()), byMethod.get(my).getOrDefault(f, Map.of()));
            add(c, cloud, f, xy, i, Style.method(mx) + " vs " + Style.method(my), csv);
        }
        return finish(c, cloud);
    }

    private static Figures.Panel familyPanel(PerDoc.Key key, String fx, String fy,
            Map<String, Map<String, Map<Long, Double>>> byMethod, FigureCsv csv) {
        XYChart c = square(key, "correlation with log compute, " + fx, "correlation with log compute, " + fy);
        PointCloud cloud = new PointCloud();
        int i = 0;
        for (Map.Entry<String, Map<String, Map<Long, Double>>> m : byMethod.entrySet()) {
            double[][] xy = matched(m.getValue().getOrDefault(fx, Map.of()), m.getValue().getOrDefault(fy, Map.of()));
            add(c, cloud, Style.method(m.getKey()), xy, i++, fx + " vs " + fy, csv);
        }
        return finish(c, cloud);
    }

    /** The docs present in both, with both correlations not NaN, by doc id. */
    static double[][] matched(Map<Long, Double> x, Map<Long, Double> y) {
        List<double[]> pts = new ArrayList<>();
        x.forEach((doc, cx) -> {
            Double cy = y.get(doc);
            if (cy != null && !Double.isNaN(cx) && !Double.isNaN(cy)) pts.add(new double[] {cx, cy});
        });
        return new double[][] {pts.stream().mapToDouble(p -> p[0]).toArray(), pts.stream().mapToDouble(p -> p[1]).toArray()};
    }

    private static void add(XYChart c, PointCloud cloud, String series, double[][] xy, int color, String panel, FigureCsv csv) {
        if (xy[0].length == 0) return;
        cloud.add(xy[0], xy[1], Style.color(color));
        PointCloud.legend(c, series + " (" + xy[0].length + " docs)", xy[0], xy[1], Style.color(color));
        for (int k = 0; k < xy[0].length; k++) csv.row(panel, series, xy[0][k], xy[1][k]);
    }

    private static XYChart square(PerDoc.Key key, String xTitle, String yTitle) {
        XYChart c = Style.chart(SIDE + 140, SIDE, Style.score(key.score()) + "  (" + key.task() + ")", xTitle, yTitle, false);
        Style.bounds(c, -1, 1, -1, 1);
        return c;
    }

    private static Figures.Panel finish(XYChart c, PointCloud cloud) {
        if (c.getSeriesMap().isEmpty()) PerDoc.empty(c);
        return new Figures.Panel(c, List.of(cloud));
    }
}
