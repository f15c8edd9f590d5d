package org.elusive.demo;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.elusive.forecast.Backtest;
import org.elusive.forecast.ForecastTables;
import org.elusive.forecast.Methods;
import org.elusive.forecast.Panel;
import org.elusive.forecast.Panels;
import org.elusive.forecast.ScalingSets;
import org.elusive.forecast.Split;
import org.elusive.plot.BacktestPlots;
import org.elusive.store.RawTable;
import org.elusive.store.TableFormat;

/**
 * The demo's backtest (docs/forecast.md): every forecasting method fitted on the smaller checkpoints of
 * the family and scored on the largest {@value #HOLDOUT_PERCENT}% by compute, as
 * {@code elusive forecast backtest --choices <sweep>/choices --holdout-largest K} does; and the report's
 * "Forecasting" section, whose every number is read back from the tables the backtest wrote.
 */
final class DemoForecast {
    static final int HOLDOUT_PERCENT = 40;

    private DemoForecast() {}

    /** Runs the backtest into {@code <out>/forecast} and the figure into {@code <out>/figures}; the report section. */
    static String run(Path sweep, Path out) {
        List<Panel> panels = Panels.fromChoices(Panels.choiceFiles(sweep.resolve("choices")), ScalingSets.families(List.of()));
        int n = panels.get(0).checkpoints().size(), k = Math.max(1, n * HOLDOUT_PERCENT / 100);
        if (n - k < Split.MIN_TRAIN) {
            return "## Forecasting\n\nNot run: " + n + " checkpoints, and a backtest needs " + (Split.MIN_TRAIN + 1)
                    + " or more (run the full demo).\n";
        }
        Backtest.Result r = Backtest.run(panels, Backtest.Protocol.holdoutLargest(k));
        Path dir = out.resolve("forecast");
        ForecastTables.writePredictions(dir.resolve("predictions.parquet"), TableFormat.PARQUET, r.rows());
        ForecastTables.writeSummary(dir.resolve("summary.parquet"), TableFormat.PARQUET, r.summary());
        Path png = BacktestPlots.write(r, out.resolve("figures"), "forecast");
        return section(RawTable.read(dir.resolve("summary.parquet")), RawTable.read(dir.resolve("predictions.parquet")),
                k, n, out.relativize(png).toString(), r.notes());
    }

    static String section(RawTable summary, RawTable predictions, int k, int n, String figure, List<String> notes) {
        StringBuilder md = new StringBuilder("## Forecasting\n\n");
        md.append(String.format(Locale.ROOT, "Every method is fitted on the %d smallest of the %d checkpoints by compute and "
                + "predicts the %d largest (`elusive forecast backtest --holdout-largest %d`; methods: "
                + "docs/forecast.md). Mean absolute error over the held-out checkpoints "
                + "(– : the method does not predict that score):%n%n", n - k, n, k, k));
        md.append("| set | benchmark | method | held out | MAE acc | MAE Brier | MAE p_choices(correct) |\n|---|---|---|---:|---:|---:|---:|\n");
        for (String[] row : summary.rows()) {
            md.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s |%n", row[0], row[1], row[2], row[3],
                    num(row[4]), num(row[5]), num(row[6])));
        }
        md.append("\nAccuracy of each held-out checkpoint, observed and predicted:\n\n");
        md.append(predictionTable(predictions));
        for (String note : notes) md.append("\nNote: ").append(note).append('\n');
        md.append("\n![").append(figure).append("](").append(figure).append(")\n");
        return md.toString();
    }

    /** One row per held-out (benchmark, checkpoint): the observed accuracy, then each method's prediction. */
    private static String predictionTable(RawTable t) {
        Map<String, Map<String, String>> rows = new LinkedHashMap<>();
        Map<String, String> observed = new LinkedHashMap<>();
        List<String> methods = new ArrayList<>();
        for (String[] r : t.rows()) {
            String key = r[1] + " | " + r[2] + "@" + r[3] + " | " + String.format(Locale.ROOT, "%.3g", Double.parseDouble(r[4]));
            rows.computeIfAbsent(key, x -> new LinkedHashMap<>()).put(r[5], r[6]);
            observed.put(key, r[7]);
            if (!methods.contains(r[5])) methods.add(r[5]);
        }
        methods.sort(java.util.Comparator.comparingInt(Methods.NAMES::indexOf));
        StringBuilder md = new StringBuilder("| benchmark | checkpoint | compute | observed acc |");
        methods.forEach(m -> md.append(' ').append(m).append(" |"));
        md.append("\n|---|---|---:|---:|").append("---:|".repeat(methods.size())).append('\n');
        rows.forEach((key, byMethod) -> {
            md.append("| ").append(key).append(" | ").append(num(observed.get(key))).append(" |");
            methods.forEach(m -> md.append(' ').append(num(byMethod.get(m))).append(" |"));
            md.append('\n');
        });
        return md.toString();
    }

    /** A cell read from a table as text, printed with 3 decimals; NaN or missing as a dash. */
    private static String num(String cell) {
        if (cell == null) return "–";
        double v = Double.parseDouble(cell);
        return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, "%.3f", v);
    }
}
