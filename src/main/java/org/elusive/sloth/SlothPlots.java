package org.elusive.sloth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** Predicted vs actual score per benchmark, one series per method, as PNG and SVG. */
public final class SlothPlots {
    private SlothPlots() {}

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
            String name = "pred_vs_actual_" + b.replaceAll("[^A-Za-z0-9]+", "_");
            try {
                BitmapEncoder.saveBitmap(chart, out.resolve(name).toString(), BitmapEncoder.BitmapFormat.PNG);
                VectorGraphicsEncoder.saveVectorGraphic(chart, out.resolve(name).toString(), VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
