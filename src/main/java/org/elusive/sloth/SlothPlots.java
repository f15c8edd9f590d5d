package org.elusive.sloth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** The backtest's figures, as PNG and SVG: predicted vs actual per benchmark, and the prediction-error heatmap. */
public final class SlothPlots {
    private SlothPlots() {}

    /**
     * The paper's prediction-error heatmap (its results_plots notebook): the family-averaged MAE of
     * every method (rows) on every benchmark and pooled (columns); errors_heatmap.csv holds the cells drawn.
     */
    public static void errorHeatmap(Backtest.Result r, Path out) {
        List<String> methods = r.predictions().stream().map(Backtest.Prediction::method).distinct().toList();
        List<String> columns = new ArrayList<>(r.design().benchmarks());
        columns.add("all");
        List<Number[]> cells = new ArrayList<>();
        List<List<Object>> rows = new ArrayList<>();
        for (Backtest.Summary s : r.summary()) {
            int x = columns.indexOf(s.benchmark()), y = methods.indexOf(s.method());
            cells.add(new Number[] {x, y, s.maeFamilyAvg()});
            rows.add(List.of(s.method(), s.benchmark(), s.maeFamilyAvg()));
        }
        HeatMapChart chart = new HeatMapChartBuilder().width(160 + 90 * columns.size()).height(140 + 22 * methods.size())
                .title("MAE per held-out group, averaged").xAxisTitle("benchmark").yAxisTitle("method").build();
        chart.getStyler().setShowValue(true);
        chart.getStyler().setLegendVisible(true);
        chart.addSeries("MAE", columns, methods, cells);
        TableOut.write(out, "errors_heatmap", "csv", List.of("method", "benchmark", "mae_family_avg"), rows);
        save(chart, out.resolve("errors_heatmap"));
    }

    public static void predictedVsActual(Backtest.Result r, Path out) {
        List<String> methods = r.predictions().stream().map(Backtest.Prediction::method).distinct().toList();
        for (String b : r.design().benchmarks()) {
            XYChart chart = new XYChartBuilder().width(640).height(560).title(b + ": held-out families")
                    .xAxisTitle("actual").yAxisTitle("predicted").build();
            chart.getStyler().setMarkerSize(5);
            chart.getStyler().setXAxisMin(0.0).setXAxisMax(1.0).setYAxisMin(0.0).setYAxisMax(1.0);
            XYSeries diag = chart.addSeries("y = x", new double[] {0, 1}, new double[] {0, 1});
            diag.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
            diag.setMarker(SeriesMarkers.NONE);
            for (String m : methods) {
                List<Backtest.Prediction> ps = r.predictions().stream()
                        .filter(p -> p.method().equals(m) && p.benchmark().equals(b)).toList();
                if (ps.isEmpty()) continue;
                double[] xs = ps.stream().mapToDouble(Backtest.Prediction::actual).toArray();
                double[] ys = ps.stream().mapToDouble(Backtest.Prediction::predicted).toArray();
                XYSeries s = chart.addSeries(m, xs, ys);
                s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            }
            save(chart, out.resolve("pred_vs_actual_" + b.replaceAll("[^A-Za-z0-9]+", "_")));
        }
    }

    /**
     * The fitted link functions (the paper's link_functions_plots notebook): per benchmark, the score
     * c_j + (1 − c_j)·g_j(z) over z in [−6, 6] (step 0.1), g_j the sigmoid or the trainable link;
     * links.csv holds every point drawn with g_j(z) beside it.
     */
    public static void links(SlothFit fit, Path out) {
        SlothParams p = fit.params();
        List<String> benchmarks = fit.design().benchmarks();
        XYChart chart = new XYChartBuilder().width(640).height(480).title("link functions").xAxisTitle("z = Λᵀθ + b")
                .yAxisTitle("predicted score").build();
        chart.getStyler().setMarkerSize(0);
        List<List<Object>> rows = new ArrayList<>();
        for (int j = 0; j < benchmarks.size(); j++) {
            double[] zs = new double[121], ys = new double[121];
            for (int t = 0; t < zs.length; t++) {
                zs[t] = -6 + 0.1 * t;
                double g = p.link() == null ? SlothKernel.sigmoid(zs[t]) : p.link().apply(j, zs[t]);
                ys[t] = p.floor()[j] + (1 - p.floor()[j]) * g;
                rows.add(List.of(benchmarks.get(j), zs[t], g, ys[t]));
            }
            chart.addSeries(benchmarks.get(j), zs, ys).setMarker(SeriesMarkers.NONE);
        }
        TableOut.write(out, "links", "csv", List.of("benchmark", "z", "link", "score"), rows);
        save(chart, out.resolve("links"));
    }

    /** The chart as file.png and file.svg (XChart's own SVG writer: the compact one lives in plot, which comes after sloth). */
    static void save(org.knowm.xchart.internal.chartpart.Chart<?, ?> chart, Path file) {
        try {
            BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
            VectorGraphicsEncoder.saveVectorGraphic(chart, file.toString(), VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
