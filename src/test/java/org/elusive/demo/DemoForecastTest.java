package org.elusive.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.elusive.forecast.Methods;
import org.elusive.rows.ChoiceRow;
import org.elusive.store.RawTable;
import org.elusive.store.TableFormat;
import org.elusive.store.Tables;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report's Forecasting section: the backtest of a sweep's choices, every number as its tables hold it. */
class DemoForecastTest {
    @TempDir Path tmp;

    @Test void sectionQuotesTheSummaryTable() throws Exception {
        List<ChoiceRow> rows = new ArrayList<>();
        for (int j = 0; j < 12; j++) {
            double x = 8 + 0.25 * j;
            for (int d = 0; d < 24; d++) {
                for (int c = 0; c < 4; c++) {
                    boolean gold = c == d % 4;
                    double ll = gold ? -0.3 - 2 * Math.exp(-(x - 8) * (0.5 + d % 3 * 0.2)) : -1.5 - 0.2 * c - 0.1 * (x - 8) - 0.01 * d;
                    rows.add(new ChoiceRow("demo", "m", "step" + j, 10, 1e3, Math.pow(10, x), "demo_facts", d, c, gold, ll,
                            1, 1, 1, false, null));
                }
            }
        }
        Path sweep = tmp.resolve("sweep");
        Files.createDirectories(sweep.resolve("choices/demo"));
        Tables.writeChoices(sweep.resolve("choices/demo/unit.parquet"), rows, TableFormat.PARQUET);
        String md = DemoForecast.run(sweep, tmp);

        assertTrue(md.startsWith("## Forecasting\n"), md);
        assertTrue(md.contains("fitted on the 8 smallest of the 12 checkpoints by compute and predicts the 4 largest"), md);
        RawTable summary = RawTable.read(tmp.resolve("forecast/summary.parquet"));
        assertEquals(2 * Methods.NAMES.size(), summary.rows().size());
        for (String[] r : summary.rows()) {
            String acc = String.format(Locale.ROOT, "%.3f", Double.parseDouble(r[4]));
            assertTrue(md.contains("| " + r[0] + " | " + r[1] + " | " + r[2] + " | 4 | " + acc + " |"), "row " + String.join(",", r));
        }
        assertEquals(4 * Methods.NAMES.size(), RawTable.read(tmp.resolve("forecast/predictions.parquet")).rows().size());
        assertTrue(md.contains("![figures/forecast.png](figures/forecast.png)"));
        assertTrue(Files.size(tmp.resolve("figures/forecast.png")) > 1000);
    }
}
