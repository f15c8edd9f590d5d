package org.elusive.forecast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import org.elusive.cli.Main;
import org.elusive.rows.ChoiceRow;
import org.elusive.rows.ScoreRow;
import org.elusive.store.RawTable;
import org.elusive.store.TableFormat;
import org.elusive.store.Tables;
import org.elusive.transform.Scores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The forecast end to end on a tiny family whose every choice follows a known law in log compute:
 * the correct choices rise toward their asymptotes, the incorrect ones fall. The per-choice laws are
 * then exact, so {@code per_choice} must predict the held-out checkpoints exactly, while freezing the
 * incorrect choices ({@code correct_only}) cannot.
 */
class ForecastPipelineTest {
    static final int CHECKPOINTS = 10, DOCS = 40, CHOICES = 4;
    static final double RATE_CORRECT = 0.8, RATE_INCORRECT = 1.1;

    @TempDir Path tmp;
    Path choices;
    List<ChoiceRow> rows;
    double[][] cCorrect = new double[DOCS][2], cIncorrect = new double[DOCS * CHOICES][2];

    @BeforeEach void family() {
        Random rnd = new Random(5);
        for (int d = 0; d < DOCS; d++) {
            double u = rnd.nextDouble();
            cCorrect[d] = new double[] {-0.2 - 0.3 * u, -(1 + 3 * rnd.nextDouble())};
            for (int c = 0; c < CHOICES; c++) cIncorrect[d * CHOICES + c] = new double[] {-3 - rnd.nextDouble(), 1 + rnd.nextDouble()};
        }
        rows = new ArrayList<>();
        for (int j = 0; j < CHECKPOINTS; j++) {
            double x = 9 + 0.3 * j;
            for (int d = 0; d < DOCS; d++) {
                double[] ll = truth(d, x);
                for (int c = 0; c < CHOICES; c++) {
                    rows.add(new ChoiceRow("toy", "toy/m", "step" + j, 1000, 1e6, Math.pow(10, x), "facts", d, c, c == gold(d),
                            ll[c], 1, 3, 3, false, null));
                }
            }
        }
        choices = tmp.resolve("choices.parquet");
        Tables.writeChoices(choices, rows, TableFormat.PARQUET);
    }

    static int gold(int d) { return d % CHOICES; }

    /** Every choice's log-likelihood of doc d at x = log10(compute), from the known laws. */
    double[] truth(int d, double x) {
        double[] ll = new double[CHOICES];
        for (int c = 0; c < CHOICES; c++) {
            double[] law = c == gold(d) ? cCorrect[d] : cIncorrect[d * CHOICES + c];
            ll[c] = law[0] + law[1] * Math.exp(-(c == gold(d) ? RATE_CORRECT : RATE_INCORRECT) * (x - 9));
        }
        return ll;
    }

    @Test void observedScoresAreTheScoresTables() {
        Panel p = Panels.fromChoices(List.of(choices), ScalingSets.families(List.of())).get(0);
        List<ScoreRow> scores = Scores.compute(rows);
        for (ScoreRow s : scores) {
            int j = Integer.parseInt(s.revision().substring(4)), d = (int) s.docId();
            assertEquals(s.acc(), p.acc()[j][d], 0);
            assertEquals(s.brier(), p.brier()[j][d], 1e-15);
            assertEquals(s.pChoicesCorrect(), p.pCorrect()[j][d], 1e-15);
        }
        assertEquals(0.25, p.chance(), 1e-15);
    }

    @Test void perChoiceLawsPredictTheHeldOutCheckpointsExactly() {
        Backtest.Result r = Backtest.run(Panels.fromChoices(List.of(choices), ScalingSets.families(List.of())), Backtest.Protocol.holdoutLargest(3));
        assertEquals(List.of(), r.notes());
        assertEquals(Methods.NAMES.size() * 3, r.rows().size());
        Map<String, Backtest.SummaryRow> all = r.summary().stream().filter(s -> s.benchmark().equals("all"))
                .collect(Collectors.toMap(Backtest.SummaryRow::method, s -> s));
        assertEquals(Methods.NAMES.size(), all.size());
        Backtest.SummaryRow perChoice = all.get(ChoiceLaws.PER_CHOICE);
        assertEquals(3, perChoice.n());
        assertEquals(0, perChoice.maeAcc(), 1e-12);
        assertEquals(0, perChoice.maeBrier(), 1e-5);
        assertEquals(0, perChoice.maePCorrect(), 1e-5);
        assertTrue(all.get(ChoiceLaws.CORRECT_ONLY).maePCorrect() > 0.01, "frozen incorrect choices should miss: "
                + all.get(ChoiceLaws.CORRECT_ONLY));
        for (Backtest.Row row : r.rows()) {
            if (row.method().equals(AccSigmoid.NAME)) assertTrue(row.accPred() >= 0.25 && row.accPred() <= 1, row.toString());
            assertTrue(row.compute() > Math.pow(10, 9 + 0.3 * 6) * 1.0001, "only the 3 largest are held out: " + row);
        }
    }

