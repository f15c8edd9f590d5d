package org.elusive.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.elusive.cli.Main;
import org.elusive.rows.CorrelationSummaryRow;
import org.elusive.rows.ScoreRow;
import org.elusive.store.Tables;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A reduced demo (one size, two checkpoints) through the CLI, and its report checked against its tables. */
class DemoTest {

    @Test
    void reducedDemoReportsWhatItsTablesSay(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("demo");
        String[] args = {"demo", "--out", out.toString(), "--sizes", "xs", "--steps", "10,30", "--entities", "12"};
        assertEquals(0, Main.run(args));
        String report = Files.readString(out.resolve("REPORT.md"));
        List<ScoreRow> scores = Tables.readScores(out.resolve("sweep/scores.parquet"));
        List<CorrelationSummaryRow> summary = Tables.readSummaries(out.resolve("sweep/correlations_summary.parquet"));

        assertEquals(2 * 12 * 4, scores.size(), "two checkpoints × 48 questions");
        for (String revision : List.of("step10", "step30")) {
            List<ScoreRow> rows = scores.stream().filter(r -> r.revision().equals(revision)).toList();
            double acc = rows.stream().mapToDouble(ScoreRow::acc).average().orElseThrow();
            double ll = rows.stream().mapToDouble(ScoreRow::logPVocabCorrect).average().orElseThrow();
            String row = String.format(Locale.ROOT, "| elusive-demo/neox-xs@%s | %d | %.0f | %.3g | %d | %.3f | %.3f |",
                    revision, rows.get(0).params(), rows.get(0).tokens(), rows.get(0).compute(), rows.size(), ll, acc);
            assertTrue(report.contains(row), "report has the table row " + row);
        }
        for (CorrelationSummaryRow r : DemoReport.stages(summary, Demo.TASK, "spearman")) {
            String row = String.format(Locale.ROOT, "| %s | %d | %d | %.3f | %.3f |", r.score(), r.n(), r.nNan(), r.mean(), r.median());
            assertTrue(report.contains(row), "report has the summary row " + row);
        }
        assertTrue(Files.exists(out.resolve("hub/models--elusive-demo--neox-xs/refs/step30")));
        for (String figure : List.of("figures/mass_demo_facts", "figures/mass_scatter_demo_facts")) {
            assertTrue(report.contains("![" + figure + ".png](" + figure + ".png)"), "report shows " + figure);
            for (String ext : List.of(".png", ".svg", ".csv")) assertTrue(Files.size(out.resolve(figure + ext)) > 0, figure + ext);
        }
        assertTrue(report.contains("The paper's mechanism"), "the mass figure has its caption");

        // second run: the family and every unit are reused, the report is written again
        Path weights;
        try (var files = Files.walk(out.resolve("hub"))) {
            weights = files.filter(p -> p.endsWith("model.safetensors")).findFirst().orElseThrow();
        }
        var trainedAt = Files.getLastModifiedTime(weights);
        assertEquals(0, Main.run(args));
        assertTrue(Files.readString(out.resolve("REPORT.md")).contains("(0 run now, 2 reused)"));
        assertEquals(trainedAt, Files.getLastModifiedTime(weights), "checkpoints are not trained again");
    }

    @Test
    void badSizeIsAUsageError(@TempDir Path dir) {
        assertEquals(2, Main.run("demo", "--out", dir.toString(), "--sizes", "huge"));
        assertEquals(2, Main.run("demo", "--out", dir.toString(), "--steps", "30,10"));
    }
}
