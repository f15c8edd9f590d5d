package org.elusive.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.elusive.cli.Main;
import org.elusive.catalog.Checkpoint;
import org.elusive.rows.ChoiceRow;
import org.elusive.store.Tables;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real backend in-process: tiny GPT-NeoX checkpoints in an HF cache, tasks from YAML, the batched scorer, the engine. */
class RealSweepTest {
    @TempDir Path tmp;

    static int sweep(List<String> args) {
        List<String> all = new ArrayList<>(List.of("sweep"));
        all.addAll(args);
        return Main.run(all.toArray(String[]::new));
    }

    @Test void realSweepScoresEveryUnitAndFeedsTheEngine() throws Exception {
        Path out = SweepProcesses.realBaseline();
        assertEquals(8, new UnitStore(out).doneUnitFiles().size());
        var rows = SweepTest.allRows(out);
        assertEquals(4 * 9 * (3 + 2), rows.size());   // 4 checkpoints × 9 docs × (3 + 2 choices)
        for (var r : rows) {
            assertTrue(r.logprob() < 0 && r.nTokens() > 0 && r.tokenLogprobs() != null && r.tokenLogprobs().length == r.nTokens(),
                    () -> "row " + r);
        }
        // the streamed tables equal the engine run once over all the choices
        var scores = Tables.readScores(out.resolve("scores.parquet"));
        assertEquals(4 * 9 * 2, scores.size());
        var expected = new ArrayList<>(org.elusive.transform.Scores.compute(rows));
        expected.sort(java.util.Comparator.comparing(org.elusive.rows.ScoreRow::family)
                .thenComparingLong(org.elusive.rows.ScoreRow::params).thenComparingDouble(org.elusive.rows.ScoreRow::tokens)
                .thenComparing(org.elusive.rows.ScoreRow::model).thenComparing(org.elusive.rows.ScoreRow::revision)
                .thenComparing(org.elusive.rows.ScoreRow::task).thenComparingLong(org.elusive.rows.ScoreRow::docId));
        assertEquals(expected, scores);
        var corr = Tables.readCorrelations(out.resolve("correlations.parquet"));
        assertEquals(org.elusive.correlate.Correlations.compute(expected), corr);
        assertEquals(2 * 9 * 9 * 3, corr.size());   // 2 tasks × 9 docs × 9 scores × 3 methods
        assertTrue(corr.stream().allMatch(c -> c.nModels() == 4));
        assertTrue(Files.exists(out.resolve("correlations_summary.parquet")));
        for (String task : List.of("tiny_qa", "tiny_pick")) {
            for (String method : List.of("pearson", "spearman", "kendall")) {
                for (String ext : List.of("png", "svg", "csv")) {
                    Path fig = out.resolve("figures").resolve("correlations_" + task + "_" + method + "." + ext);
                    assertTrue(Files.size(fig) > 100, fig + " missing or empty");
                }
            }
        }
        try (var left = Files.list(out.resolve("figures"))) {
            assertEquals(18, left.count(), "no scratch directories left behind");   // 2 tasks × 3 methods × png, svg, csv
        }
    }

    @Test void rerunSkipsDoneUnitsAndReportsMissingCheckpointsWithTheFetchCommand() throws Exception {
        TinyFamily world = SweepProcesses.world();
        Path out = tmp.resolve("out");
        copyTree(SweepProcesses.realBaseline(), out);
        Path emptyHub = Files.createDirectories(tmp.resolve("empty-hub"));
        Checkpoint gone = new Checkpoint("tiny", "tiny/tiny-s2", "step10", 80000, 40960);
        Files.delete(new UnitStore(out).doneFile(new Unit(gone, "tiny_qa")));
        List<String> args = new ArrayList<>(world.sweepArgs(out, 3));
        args.set(args.indexOf("--hub-cache") + 1, emptyHub.toString());

        PrintStream old = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true));
        int rc;
        try {
            rc = sweep(args);
        } finally {
            System.setOut(old);
        }
        String log = captured.toString();
        assertEquals(1, rc, log);
        assertTrue(log.contains("7 already done"), log);
        assertTrue(log.contains("done (kept; cannot re-check its fingerprint"), log);
        assertTrue(log.contains("FAILED (missing)") && log.contains("huggingface-cli download tiny/tiny-s2 --revision step10"), log);
        UnitStore.Failed f = new UnitStore(out).failed(new Unit(gone, "tiny_qa")).orElseThrow();
        assertEquals("missing", f.kind());
        assertTrue(f.error().contains("huggingface-cli download tiny/tiny-s2 --revision step10"));
        // back with the real cache: the missing unit is scored, the rest skipped
        assertEquals(0, sweep(world.sweepArgs(out, 3)));
        SweepTest.assertSameRows(SweepTest.allRows(SweepProcesses.realBaseline()), SweepTest.allRows(out));
    }

    /** One evaluation path: `eval` of one checkpoint gives the sweep's rows for it, number for number. */
    @Test void evalOfOneCheckpointGivesTheSweepsRows() throws Exception {
        TinyFamily world = SweepProcesses.world();
        Checkpoint c = new Checkpoint("tiny", "tiny/tiny-s2", "step10", 80000, 40960);
        Path dir = org.elusive.catalog.CheckpointResolver.resolve(c.spec(), world.hubCache());
        Path out = tmp.resolve("eval.parquet");
        assertEquals(0, Main.run("eval", "--model", dir.toString(), "--tasks", "tiny_qa", "--tasks-dir", world.tasksDir().toString(),
                "--data-dir", world.dataDir().toString(), "--device", "cpu", "--out", out.toString()));
        List<ChoiceRow> evaluated = Tables.readChoices(out);
        List<ChoiceRow> swept = Tables.readChoices(new UnitStore(SweepProcesses.realBaseline()).unitFile(new Unit(c, "tiny_qa")));
        assertEquals(9 * 3, swept.size());
        assertEquals(swept.size(), evaluated.size());
        // The scorer lays the requests it is given out together (shared prefixes across documents), and the
        // sweep gives it parts of 3 requests while eval gives it the whole task: the rows differ, so fp32
        // rounding may differ in the last bits. Everything but the log-probs is equal; they agree to 1e-5.
        for (int i = 0; i < swept.size(); i++) {
            ChoiceRow e = evaluated.get(i), s = swept.get(i);
            assertEquals(List.of(s.task(), s.docId(), s.choice(), s.gold(), s.nTokens(), s.nChars(), s.nBytes(), s.greedy()),
                    List.of(e.task(), e.docId(), e.choice(), e.gold(), e.nTokens(), e.nChars(), e.nBytes(), e.greedy()),
                    "row " + i);
            assertEquals(s.logprob(), e.logprob(), 1e-5, "logprob of row " + i);
            assertEquals(s.tokenLogprobs().length, e.tokenLogprobs().length, "tokens of row " + i);
            for (int j = 0; j < s.tokenLogprobs().length; j++) {
                assertEquals(s.tokenLogprobs()[j], e.tokenLogprobs()[j], 1e-5f, "token " + j + " of row " + i);
            }
        }
    }

    static void copyTree(Path from, Path to) throws Exception {
        try (var s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path t = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(t);
                else Files.copy(p, t);
            }
        }
    }
}
