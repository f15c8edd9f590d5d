package org.elusive.sloth;

import java.awt.Color;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The figures of the paper's {@code interpretability_plots} notebook, as PNG and SVG with a CSV of
 * the cells or points drawn: the rotated loadings (skills × benchmarks), the rotated skills'
 * correlations, and each skill's level curves over model size and training tokens.
 */
public final class InterpretPlots {
    private InterpretPlots() {}

    /** matplotlib's coolwarm at its ends and middle, the notebook's colour map. */
    private static final Color[] COOLWARM = {new Color(59, 76, 192), new Color(221, 221, 221), new Color(180, 4, 38)};

    /**
     * The notebook's loadings heatmap: Λ_rot with a colour scale from −1 to 2 (its vmin, vmax), widened
     * to the loadings when they leave it so that no cell is clipped; loadings_heatmap.csv holds the cells.
     */
    public static void loadings(Interpretation in, Path out) {
        List<String> benchmarks = in.fit().benchmarks(), skills = in.skillNames();
        List<Number[]> cells = new ArrayList<>();
        List<List<Object>> rows = new ArrayList<>();
        double lo = -1, hi = 2;
        for (int s = 0; s < skills.size(); s++)
            for (int j = 0; j < benchmarks.size(); j++) {
                double v = in.loadings()[s][j];
                cells.add(new Number[] {j, skills.size() - 1 - s, v});
                rows.add(List.of(skills.get(s), benchmarks.get(j), v));
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
        HeatMapChart chart = heatmap("rotated loadings (" + in.method().label() + ")", 200 + 80 * benchmarks.size(),
                200 + 40 * skills.size(), Math.floor(lo * 100) / 100, Math.ceil(hi * 100) / 100);
        chart.setXAxisTitle("benchmark");
        chart.setYAxisTitle("skill");
        chart.addSeries("loading", benchmarks, topDown(skills), cells);
        TableOut.write(out, "loadings_heatmap", "csv", List.of("skill", "benchmark", "loading"), rows);
        SlothPlots.save(chart, out.resolve("loadings_heatmap"));
    }

    /**
     * The notebook's skill-correlation heatmap: the sample covariance of the rotated skills, whose
     * diagonal is 1 (so it is their correlation), on a scale from 0 to 1 (widened below 0 when a
     * correlation is negative); skill_correlation.csv holds the cells.
     */
    public static void correlation(Interpretation in, Path out) {
        List<String> skills = in.skillNames();
        List<Number[]> cells = new ArrayList<>();
        List<List<Object>> rows = new ArrayList<>();
        double lo = 0;
        for (int a = 0; a < skills.size(); a++)
            for (int b = 0; b < skills.size(); b++) {
                double v = in.correlation()[a][b];
                cells.add(new Number[] {b, skills.size() - 1 - a, v});
                rows.add(List.of(skills.get(a), skills.get(b), v));
                lo = Math.min(lo, v);
            }
        HeatMapChart chart = heatmap("skill correlation", 220 + 90 * skills.size(), 140 + 60 * skills.size(), Math.floor(lo * 100) / 100, 1);
        chart.addSeries("correlation", skills, topDown(skills), cells);
        TableOut.write(out, "skill_correlation", "csv", List.of("skill_row", "skill_col", "correlation"), rows);
        SlothPlots.save(chart, out.resolve("skill_correlation"));
    }

    /** Row labels bottom to top, so that the first skill is the top row, as matplotlib's imshow draws it. */
    private static List<String> topDown(List<String> rows) {
        List<String> out = new ArrayList<>(rows);
        java.util.Collections.reverse(out);
        return out;
    }

    private static HeatMapChart heatmap(String title, int width, int height, double min, double max) {
        HeatMapChart chart = new HeatMapChartBuilder().width(width).height(height).title(title).build();
        chart.getStyler().setShowValue(true);
        chart.getStyler().setHeatMapValueDecimalPattern("0.00");
        chart.getStyler().setDecimalPattern("0.00");
        chart.getStyler().setXAxisLabelRotation(45);
        chart.getStyler().setLegendVisible(true);
        chart.getStyler().setRangeColors(COOLWARM);
        chart.getStyler().setMin(min).setMax(max);
        return chart;
    }

    /**
     * One figure per skill (the notebook's subplots): the level curves of {@link LevelCurves} and the
     * fit's models as points; level_curves.csv holds every vertex and point, by skill.
     */
    public static void levelCurves(Interpretation in, Path out) {
        FitOutput fit = in.fit();
        int n = fit.models().size();
        double[] u = new double[n], v = new double[n];
        for (int i = 0; i < n; i++) {
            u[i] = Math.log10(fit.paramsB()[i]);
            v[i] = Math.log10(fit.tokensT()[i]);
        }
        double u0 = min(u), u1 = max(u), v0 = min(v), v1 = max(v);
        List<List<Object>> rows = new ArrayList<>();
        for (int s = 0; s < fit.k(); s++) {
            String skill = in.skillNames().get(s);
            LevelCurves.Skill f = LevelCurves.Skill.ofNatural(weight(in, "logT", s), weight(in, "logS", s), weight(in, "logSlogT", s));
            XYChart chart = new XYChartBuilder().width(560).height(480).title(skill + " (" + in.method().label() + ")")
                    .xAxisTitle("size (log10 billions of parameters)").yAxisTitle("training tokens (log10 trillions)").build();
            chart.getStyler().setMarkerSize(4);
            List<LevelCurves.Curve> curves = LevelCurves.curves(f, u0, u1, v0, v1);
            double lo = curves.stream().mapToDouble(LevelCurves.Curve::level).min().orElse(0);
            double hi = curves.stream().mapToDouble(LevelCurves.Curve::level).max().orElse(1);
            for (int c = 0; c < curves.size(); c++) {
                LevelCurves.Curve curve = curves.get(c);
                String name = String.format(java.util.Locale.ROOT, "%.3g", curve.level());
                if (chart.getSeriesMap().containsKey(name)) name += " (" + c + ")";
                XYSeries line = chart.addSeries(name, curve.u(), curve.v());
                line.setMarker(SeriesMarkers.NONE);
                line.setLineStyle(SeriesLines.SOLID);
                line.setLineColor(shade((curve.level() - lo) / Math.max(hi - lo, 1e-300)));
                for (int p = 0; p < curve.u().length; p++)
                    rows.add(List.of(skill, "level", curve.level(), c, "", curve.u()[p], curve.v()[p]));
            }
            XYSeries models = chart.addSeries("models", u, v);
            models.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            models.setMarker(SeriesMarkers.CIRCLE);
            models.setMarkerColor(Color.DARK_GRAY);
            for (int i = 0; i < n; i++) rows.add(List.of(skill, "model", f.value(u[i], v[i]), -1, fit.models().get(i), u[i], v[i]));
            SlothPlots.save(chart, out.resolve("level_curves_" + skill));
        }
        TableOut.write(out, "level_curves", "csv", List.of("skill", "kind", "value", "curve", "model", "log10_params_b", "log10_tokens_t"), rows);
    }

    /** The rotated map's weight of a scaling feature; a fit without it (it has all three) weighs it 0. */
    private static double weight(Interpretation in, String feature, int skill) {
        int row = in.fit().features().indexOf(feature);
        return row < 0 ? 0 : in.map()[row][skill];
    }

    /** Coolwarm interpolated at t ∈ [0, 1]. */
    private static Color shade(double t) {
        double x = Math.max(0, Math.min(1, t)) * 2;
        Color a = COOLWARM[x < 1 ? 0 : 1], b = COOLWARM[x < 1 ? 1 : 2];
        double w = x < 1 ? x : x - 1;
        return new Color((int) Math.round(a.getRed() + w * (b.getRed() - a.getRed())),
                (int) Math.round(a.getGreen() + w * (b.getGreen() - a.getGreen())), (int) Math.round(a.getBlue() + w * (b.getBlue() - a.getBlue())));
    }

    private static double min(double[] a) { return java.util.Arrays.stream(a).min().orElseThrow(); }

    private static double max(double[] a) { return java.util.Arrays.stream(a).max().orElseThrow(); }
}