    @Test void cliBacktestWritesTablesAndTheFigure() throws Exception {
        Path out = tmp.resolve("bt");
        assertEquals(0, Main.run("forecast", "backtest", "--choices", choices.toString(), "--sets", "toy",
                "--cutoff-compute", Double.toString(Math.pow(10, 9 + 0.3 * 6) * 1.0001), "--out", out.toString(), "--format", "csv"));
        RawTable pred = RawTable.read(out.resolve("predictions.csv"));
        assertEquals(ForecastTables.PREDICTION_COLUMNS, pred.columns());
        assertEquals(Methods.NAMES.size() * 3, pred.rows().size());
        RawTable summary = RawTable.read(out.resolve("summary.csv"));
        assertEquals(2 * Methods.NAMES.size(), summary.rows().size()); // per benchmark, then all
        assertTrue(Files.size(out.resolve("figures/forecast.png")) > 1000);
        assertTrue(Files.readString(out.resolve("figures/forecast.svg")).contains("<svg"));
        List<String> drawn = Files.readAllLines(out.resolve("figures/forecast.csv"));
        assertEquals("panel,series,x,y", drawn.get(0));
        // 7 observed training points, 3 held out, 3 per method, 2 ends of the cutoff line
        assertEquals(1 + 7 + 3 + 3 * Methods.NAMES.size() + 2, drawn.size());
        assertTrue(drawn.contains(String.format(java.util.Locale.ROOT, "toy/facts,cutoff,%.17g,%.17g", 9 + 0.3 * 6, 0.0)), drawn.toString());
    }

    @Test void fitPredictsAtAGivenCompute() {
        Path out = tmp.resolve("fit.csv");
        assertEquals(0, Main.run("forecast", "fit", "--choices", choices.toString(), "--compute", "1e13", "--out", out.toString()));
        RawTable t = RawTable.read(out);
        assertEquals(ForecastTables.FIT_COLUMNS, t.columns());
        assertEquals(Methods.NAMES.size(), t.rows().size());
        double acc = 0, p = 0;
        for (int d = 0; d < DOCS; d++) {
            DocOutcome o = DocOutcome.of(truth(d, 13), gold(d));
            acc += o.acc() ? 1.0 / DOCS : 0;
            p += o.pCorrect() / DOCS;
        }
        String[] perChoice = t.rows().stream().filter(r -> r[3].equals(ChoiceLaws.PER_CHOICE)).findFirst().orElseThrow();
        assertEquals(acc, Double.parseDouble(perChoice[4]), 1e-12);
        assertEquals(p, Double.parseDouble(perChoice[6]), 1e-4);
        assertEquals("10", perChoice[7]);
    }

    @Test void scoresRunOnlyTheAggregateMethodsAndAgreeWithChoices() {
        Path scores = tmp.resolve("scores.parquet");
        Tables.writeScores(scores, Scores.compute(rows), TableFormat.PARQUET);
        Backtest.Result fromScores = Backtest.run(Panels.fromScores(scores, ScalingSets.families(List.of())), Backtest.Protocol.holdoutLargest(3));
        Backtest.Result fromChoices = Backtest.run(Panels.fromChoices(List.of(choices), ScalingSets.families(List.of())), Backtest.Protocol.holdoutLargest(3));
        assertEquals(List.of(AccSigmoid.NAME, SandwichMethod.NAME), fromScores.rows().stream().map(Backtest.Row::method).distinct().toList());
        assertEquals(1, fromScores.notes().size());
        for (Backtest.Row s : fromScores.rows()) {
            Backtest.Row c = fromChoices.rows().stream().filter(r -> r.method().equals(s.method()) && r.revision().equals(s.revision()))
                    .findFirst().orElseThrow();
            assertEquals(c.accPred(), s.accPred(), 1e-12);
            assertEquals(c.acc(), s.acc(), 1e-15);
        }
    }

    @Test void aSingleChoiceTaskRunsOnlyTheAggregateMethods() {
        List<ChoiceRow> single = rows.stream().filter(ChoiceRow::gold).map(r -> new ChoiceRow(r.family(), r.model(), r.revision(),
                r.params(), r.tokens(), r.compute(), r.task(), r.docId(), 0, true, r.logprob(), 1, 3, 3, false, null)).toList();
        Path file = tmp.resolve("single.parquet");
        Tables.writeChoices(file, single, TableFormat.PARQUET);
        Backtest.Result r = Backtest.run(Panels.fromChoices(List.of(file), ScalingSets.families(List.of())), Backtest.Protocol.holdoutLargest(3));
        assertEquals(List.of(AccSigmoid.NAME, SandwichMethod.NAME), r.rows().stream().map(Backtest.Row::method).distinct().toList());
        assertTrue(r.notes().get(0).contains("single choice"), r.notes().toString());
    }

    @Test void tooFewTrainingCheckpointsIsBadInput() {
        assertEquals(2, Main.run("forecast", "backtest", "--choices", choices.toString(), "--cutoff-compute", "1.5e9",
                "--out", tmp.resolve("x").toString()));
        assertEquals(2, Main.run("forecast", "backtest", "--choices", choices.toString(), "--holdout-largest", "8",
                "--out", tmp.resolve("x").toString()));
        assertEquals(2, Main.run("forecast", "backtest", "--choices", choices.toString(), "--sets", "nope",
                "--holdout-largest", "2", "--out", tmp.resolve("x").toString()));
    }

    @Test void tiesAtTheHoldoutBoundaryAreHeldOutTogether() {
        List<Panel.Checkpoint> cks = List.of(new Panel.Checkpoint("a", "1", 1), new Panel.Checkpoint("a", "2", 2),
                new Panel.Checkpoint("a", "3", 3), new Panel.Checkpoint("b", "1", 4), new Panel.Checkpoint("c", "1", 4),
                new Panel.Checkpoint("a", "4", 5));
        Panel p = new Panel("s", "t", cks, new long[0], new int[0], new int[0], null, null, null, null);
        Split s = Split.holdoutLargest(p, 2);
        assertEquals(3, s.cutoff());
        assertEquals(List.of(3, 4, 5), java.util.Arrays.stream(s.testIndices()).boxed().toList());
    }
}
